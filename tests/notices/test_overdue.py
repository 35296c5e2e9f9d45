"""A notice is overdue the same way one at a time (`is_overdue`) and in a query (`overdue()`), whatever day it came."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from cooperation.notices.models import Notice

pytestmark = pytest.mark.django_db
D = datetime.date
STOCKHOLM = ZoneInfo("Europe/Stockholm")
# Monday 11 May to Sunday 17 May 2026; Thursday 14 May is Ascension Day (Kristi himmelsfärdsdag), a day off.
WEEK = [D(2026, 5, 11) + datetime.timedelta(days=n) for n in range(7)]


def created(day: datetime.date, hour: int, minute: int = 30) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=STOCKHOLM)


@pytest.mark.parametrize("day", WEEK, ids=lambda day: day.strftime("%a %d %b"))
@pytest.mark.parametrize("hour", [0, 12, 23], ids=["00:30", "12:30", "23:30"])  # 00:30 is the day before in UTC
def test_is_overdue_agrees_with_overdue_on_every_day(org, day, hour):
    notice = Notice.objects.create(area="projects", unit=org.unit_a, summary="Ny", created_at=created(day, hour))
    assert notice.submitted_on == day
    for today in (day + datetime.timedelta(days=n) for n in range(16)):
        in_query = Notice.objects.overdue(today).filter(pk=notice.pk).exists()
        assert notice.is_overdue(today) == in_query, f"made {day}, today {today}"
        assert in_query == (today >= notice.answer_due_on())


@pytest.mark.parametrize(
    ("day", "due"),
    [
        (D(2026, 5, 8), D(2026, 5, 18)),  # Friday: Mon–Wed, (Thursday off), Fri, Mon
        (D(2026, 5, 9), D(2026, 5, 18)),  # Saturday: counts from the Friday before
        (D(2026, 5, 10), D(2026, 5, 18)),  # Sunday: likewise
        (D(2026, 5, 13), D(2026, 5, 21)),  # Wednesday before the day off
        (D(2026, 5, 14), D(2026, 5, 21)),  # on the day off itself
    ],
)
def test_a_notice_made_on_a_weekend_or_a_day_off_is_due_with_the_working_day_before(org, day, due):
    notice = Notice.objects.create(area="projects", unit=org.unit_a, summary="Ny", created_at=created(day, 10))
    assert notice.answer_due_on() == due
    assert list(Notice.objects.overdue(due)) == [notice]
    assert not Notice.objects.overdue(due - datetime.timedelta(days=1)).exists()
