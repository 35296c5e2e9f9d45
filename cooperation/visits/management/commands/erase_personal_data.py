import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from cooperation.core import audit
from cooperation.visits.models import DelegationMember


class Command(BaseCommand):
    help = (
        "Erase (gallra) delegation members whose erase-on date has passed, with their history rows; the visits "
        "keep their delegation size, so the statistics stay. Meant for a daily timer; safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", type=datetime.date.fromisoformat, help="Pretend today is this date (ISO).")

    @transaction.atomic
    def handle(self, *args, date=None, **options):
        today = date or timezone.localdate()
        due = DelegationMember.objects.filter(erase_on__lt=today)
        ids = list(due.values_list("pk", flat=True))
        due.delete()
        # The history keeps every version of a name, the deletion's own row too: it goes, or nothing is erased.
        DelegationMember.history.filter(id__in=ids).delete()
        audit.record(audit.AuditEventKind.ERASURE, model="visits.delegationmember", count=len(ids), until=today)
        self.stdout.write(f"{len(ids)} delegater gallrade.")
