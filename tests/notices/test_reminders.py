import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from cooperation.cities.models import Agreement, CityRelation
from cooperation.networks.models import Membership, Organisation
from cooperation.notices.figures import notice_figures, percentile
from cooperation.notices.models import Notice, Reminder
from cooperation.organisation.choices import Role
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
D = datetime.date


def at(day: datetime.date, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def due(org):
    make_user("samordnare_x", Role.COORDINATOR, org.central, email="samordnare@kommun.example")
    old = Notice.objects.create(area="projects", unit=org.unit_a, summary="Gammal", created_at=at(D(2026, 11, 13)))
    Notice.objects.create(area="projects", unit=org.unit_a, summary="Färsk", created_at=at(D(2026, 11, 19)))
    relation = CityRelation.objects.create(
        city="Riga", country="LV", kind="partner_city", decision=org.ks_decision, next_review_on=D(2026, 12, 10)
    )
    Agreement.objects.create(
        relation=relation, kind="partner_city", title="Avtal", decision=org.ks_decision, valid_until=D(2026, 12, 15)
    )
    Membership.objects.create(
        organisation=Organisation.objects.create(name="ERRIN"),
        kind="sector_specific",
        unit=org.unit_a,
        member_since=D(2019, 1, 1),
        decision=org.committee_a_decision,
    )
    return old


def test_overdue_notices_count_working_days(due):
    # 13 Nov (Friday) + 5 working days = 20 Nov: overdue on the 20th, not on the 19th
    assert due.answer_due_on() == D(2026, 11, 20)
    assert not due.is_overdue(D(2026, 11, 19))
    assert list(Notice.objects.overdue(D(2026, 11, 20))) == [due]


def test_reminders_go_once_however_often_the_command_runs(due):
    out = StringIO()
    call_command("send_reminders", "--date", "2026-11-22", stdout=out)
    assert "4 nya påminnelser" in out.getvalue()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["samordnare@kommun.example"]
    body = mail.outbox[0].body
    assert "Gammal" in body and "Färsk" not in body
    assert "Riga" in body and "Avtal" in body and "ERRIN" in body
    call_command("send_reminders", "--date", "2026-11-22", stdout=StringIO())
    call_command("send_reminders", "--date", "2026-11-23", stdout=StringIO())
    assert len(mail.outbox) == 1
    assert Reminder.objects.count() == 4


def test_figures_per_area_and_unit_with_answer_times(org):
    for day, answered in [(13, 16), (16, 17), (17, 24), (18, None)]:
        Notice.objects.create(
            area="projects" if day != 18 else "visits",
            unit=org.unit_a,
            summary=str(day),
            created_at=at(D(2026, 11, day)),
            first_answered_at=at(D(2026, 11, answered)) if answered else None,
        )
    figures = notice_figures(Notice.objects.all())
    assert figures["per_area"] == {"projects": 3, "visits": 1}
    assert figures["per_unit"] == {"Miljöförvaltningen": 4}
    assert figures["answered"] == 3
    assert figures["median_days"] == 1  # 1, 1 and 5 working days
    assert figures["p90_days"] == 5


@pytest.mark.parametrize(
    ("values", "p", "expected"), [([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9), ([4], 90, 4), ([1, 2], 50, 1)]
)
def test_nearest_rank_percentile(values, p, expected):
    assert percentile(values, p) == expected


def test_the_project_work_and_the_policy_are_reminded_of_too(org):
    from cooperation.organisation.models import Policy
    from cooperation.steering.models import Evaluation

    make_user("samordnare_y", Role.COORDINATOR, org.central, email="samordnare@kommun.example")
    Evaluation.objects.create(is_project_work=True, date=D(2024, 11, 1), next_due_on=D(2026, 12, 1))
    Policy.objects.create(municipality=org.municipality, title="Riktlinjer 2021–2022", next_revision_on=D(2022, 12, 31))
    call_command("send_reminders", "--date", "2026-11-22", stdout=StringIO())
    assert set(Reminder.objects.values_list("key", flat=True)) == {"project_work", f"policy:{Policy.objects.get().pk}"}
    assert "Riktlinjer 2021–2022" in mail.outbox[0].body
