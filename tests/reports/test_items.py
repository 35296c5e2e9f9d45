"""What a unit's task lists as missing: a project with money to account for and no finance row for the year."""

import datetime
from decimal import Decimal

import pytest

from cooperation.networks.models import Membership, MembershipFee, Organisation
from cooperation.projects.models import FundingSource, Project, ProjectFinance
from cooperation.reports import services
from cooperation.reports.items import unit_items

pytestmark = pytest.mark.django_db
YEAR = 2025
NO_ROW = "inga ekonomirader för 2025"


def problems(unit, year=YEAR) -> dict:
    return {str(item): [str(problem) for problem in found] for item, found in grouped(unit_items(unit, year).missing)}


def grouped(pairs):
    found = {}
    for item, problem in pairs:
        found.setdefault(item, []).append(problem)
    return found.items()


def project(org, title, **fields):
    defaults = {
        "status": "ongoing",
        "start_date": datetime.date(2024, 3, 1),
        "end_date": datetime.date(2026, 6, 30),
        "funding_source": FundingSource.objects.get(code="none"),
    }
    return Project.objects.create(title=title, owner=org.unit_a, **(defaults | fields))


def test_a_funded_project_without_the_years_row_misses_it(org):
    eu = FundingSource.objects.get(code="eu")
    funded = project(org, "Med källa", funding_source=eu)
    project(org, "Med belopp", external_funding=Decimal(1000), total_budget=Decimal(2000))
    project(org, "Utan pengar")
    project(org, "Bara en idé", status="idea", funding_source=eu)
    ProjectFinance.objects.create(project=funded, year=YEAR - 1, source=eu, granted=Decimal(10))  # another year's
    found = problems(org.unit_a)
    assert NO_ROW in found["Med källa"] and NO_ROW in found["Med belopp"]
    assert NO_ROW not in found.get("Utan pengar", []) and NO_ROW not in found.get("Bara en idé", [])


def test_the_years_row_settles_it(org):
    eu = FundingSource.objects.get(code="eu")
    funded = project(org, "Med källa", funding_source=eu)
    ProjectFinance.objects.create(project=funded, year=YEAR, source=eu, applied_for=Decimal(10))
    assert NO_ROW not in problems(org.unit_a).get("Med källa", [])
    assert "inga ekonomirader för 2024" in problems(org.unit_a, YEAR - 1)["Med källa"]


def test_the_units_task_page_shows_it(client, org, coordinator, official_a):
    project(org, "Fossilfria hamnar", funding_source=FundingSource.objects.get(code="eu"))
    follow_up = services.open_follow_up(YEAR, datetime.date(2026, 2, 13), coordinator)
    client.force_login(official_a)
    page = client.get(follow_up.unit_reports.get().get_absolute_url()).content.decode()
    assert f"Fossilfria hamnar</a>: {NO_ROW}" in page


def test_a_membership_with_an_annual_fee_misses_the_years_fee_paid(org):
    def member(name, **fields):
        return Membership.objects.create(
            organisation=Organisation.objects.create(name=name),
            kind="sector_specific",
            unit=org.unit_a,
            member_since=datetime.date(2020, 1, 1),
            decision=org.committee_a_decision,
            **fields,
        )

    paid = member("Eurocities", annual_fee=Decimal(10_000))
    member("Energy Cities", annual_fee=Decimal(5_000))
    member("Utan avgift")
    MembershipFee.objects.create(membership=paid, year=YEAR, amount=Decimal(9_500))
    found = problems(org.unit_a)
    no_fee = "ingen betald avgift registrerad för 2025"
    assert no_fee in found["Energy Cities"]
    assert no_fee not in found.get("Eurocities", []) and no_fee not in found.get("Utan avgift", [])
