"""The public pages and open data: off by default, so a 404 for everyone (tests/opendata switch them on and open
every one of them as every persona)."""

from cooperation.opendata.urls import urlpatterns
from tests.permissions import ROLES

NAMES = [f"opendata:{pattern.name}" for pattern in urlpatterns]
MATRIX = {name: ([], dict.fromkeys(ROLES, 404)) for name in NAMES}


def objects(org):
    return {}
