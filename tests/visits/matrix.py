"""Who may open which visit page: the visits' rows of the permission matrix (tests/test_permissions.py)."""

import datetime

from cooperation.visits.choices import VisitKind
from cooperation.visits.models import Visit, VisitHost
from tests.permissions import everyone, only


def objects(org) -> dict:
    """A study visit hosted by unit A (official_a's unit)."""
    visit = Visit.objects.create(
        kind=VisitKind.STUDY, title="Studiebesök från Tallinn", start_date=datetime.date(2026, 5, 4), country="EE"
    )
    VisitHost.objects.create(visit=visit, unit=org.unit_a)
    return {"visit": visit}


MATRIX = {
    "visits:visit_list": ([], everyone()),
    "visits:visit_add": ([], only("official_a", "official_b", "coordinator", "administrator")),
    "visits:visit_detail": (["visit"], everyone()),
    "visits:visit_edit": (["visit"], only("official_a", "coordinator", "administrator")),
    "visits:visit_delete": (["visit"], only("coordinator", "administrator")),
}
