import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from cooperation.core import demo

MUNICIPALITIES = ["goteborg", "molndal", "vanersborg", "lidkoping", "jonkoping"]


class Command(BaseCommand):
    help = (
        "Load the reference data and one municipality's organisation, then add a fictional demo portfolio and one "
        "demo account per role. Running it again adds nothing that is already there."
    )

    def add_arguments(self, parser):
        parser.add_argument("--municipality", choices=MUNICIPALITIES, default="goteborg")
        parser.add_argument("--size", choices=list(demo.SIZES), default="small")

    def handle(self, *args, municipality, size, **options):
        started = time.monotonic()
        call_command("loaddata", "reference", municipality, verbosity=0)
        with transaction.atomic():
            counts = demo.build(municipality, size)
        self.stdout.write(f"Demodata för {municipality} ({size}) klar på {time.monotonic() - started:.1f} s:")
        for name, count in counts.items():
            self.stdout.write(f"  {name}: {count}")
        self.stdout.write(f"Demokonton (lösenord: {demo.DEMO_PASSWORD}):")
        for username, first, last, role, _unit in demo.DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<14} {first} {last}, {role.label}")
