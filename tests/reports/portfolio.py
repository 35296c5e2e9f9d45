"""A known portfolio for the year 2025 (and 2024 before it), whose figures the tests know by heart; conftest.py
makes `portfolio` a fixture.

Its money is in finance rows per year and source, in EUR (at 11.5) and SEK, spanning 2023–2026. In SEK, 2025:
granted EU 345 000 + 300 000, Sida 100 000 (of a grant spread over 2023–2025), another funder 115 000; paid out
EU 230 000 + 100 000, Sida 150 000, the other 115 000; own contribution cash 57 500 + 100 000, in kind 57 500."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from cooperation.cities.models import CityActivity, CityRelation
from cooperation.consultations.models import Consultation
from cooperation.networks.models import Membership, MembershipFee, Organisation, Representative
from cooperation.notices.models import Notice
from cooperation.organisation.models import Policy, PolicyGoal
from cooperation.projects.models import FundingSource, Programme, Project, ProjectFinance
from cooperation.visits.models import Visit, VisitHost

YEAR = 2025
day = datetime.date.fromisoformat


def add_project(unit, title, source="eu", status="ongoing", **extra):
    return Project.objects.create(
        title=title, owner=unit, funding_source=FundingSource.objects.get(code=source), status=status, **extra
    )


def add_rows(project, *rows):
    """Finance rows for `project`: (year, source code, {amounts in the project's currency}) each."""
    for year, source, amounts in rows:
        programme = project.programme if source == project.funding_source_id else None
        ProjectFinance.objects.create(project=project, year=year, source_id=source, programme=programme, **amounts)


def add_visit(unit, title, kind, start, size, direction="incoming"):
    visit = Visit.objects.create(
        kind=kind, direction=direction, title=title, country="DK", start_date=day(start), delegation_size=size
    )
    VisitHost.objects.create(visit=visit, unit=unit)
    return visit


def at(moment: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(moment))


@pytest.fixture
def portfolio(org):
    """Projects, visits, memberships, relations, consultations and notices of units A and B in 2024 and 2025."""
    interreg = Programme.objects.get(name="Interreg Europe")
    p1 = add_project(
        org.unit_a,
        "Grön hamn",
        programme=interreg,
        currency_id="EUR",
        exchange_rate=Decimal("11.5"),
        start_date=day("2025-03-01"),
        end_date=day("2027-02-28"),
        total_budget=Decimal(200_000),
        municipality_share=Decimal(100_000),
        external_funding=Decimal(80_000),
        own_contribution_cash=Decimal(10_000),
        own_contribution_in_kind=Decimal(10_000),
    )
    add_rows(
        p1,
        (
            2025,
            "eu",
            dict(
                applied_for=Decimal(30_000),
                granted=Decimal(30_000),
                paid_out=Decimal(20_000),
                own_contribution_cash=Decimal(5_000),
                own_contribution_in_kind=Decimal(5_000),
            ),
        ),
        (2025, "other", dict(granted=Decimal(10_000), paid_out=Decimal(10_000), costs=Decimal(40_000))),
        (2026, "eu", dict(granted=Decimal(40_000), own_contribution_cash=Decimal(5_000))),
    )
    sida = add_project(
        org.unit_a,
        "Sida-utbyte",
        source="sida",
        status="closed",
        start_date=day("2023-01-01"),
        end_date=day("2025-06-30"),
        total_budget=Decimal(1_000_000),
        external_funding=Decimal(500_000),
    )
    add_rows(
        sida,
        (2023, "sida", dict(granted=Decimal(200_000), paid_out=Decimal(200_000))),
        (2024, "sida", dict(granted=Decimal(200_000), paid_out=Decimal(150_000))),
        (2025, "sida", dict(granted=Decimal(100_000), paid_out=Decimal(150_000))),
    )
    culture = add_project(
        org.unit_b,
        "Kultur utan gränser",
        status="granted",
        start_date=day("2025-09-01"),
        total_budget=Decimal(400_000),
        municipality_share=Decimal(400_000),
        external_funding=Decimal(300_000),
        own_contribution_cash=Decimal(100_000),
    )
    add_rows(
        culture,
        (2025, "eu", dict(granted=Decimal(300_000), paid_out=Decimal(100_000), own_contribution_cash=Decimal(100_000))),
    )
    idea = add_project(
        org.unit_b, "Bara en idé", status="idea", start_date=day("2025-05-01"), total_budget=Decimal(9_999)
    )
    add_rows(idea, (2025, "eu", dict(applied_for=Decimal(9_000))))  # an idea's money is no project's of the year
    last_years = add_project(
        org.unit_b,
        "Förra årets",
        status="closed",
        start_date=day("2024-05-01"),
        end_date=day("2024-12-31"),
        total_budget=Decimal(250_000),
        external_funding=Decimal(200_000),
    )
    add_rows(last_years, (2024, "eu", dict(granted=Decimal(200_000), paid_out=Decimal(200_000))))
    study = add_visit(org.unit_a, "Studiebesök från Aarhus", "study", "2025-04-10", 5)
    add_visit(org.unit_a, "Studiebesök från Bergen", "study", "2025-04-22", 7)
    add_visit(org.unit_b, "VIP från Riga", "vip", "2025-10-02", 3)
    add_visit(org.unit_b, "Resa till Bryssel", "outgoing_trip", "2025-11-15", 2, direction="outgoing")
    add_visit(org.unit_a, "Fjolårets besök", "study", "2024-06-01", 4)

    network = Organisation.objects.create(name="Eurocities")
    sector = Membership.objects.create(
        organisation=network,
        kind="sector_specific",
        unit=org.unit_a,
        member_since=day("2020-01-01"),
        decision=org.committee_a_decision,
        annual_fee=Decimal(10_000),
    )
    # fees as paid: the year's row counts, not the annual fee nor last year's row
    MembershipFee.objects.create(membership=sector, year=YEAR, amount=Decimal(9_500))
    MembershipFee.objects.create(membership=sector, year=YEAR - 1, amount=Decimal(8_000))
    Representative.objects.create(
        membership=sector, name="Anna", position="styrelseledamot", start_date=day("2024-01-01")
    )
    cemr = Membership.objects.create(
        organisation=Organisation.objects.create(name="CEMR"),
        kind="common_interest",
        unit=org.central,
        member_since=day("2019-01-01"),
        decision=org.ks_decision,
        annual_fee=Decimal(2_000),
        fee_currency_id="EUR",
        next_review_on=day("2027-06-30"),
    )
    MembershipFee.objects.create(membership=cemr, year=YEAR, amount=Decimal(2_000), currency_id="EUR")
    Membership.objects.create(
        organisation=Organisation.objects.create(name="Gammalt nätverk"),
        kind="common_interest",
        unit=org.central,
        member_since=day("2010-01-01"),
        member_until=day("2023-12-31"),
    )

    aarhus = CityRelation.objects.create(city="Aarhus", country="DK", kind="twin_town", since_year=1946)
    aarhus.units.add(org.unit_a)
    CityActivity.objects.create(relation=aarhus, unit=org.unit_a, title="Skolutbyte", start_date=day("2025-05-05"))
    CityRelation.objects.create(city="Graz", country="AT", kind="contact", status="ended", ended_on=day("2020-01-01"))
    study.city_relation = aarhus
    study.save()

    Consultation.objects.create(
        title="Sammanhållningspolitiken",
        origin="commission",
        unit=org.unit_a,
        received_on=day("2025-02-01"),
        status="answered",
        answered_on=day("2025-03-01"),
        eu_initiative="COM(2025) 1",
    )
    # Monday 3 March: first answered on Wednesday, two working days later; one more never answered.
    Notice.objects.create(
        area="projects",
        unit=org.unit_a,
        summary="Nytt projekt",
        created_at=at("2025-03-03T10:00"),
        first_answered_at=at("2025-03-05T10:00"),
    )
    Notice.objects.create(area="visits", unit=org.unit_b, summary="VIP", created_at=at("2025-09-01T09:00"))

    policy = Policy.objects.create(
        municipality=org.municipality, title="Internationell policy", valid_from=day("2020-01-01")
    )
    goal = PolicyGoal.objects.create(policy=policy, title="Stärkt konkurrenskraft", order=1)
    sub_goal = PolicyGoal.objects.create(policy=policy, parent=goal, kind="sub_goal", title="Fler EU-projekt", order=1)
    p1.goals.add(sub_goal)
    p1.sdgs.add(11, 13)
    aarhus.goals.add(goal)
    return SimpleNamespace(p1=p1, aarhus=aarhus, policy=policy, goal=goal, sub_goal=sub_goal, study=study)
