"""Build the synergy finder's keys and open overlaps for every item, after a load that sent no signals."""

import time

from django.core.management.base import BaseCommand

from cooperation.notices import synergies


class Command(BaseCommand):
    help = "Bygger om synergisökarens nycklar och öppna överlapp för alla poster (avfärdade överlapp behålls)."

    def handle(self, *args, **options):
        started = time.monotonic()
        done = synergies.rebuild()
        self.stdout.write(f"{done} poster jämförda på {time.monotonic() - started:.1f} s.")
