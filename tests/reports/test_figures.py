"""The figures equal the known portfolio built in conftest.py, in a fixed number of queries."""

from datetime import date
from decimal import Decimal

import pytest

from cooperation.projects.models import ProjectFinance
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
    by_source = [(r["source"], r["amount"], r["paid"], r["projects"]) for r in projects.funding_by_source(YEAR)]
    assert by_source == [
        ("eu", Decimal("645000.00"), Decimal("330000.00"), 2),  # 30 000 EUR × 11,5 + 300 000; 20 000 × 11,5 + 100 000
        ("sida", Decimal("100000.00"), Decimal("150000.00"), 1),  # only 2025's row of a grant over 2023–2025
        ("other", Decimal("115000.00"), Decimal("115000.00"), 1),
    ]
    by_programme = [
        (r["source_name"], r["programme_name"], r["amount"], r["paid"]) for r in projects.funding_by_programme(YEAR)
    ]
    assert by_programme == [
        ("Annan finansiär", "", Decimal("115000.00"), Decimal("115000.00")),
        ("EU", "", Decimal("300000.00"), Decimal("100000.00")),
        ("EU", "Interreg Europe", Decimal("345000.00"), Decimal("230000.00")),
        ("Sida", "", Decimal("100000.00"), Decimal("150000.00")),
    ]


def test_a_projects_rows_over_several_years_count_in_their_own_years(portfolio):
    sida = {year: projects.funding_by_source(year) for year in (2023, 2024, 2025, 2026)}
    assert [r["amount"] for r in sida[2023]] == [Decimal("200000.00")]
    assert {r["source"]: r["paid"] for r in sida[2024]} == {"eu": Decimal("200000.00"), "sida": Decimal("150000.00")}
    # 2026: p1's row of a year to come; the Sida project has ended and has no row
    assert [(r["source"], r["amount"]) for r in sida[2026]] == [("eu", Decimal("460000.00"))]


def test_the_sums_are_what_the_database_holds(portfolio):
    """Summed afresh from the rows in Python: the figures' aggregates agree with them, whatever the rates."""
    rows = ProjectFinance.objects.filter(year=YEAR, project__status__in=projects.RAN).select_related("project")

    def total(field):
        return sum(
            (getattr(r, field) or 0) * (r.project.exchange_rate if r.project.currency_id != "SEK" else 1) for r in rows
        )

    money = projects.funding(YEAR)
    for key, field in [("granted", "granted"), ("paid", "paid_out"), ("own_cash", "own_contribution_cash")]:
        assert money[key] == total(field)


def test_own_contribution_and_co_financing_rates(portfolio):
    money = projects.funding(YEAR)
    assert money["applied"] == Decimal("345000.00")  # the idea's application is not counted
    assert (money["granted"], money["paid"], money["projects"]) == (Decimal("860000.00"), Decimal("595000.00"), 3)
    assert (money["eu"], money["eu_paid"]) == (Decimal("645000.00"), Decimal("330000.00"))
    assert money["own_cash"] == Decimal("157500.00")  # 5 000 EUR × 11,5 + 100 000
    assert money["own_in_kind"] == Decimal("57500.00")
    assert money["own_total"] == Decimal("215000.00")
    assert money["costs"] == Decimal("460000.00")
    # the projects granted money in 2025, with their whole budgets: (920 000 + 500 000 + 300 000) / 3 700 000
    assert money["project_rate"] == Decimal("0.4649")
    # and over the municipality's shares, where known: (920 000 + 300 000) / (1 150 000 + 400 000)
    assert money["share_rate"] == Decimal("0.7871")


def test_a_committees_money_is_its_units_only(portfolio, org):
    money = projects.funding(YEAR, org.committee_b)
    assert (money["granted"], money["paid"], money["own_cash"]) == (
        Decimal("300000.00"),
        Decimal("100000.00"),
        Decimal("100000.00"),
    )
    assert money["share_rate"] == Decimal("0.7500")


def test_a_year_without_rows_has_no_money_and_no_rates(org):
    money = projects.funding(YEAR)
    assert money["granted"] == 0 and money["projects"] == 0
    assert money["project_rate"] is None and money["share_rate"] is None


def test_eu_funding_per_inhabitant_waits_for_the_population():
    assert projects.eu_per_inhabitant(Decimal(1_000_000), None) is None
    assert projects.eu_per_inhabitant(Decimal(1_000_000), 40_000) == Decimal("25.00")


def test_funding_over_five_years(portfolio):
    five = projects.funding_over_years(YEAR)
    assert five["years"] == [2021, 2022, 2023, 2024, 2025]
    assert five["sources"]["EU"] == [0, 0, 0, Decimal("200000.00"), Decimal("645000.00")]
    assert five["sources"]["Sida"] == [0, 0, Decimal("200000.00"), Decimal("200000.00"), Decimal("100000.00")]
    assert five["sources"]["Annan finansiär"] == [0, 0, 0, 0, Decimal("115000.00")]


def test_the_appendix_rows_hold_the_years_money(portfolio):
    rows = {p["title"]: (p["granted"], p["paid"]) for p in projects.items(YEAR)}
    assert rows["Grön hamn"] == (Decimal("460000"), Decimal("345000"))  # both 2025 rows, × 11,5
    assert rows["Sida-utbyte"] == (Decimal("100000"), Decimal("150000"))
    assert rows["Kultur utan gränser"] == (Decimal("300000"), Decimal("100000"))


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
        {"currency": "SEK", "amount": Decimal("9500.00"), "memberships": 1},  # paid, not the annual fee
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
    assert (figures["funding_granted"].this_year, figures["funding_granted"].last_year) == (
        Decimal("860000.00"),
        Decimal("400000.00"),
    )
    assert figures["funding_granted"].difference == Decimal("460000.00")
    assert figures["funding_paid_out"].this_year == Decimal("595000.00")
    assert figures["own_contribution"].this_year == Decimal("215000.00")
    assert (figures["visits"].this_year, figures["visits"].last_year, figures["visits"].difference) == (4, 1, 3)


FUNCTIONS = [
    lambda: keyfigures.key_figures(YEAR),
    lambda: projects.per_unit(YEAR),
    lambda: projects.funding_by_source(YEAR),
    lambda: projects.funding_over_years(YEAR),
    lambda: projects.funding(YEAR),
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
    from .portfolio import add_project, add_rows, add_visit

    for i in range(6):
        project = add_project(
            org.unit_a,
            f"Mer {i}",
            start_date=portfolio.p1.start_date,
            external_funding=Decimal(1),
            total_budget=Decimal(2),
        )
        add_rows(project, (2025, "eu", dict(granted=Decimal(1))), (2025, "other", dict(paid_out=Decimal(1))))
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
