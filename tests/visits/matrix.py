"""Who may open which visit page: the visits' rows of the permission matrix (tests/test_permissions.py)."""

import datetime

from cooperation.organisation.models import User
from cooperation.visits.choices import VisitKind
from cooperation.visits.models import CalendarFeed, Visit, VisitHost
from tests.permissions import FOUND, NOT_FOUND, ROLES, SIGNED_IN, everyone, only


def objects(org) -> dict:
    """A study visit hosted by unit A (official_a's unit), and official_a's calendar link."""
    visit = Visit.objects.create(
        kind=VisitKind.STUDY, title="Studiebesök från Tallinn", start_date=datetime.date(2026, 5, 4), country="EE"
    )
    VisitHost.objects.create(visit=visit, unit=org.unit_a)
    link = CalendarFeed(user=User.objects.get(username="official_a"))
    link.new_token()
    link.save()
    return {"visit": visit, "calendar_link": link}


def owner_only(owner: str) -> dict[str, int]:
    """Someone's own calendar link: theirs to open, a 404 to everyone else signed in."""
    return {"anonymous": FOUND, **{role: 200 if role == owner else NOT_FOUND for role in SIGNED_IN}}


MATRIX = {
    "visits:visit_list": ([], everyone()),
    "visits:visit_add": ([], only("official_a", "official_b", "coordinator", "administrator")),
    "visits:visit_detail": (["visit"], everyone()),
    "visits:visit_edit": (["visit"], only("official_a", "coordinator", "administrator")),
    "visits:visit_delete": (["visit"], only("coordinator", "administrator")),
    "visits:visit_calendar": (["visit"], everyone()),
    "visits:calendarfeed_add": ([], everyone()),
    "visits:calendarfeed_renew": (["calendar_link"], owner_only("official_a")),
    "visits:calendarfeed_revoke": (["calendar_link"], owner_only("official_a")),
    # The matrix cannot know a link's token (only its hash is kept): the link's id as a token is a wrong token,
    # a 404 for everyone, never the sign-in page. The right token is tested in test_calendar.py.
    "visits:calendar_feed": (["calendar_link"], dict.fromkeys(ROLES, NOT_FOUND)),
}
