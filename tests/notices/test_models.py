import datetime

import pytest
from django.core.exceptions import ValidationError

from cooperation.notices.choices import Area, EventKind, NoticeState
from cooperation.notices.models import Notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(org, official_a):
    return Notice.objects.create(area=Area.PROJECTS, unit=org.unit_a, submitted_by=official_a, summary="Nytt projekt")


def test_notices_are_numbered_per_year(org, notice):
    year = notice.submitted_on.year
    assert notice.number == f"{year}-001"
    Notice.objects.filter(pk=notice.pk).update(number=f"{year}-999")
    second = Notice.objects.create(area=Area.VISITS, unit=org.unit_a, summary="Studiebesök")
    assert second.number == f"{year}-1000"
    third = Notice.objects.create(area=Area.VISITS, unit=org.unit_a, summary="Studiebesök")
    assert third.number == f"{year}-1001"


UTC = datetime.UTC


@pytest.mark.parametrize(
    ("created_at", "number"),
    [
        (datetime.datetime(2025, 12, 31, 22, 30, tzinfo=UTC), "2025-001"),  # 23:30 on New Year's Eve in Stockholm
        (datetime.datetime(2025, 12, 31, 23, 30, tzinfo=UTC), "2026-001"),  # 00:30 on 1 January in Stockholm
        (datetime.datetime(2026, 6, 30, 22, 30, tzinfo=UTC), "2026-001"),  # summer time: 00:30 on 1 July
    ],
)
def test_the_number_has_the_year_in_stockholm(org, created_at, number):
    notice = Notice.objects.create(area=Area.PROJECTS, unit=org.unit_a, summary="Nyår", created_at=created_at)
    assert notice.number == number


def test_legal_moves_leave_a_trail(notice, coordinator, official_a):
    notice.move_to(NoticeState.UNDER_REVIEW, coordinator)
    notice.move_to(NoticeState.INFO_REQUESTED, coordinator, "Vilka partner?")
    notice.move_to(NoticeState.UNDER_REVIEW, official_a, "Partner i Riga och Gdańsk.")
    notice.move_to(NoticeState.ACKNOWLEDGED, coordinator)
    notice.move_to(NoticeState.CLOSED, coordinator)
    trail = list(notice.events.values_list("kind", "actor__username", "from_state", "to_state", "comment"))
    assert trail == [
        (EventKind.STATE_CHANGED, "coordinator", "submitted", "under_review", ""),
        (EventKind.STATE_CHANGED, "coordinator", "under_review", "info_requested", "Vilka partner?"),
        (EventKind.ANSWERED, "official_a", "info_requested", "under_review", "Partner i Riga och Gdańsk."),
        (EventKind.STATE_CHANGED, "coordinator", "under_review", "acknowledged", ""),
        (EventKind.STATE_CHANGED, "coordinator", "acknowledged", "closed", ""),
    ]
    assert notice.history.first().history_user == coordinator


@pytest.mark.parametrize("target", [NoticeState.ACKNOWLEDGED, NoticeState.INFO_REQUESTED, NoticeState.SUBMITTED])
def test_illegal_moves_are_refused_and_change_nothing(notice, coordinator, target):
    with pytest.raises(ValidationError) as raised:
        notice.move_to(target, coordinator)
    assert "Status: en anmälan kan inte gå från" in raised.value.message_dict["state"][0]
    notice.refresh_from_db()
    assert notice.state == NoticeState.SUBMITTED
    assert not notice.events.exists()


def test_a_notice_concerns_one_item_at_most(org, notice):
    from cooperation.cities.models import CityRelation
    from cooperation.consultations.models import Consultation

    notice.city_relation = CityRelation.objects.create(city="Riga", country="LV", kind="contact")
    notice.consultation = Consultation.objects.create(
        title="Remiss", origin="commission", unit=org.unit_a, received_on="2026-01-01"
    )
    with pytest.raises(ValidationError) as raised:
        notice.full_clean()
    assert raised.value.message_dict["consultation"] == ["Gäller: en anmälan gäller högst ett ärende."]
