"""The start page points each role to its step in the yearly follow-up: the units to their accounts, the office to
how far the units have come, KS to the report waiting for its receipt."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cooperation.reports.choices import FollowUpState
from cooperation.reports.models import FollowUp, UnitReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def follow_up(org, coordinator):
    follow_up = FollowUp.objects.create(year=2025, deadline=datetime.date(2026, 2, 13), opened_by=coordinator)
    UnitReport.objects.create(follow_up=follow_up, unit=org.unit_a)
    UnitReport.objects.create(
        follow_up=follow_up, unit=org.unit_b, submitted_at=datetime.datetime(2026, 2, 1, tzinfo=datetime.UTC)
    )
    return follow_up


def home(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("home")).content.decode()


def test_an_official_is_sent_to_their_units_account_until_it_is_submitted(client, follow_up, official_a, org):
    task = UnitReport.objects.get(unit=org.unit_a)
    html = home(client, official_a)
    assert "Årets uppföljning: redovisningar att lämna in" in html
    assert f'href="{task.get_absolute_url()}"' in html
    assert "lämnas in senast 2026-02-13" in html

    task.submitted_at = datetime.datetime(2026, 2, 2, tzinfo=datetime.UTC)
    task.save()
    assert "Årets uppföljning" not in home(client, official_a)


def test_another_units_official_sees_no_task_that_is_not_theirs(client, follow_up, official_b):
    # unit B has submitted; unit A's task is not official B's
    assert "Årets uppföljning" not in home(client, official_b)


def test_the_office_sees_how_many_units_have_submitted(client, follow_up, coordinator):
    html = home(client, coordinator)
    assert "Årsuppföljningar som pågår" in html
    assert "1 av 2 enheter har lämnat in" in html


def test_ks_sees_a_compiled_report_waiting_for_its_receipt(client, follow_up, ks_user):
    assert "Ingen rapport väntar på KS." in home(client, ks_user)
    FollowUp.objects.filter(pk=follow_up.pk).update(state=FollowUpState.COMPILED)
    html = home(client, ks_user)
    assert f'href="{reverse("reports:followup_receipt", args=[2025])}"' in html


def test_the_boxes_keep_the_start_page_to_a_fixed_number_of_queries(client, follow_up, coordinator, official_a, org):
    def queries(user) -> int:
        client.force_login(user)
        client.get(reverse("home"))  # warm: the key figures and the municipality are cached
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("home")).status_code == 200
        return len(captured)

    before = {user: queries(user) for user in (coordinator, official_a)}
    for year in (2022, 2023, 2024):
        other = FollowUp.objects.create(year=year, deadline=datetime.date(year + 1, 2, 1), opened_by=coordinator)
        UnitReport.objects.create(follow_up=other, unit=org.unit_a)
    assert {user: queries(user) for user in (coordinator, official_a)} == before
