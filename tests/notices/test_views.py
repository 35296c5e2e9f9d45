"""A notice's times read in Stockholm on every page: the database keeps UTC."""

import datetime

import pytest
from django.urls import reverse

from cooperation.core import history
from cooperation.notices.choices import EventKind
from cooperation.notices.models import Notice, NoticeEvent

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


@pytest.fixture
def notice(org, official_a):
    """Made 2025-06-02 10:00 UTC, which is 12:00 in Stockholm (summer time); answered 2025-12-01 10:00 UTC (11:00)."""
    notice = Notice.objects.create(
        area="projects",
        unit=org.unit_a,
        submitted_by=official_a,
        summary="Nytt projekt",
        created_at=datetime.datetime(2025, 6, 2, 10, 0, tzinfo=UTC),
        first_answered_at=datetime.datetime(2025, 12, 1, 10, 0, tzinfo=UTC),
    )
    notice.events.create(
        kind=EventKind.COMMENT, actor=official_a, created_at=datetime.datetime(2025, 6, 2, 10, 5, tzinfo=UTC)
    )
    return notice


def test_the_inbox_shows_the_time_in_stockholm(client, coordinator, notice):
    client.force_login(coordinator)
    html = client.get(reverse("notices:notice_list")).content.decode()
    assert "2025-06-02 12:00" in html
    assert "10:00" not in html


def test_the_notice_page_shows_its_facts_and_trail_in_stockholm(client, coordinator, notice):
    client.force_login(coordinator)
    html = client.get(notice.get_absolute_url()).content.decode()
    assert "2025-06-02 12:00" in html  # submitted at, in the facts
    assert "2025-12-01 11:00" in html  # first answered at, winter time
    assert "2025-06-02 12:05" in html  # the trail
    assert "10:00" not in html and "10:05" not in html


def test_the_coordinators_start_page_shows_an_overdue_notice_in_stockholm(client, coordinator, notice):
    client.force_login(coordinator)
    html = client.get(reverse("home")).content.decode()
    assert "2025-06-02 12:00" in html


def test_history_and_the_trail_text_read_the_day_and_time_in_stockholm(notice):
    field = Notice._meta.get_field("created_at")
    assert history._display(field, datetime.datetime(2025, 12, 31, 23, 30, tzinfo=UTC), {}) == "2026-01-01"
    event = NoticeEvent.objects.get()
    assert str(event).endswith("2025-06-02 12:05")
