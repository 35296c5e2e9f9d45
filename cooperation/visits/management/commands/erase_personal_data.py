import datetime
import json

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from cooperation.core import audit
from cooperation.visits.models import DelegationMember

ERASED = "(gallrad)"


def due_members(today) -> set[int]:
    """Members whose erase-on date has passed: those still on a visit, and those removed from one or deleted with
    it, whose last history row gives the date."""
    present = set(DelegationMember.objects.filter(erase_on__lt=today).values_list("pk", flat=True))
    last = DelegationMember.history.filter(id=OuterRef("id")).order_by("-history_date", "-history_id")
    gone = (
        DelegationMember.history.exclude(id__in=DelegationMember.objects.values("pk"))
        .annotate(last_erase_on=Subquery(last.values("erase_on")[:1]))
        .filter(last_erase_on__lt=today)
        .values_list("id", flat=True)
    )
    return present | set(gone)


def scrub_admin_log(ids: set[int], names: set[str]) -> int:
    """Replace the names in the admin log: the members' own entries, and the inline rows of their visits' entries.
    Who did what and when stays. The log is read whole: it is small, and a name may be in any entry."""
    if not names:
        return 0
    member_type = ContentType.objects.get_for_model(DelegationMember)
    own = {str(pk) for pk in ids}
    entries = []
    for entry in LogEntry.objects.iterator():
        repr_, message = entry.object_repr, scrub_message(entry.change_message, names)
        if repr_ in names or (entry.content_type_id == member_type.pk and entry.object_id in own):
            repr_ = ERASED
        if (repr_, message) != (entry.object_repr, entry.change_message):
            entry.object_repr, entry.change_message = repr_, message
            entries.append(entry)
    LogEntry.objects.bulk_update(entries, ["object_repr", "change_message"])  # the log is not a tracked model
    return len(entries)


def scrub_message(message: str, names: set[str]) -> str:
    """The admin's change message (JSON, naming inline rows by "object") without the names."""
    try:
        parts = json.loads(message)
    except ValueError:
        parts = None
    if not isinstance(parts, list):  # a message the admin did not build: plain text
        for name in names:
            message = message.replace(name, ERASED)
        return message
    scrubbed = False
    for part in parts:
        for detail in part.values() if isinstance(part, dict) else ():
            if isinstance(detail, dict) and detail.get("object") in names:
                detail["object"], scrubbed = ERASED, True
    return json.dumps(parts) if scrubbed else message


class Command(BaseCommand):
    help = (
        "Erase (gallra) delegation members whose erase-on date has passed, with their history rows and their names "
        "in the admin log, also of members removed from a visit or deleted with it; the visits keep their "
        "delegation size, so the statistics stay. Meant for a daily timer; safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", type=datetime.date.fromisoformat, help="Pretend today is this date (ISO).")

    @transaction.atomic
    def handle(self, *args, date=None, **options):
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA secure_delete = ON")  # deleted rows are overwritten, not left in the file
        today = date or timezone.localdate()
        ids = due_members(today)
        names = set(DelegationMember.history.filter(id__in=ids).values_list("name", flat=True))
        names |= set(DelegationMember.objects.filter(pk__in=ids).values_list("name", flat=True))
        DelegationMember.objects.filter(pk__in=ids).delete()
        # The history keeps every version of a name, the deletion's own row too: it goes, or nothing is erased.
        DelegationMember.history.filter(id__in=ids).delete()
        entries = scrub_admin_log(ids, names)
        audit.record(audit.AuditEventKind.ERASURE, model="visits.delegationmember", count=len(ids), until=today)
        self.stdout.write(f"{len(ids)} delegater gallrade; {entries} rader i adminloggen rensade.")
