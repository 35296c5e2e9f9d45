from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from .export_portfolio import RECREATED


def rows_present() -> list[str]:
    """The models that already hold rows, leaving out those migrate creates."""
    return [
        model._meta.label
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label not in RECREATED
        and model._meta.label_lower not in RECREATED
        and model._base_manager.exists()
    ]


class Command(BaseCommand):
    help = (
        "Load a file written by export_portfolio into an empty, migrated database: every row and every history row "
        "as it was, and no history that did not happen. Refuses a database that holds data."
    )

    def add_arguments(self, parser):
        parser.add_argument("input", help="The file export_portfolio wrote.")

    def handle(self, *args, input, **options):
        present = rows_present()
        if present:
            more = " …" if len(present) > 5 else ""
            raise CommandError(
                f"Databasen innehåller redan data ({', '.join(present[:5])}{more}); importen kräver en tom, migrerad "
                "databas. Inget har ändrats."
            )
        # One transaction: all of it or nothing. Our loaddata adds no history of its own (core's command).
        call_command("loaddata", input, verbosity=options["verbosity"], stdout=self.stdout)
        self.stdout.write(f"Portföljen importerad från {input}.")
