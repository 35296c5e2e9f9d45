import time

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction

from cooperation.notices import synergies
from cooperation.organisation.models import MUNICIPALITY_FIXTURES, get_municipality
from cooperation.portal import demo

MUNICIPALITIES = list(MUNICIPALITY_FIXTURES)
# What --replace keeps of the product's apps: shared reference data (the core app, the reference fixture's
# programmes and funding sources) and the users; Django's own tables are never touched.
KEPT_MODELS = {"organisation.user", "projects.fundingsource", "projects.programme"}


class Command(BaseCommand):
    help = (
        "Load the reference data and one municipality's organisation, then add a fictional demo portfolio and one "
        "demo account per role. Running it again adds nothing that is already there. An installation keeps one "
        "municipality: --replace deletes the present one's data and demo portfolio first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--municipality", choices=MUNICIPALITIES, default="goteborg")
        parser.add_argument("--size", choices=list(demo.SIZES), default="small")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete the present municipality's data and demo portfolio (users are kept) and start over; for demo "
            "and test installations. Asks for confirmation unless --no-input is given.",
        )
        parser.add_argument(
            "--allow-demo-accounts",
            action="store_true",
            help="Create the demo accounts, whose password is known, although DEBUG is off (a demo installation).",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation before --replace deletes the data.",
        )

    def confirmed(self, present) -> bool:
        """As Django's flush: the deletion is irreversible, so it is typed out."""
        answer = input(
            f"Detta tar bort all data för {present} (organisation, beslut, portfölj och historik; användarna behålls) "
            "och kan inte ångras. Skriv 'ja' för att fortsätta: "
        )
        return answer.strip().lower() in {"ja", "yes"}

    def handle(self, *args, municipality, size, replace, interactive=True, allow_demo_accounts=False, **options):
        if not (settings.DEBUG or allow_demo_accounts):
            raise CommandError(
                f"seed_demo skapar demokonton med det kända lösenordet ”{demo.DEMO_PASSWORD}”, bland dem "
                "superanvändaren admin, och gör det bara med DEBUG=true (utveckling) eller med --allow-demo-accounts "
                "(en demoinstallation). Inget har ändrats."
            )
        present = get_municipality()
        if replace and present is not None and interactive and not self.confirmed(present):
            self.stdout.write("Avbrutet; inget har ändrats.")
            return
        started = time.monotonic()
        with transaction.atomic():
            if replace and (present := get_municipality()) is not None:
                delete_municipality_data()
                self.stdout.write(f"{present} och demodata borttagna.")
            # A second municipality is refused by the model layer (SecondMunicipality) and all of this rolls back.
            call_command("loaddata", "reference", municipality, verbosity=0)
            counts = demo.build(size)
        if size != "large":  # the demo is loaded in bulk, without signals; at the large size this would take long
            synergies.rebuild()
        self.stdout.write(f"Demodata för {municipality} ({size}) klar på {time.monotonic() - started:.1f} s:")
        for name, count in counts.items():
            self.stdout.write(f"  {name}: {count}")
        self.stdout.write(f"Demokonton (lösenord: {demo.DEMO_PASSWORD}):")
        for username, first, last, role, _unit in demo.DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<14} {first} {last}, {role.label}")


def delete_municipality_data():
    """Empty every table of the municipality's organisation and portfolio, history included, in one statement set."""
    tables = [
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_config.name.startswith("cooperation.")
        and model._meta.app_label != "core"
        and model._meta.label_lower not in KEPT_MODELS
        and kept_by(model) is None
    ]
    connection.check_constraints()  # PostgreSQL truncates no table with deferred checks pending in this transaction
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables, reset_sequences=False))


def kept_by(model):
    """The kept model a history table or many-to-many table belongs to, if any."""
    source = getattr(model, "instance_type", None)  # simple-history's historical models
    if source is None and model._meta.auto_created:
        source = model._meta.auto_created
    if source is not None and source._meta.label_lower in KEPT_MODELS:
        return source
    return None
