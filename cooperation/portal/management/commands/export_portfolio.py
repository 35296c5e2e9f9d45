from django.core.management import call_command
from django.core.management.base import BaseCommand

# Recreated by migrate, and referred to by their natural keys in the file, so their ids need not match.
RECREATED = ["contenttypes", "auth.permission"]


class Command(BaseCommand):
    help = (
        "Write every row, history and admin log included, to a file that import_portfolio loads into an empty "
        "database as it was. XML, since Django's JSON keeps only milliseconds of a time. A name ending in .gz, "
        ".bz2, .xz or .zip is compressed."
    )

    def add_arguments(self, parser):
        parser.add_argument("output", help="The file to write, e.g. portfolio.xml.gz.")

    def handle(self, *args, output, **options):
        call_command(
            "dumpdata", format="xml", use_natural_foreign_keys=True, exclude=RECREATED, output=output, verbosity=0
        )
        self.stdout.write(f"Portföljen exporterad till {output}.")
