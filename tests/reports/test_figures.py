"""The figures equal the known portfolio built in conftest.py, in a fixed number of queries."""

from datetime import date
from decimal import Decimal

import pytest

from cooperation.reports.figures import (
    cities,
    consultations,
    goals,
    keyfigures,
    memberships,
    notices,
    projects,
    reviews,
    visits,
)

from .portfolio import YEAR

pytestmark = pytest.mark.django_db


def test_projects_started_and_ended_per_unit(portfolio, org):
    assert projects.per_unit(YEAR) == [
        {"unit": "Kulturförvaltningen", "active": 1, "started": 1, "ended": 0},
        {"unit": "Miljöförvaltningen", "active": 2, "started": 1, "ended": 1},
    ]
    assert projects.counts(YEAR - 1) == {"active": 2, "started": 1, "ended": 1}


def test_funding_per_source_in_sek_at_each_projects_rate(portfolio):
    (eu,) = projects.funding_by_source(YEAR)
    assert (eu["source"], eu["amount"], eu["projects"]) == (
        "eu",
        Decimal("1220000.00"),
        2,
    )  # 80 000 EUR × 11,5 + 300 000
    by_programme = {row["programme_name"]: row["amount"] for row in projects.funding_by_programme(YEAR)}
    assert by_programme == {"Interreg Europe": Decimal("920000.00"), "": Decimal("300000.00")}


def test_own_contribution_and_co_financing_rates(portfolio):
    money = projects.funding(YEAR)
    assert money["own_cash"] == Decimal("215000.00")
    assert money["own_in_kind"] == Decimal("115000.00")
    assert money["own_total"] == Decimal("330000.00")
    assert money["project_rate"] == Decimal("0.4519")  # 1 220 000 / (2 300 000 + 400 000)
    assert money["share_rate"] == Decimal("0.7871")  # (1 550 000 − 330 000) / 1 550 000


def test_eu_funding_per_inhabitant_waits_for_the_population():
    assert projects.eu_per_inhabitant(Decimal(1_000_000), None) is None
    assert projects.eu_per_inhabitant(Decimal(1_000_000), 40_000) == Decimal("25.00")


def test_funding_over_five_years(portfolio):
    five = projects.funding_over_years(YEAR)
    assert five["years"] == [2021, 2022, 2023, 2024, 2025]
    assert five["sources"]["EU"] == [0, 0, 0, Decimal("200000.00"), Decimal("1220000.00")]
    assert five["sources"]["Sida"] == [0, 0, Decimal("500000.00"), 0, 0]


def test_visits_by_kind_and_month(portfolio):
    assert [(r["kind"], r["visits"], r["delegates"]) for r in visits.by_kind(YEAR)] == [
        ("vip", 1, 3),
        ("study", 2, 12),
        ("outgoing_trip", 1, 2),
    ]
    months = {r["month"]: r["visits"] for r in visits.by_month(YEAR)}
    assert months[4] == 2 and months[10] == 1 and months[1] == 0
    assert visits.totals(YEAR) == {"visits": 4, "incoming": 3, "outgoing": 1, "delegates": 15}
    assert "name" not in visits.items(YEAR)[0]


def test_visits_of_a_committees_units(portfolio, org):
    assert visits.totals(YEAR, org.committee_b)["visits"] == 2


def test_memberships_with_fee_positions_and_evaluation_status(portfolio):
    rows = {r["organisation_name"]: r for r in memberships.rows(YEAR)}
    assert set(rows) == {"CEMR", "Eurocities"}
    assert rows["Eurocities"]["overdue"] is True  # never evaluated in the term that began 2022-10-15
    assert rows["Eurocities"]["positions"] == 1
    assert rows["Eurocities"]["body"] == "Miljönämnden"
    assert rows["CEMR"]["overdue"] is False
    assert memberships.fees(YEAR) == [
        {"currency": "EUR", "amount": Decimal("2000.00"), "memberships": 1},
        {"currency": "SEK", "amount": Decimal("10000.00"), "memberships": 1},
    ]


def test_overdue_agrees_with_the_model(portfolio):
    for membership in memberships.with_status(YEAR):
        assert membership.overdue == membership.is_evaluation_overdue(on=date(YEAR, 12, 31))


def test_city_relations_and_activities(portfolio):
    (aarhus,) = cities.rows(YEAR)
    assert (aarhus["city"], aarhus["activity_count"], aarhus["visit_count"]) == ("Aarhus", 1, 1)
    assert cities.totals(YEAR)["activities"] == 1


def test_consultations_answered(portfolio):
    assert consultations.counts(YEAR) == {"received": 1, "answered": 1, "eu_initiative": 1, "brussels_office": 0}


def test_notices_per_area_and_working_days(portfolio):
    summary = notices.summary(YEAR)
    assert (summary["total"], summary["answered"], summary["median_days"]) == (2, 1, 2)
    assert [(r["area"], r["total"]) for r in notices.per_area(YEAR)] == [("projects", 1), ("visits", 1)]


def test_overdue_reviews(portfolio):
    assert [(r["subject"], r["title"]) for r in reviews.overdue(YEAR)] == [("membership", "Eurocities")]


def test_goals_touched_and_linked(portfolio):
    assert [(r["number"], r["projects"]) for r in goals.agenda2030(YEAR)] == [(11, 1), (13, 1)]
    linked = {g["title"]: g["items"] for g in goals.policy_goals(YEAR, None, portfolio.policy)}
    assert linked == {
        "Stärkt konkurrenskraft": [("city_relations", "Aarhus")],
        "Fler EU-projekt": [("projects", "Grön hamn")],
    }


def test_this_year_against_last_year(portfolio):
    figures = {f.key: f for f in keyfigures.key_figures(YEAR)}
    assert (figures["projects_active"].this_year, figures["projects_active"].last_year) == (3, 2)
    assert figures["projects_active"].difference == 1
    assert figures["funding_granted"].difference == Decimal("1020000.00")
    assert (figures["visits"].this_year, figures["visits"].last_year, figures["visits"].difference) == (4, 1, 3)


FUNCTIONS = [
    lambda: keyfigures.key_figures(YEAR),
    lambda: projects.per_unit(YEAR),
    lambda: projects.funding_by_source(YEAR),
    lambda: projects.funding_over_years(YEAR),
    lambda: projects.items(YEAR),
    lambda: visits.by_kind(YEAR),
    lambda: visits.by_month(YEAR),
    lambda: visits.items(YEAR),
    lambda: memberships.rows(YEAR),
    lambda: cities.rows(YEAR),
    lambda: notices.per_area(YEAR),
    lambda: reviews.overdue(YEAR),
    lambda: goals.agenda2030(YEAR),
]


def more_of_everything(org, portfolio):
    from .portfolio import add_project, add_visit

    for i in range(6):
        project = add_project(
            org.unit_a,
            f"Mer {i}",
            start_date=portfolio.p1.start_date,
            external_funding=Decimal(1),
            total_budget=Decimal(2),
        )
        project.sdgs.add(i + 1)
        project.goals.add(portfolio.goal)
        add_visit(org.unit_b, f"Besök {i}", "study", f"2025-0{i + 1}-01", i)


@pytest.mark.parametrize("figure", range(len(FUNCTIONS)))
def test_a_fixed_number_of_queries_whatever_the_rows(portfolio, org, figure, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        FUNCTIONS[figure]()
    more_of_everything(org, portfolio)
    with django_assert_max_num_queries(len(few)):
        FUNCTIONS[figure]()
