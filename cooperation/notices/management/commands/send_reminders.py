import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from cooperation.notices.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Remind the central office of unanswered coordination notices and of evaluations, reviews and agreement "
        "end dates coming due. Meant for a daily timer; running it again sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", type=datetime.date.fromisoformat, help="Pretend today is this date (ISO).")

    def handle(self, *args, date=None, **options):
        sent = send_reminders(date or timezone.localdate())
        self.stdout.write(f"{len(sent)} nya påminnelser skickade.")
        for item in sent:
            self.stdout.write(f"  {item.kind} {item.key}: {item.due_on:%Y-%m-%d} {item.item}")
