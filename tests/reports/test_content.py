"""build_report: the sections of the annual follow-up with real numbers, charts beside their tables, in Swedish or
English, the units' accounts and assessments from a follow-up, and a year with no data that says so."""

import datetime
import io
from decimal import Decimal
from types import SimpleNamespace

import pytest

from cooperation.reports.content import build_report
from cooperation.reports.document import Chart

from .portfolio import YEAR

pytestmark = pytest.mark.django_db


def table(report, key):
    return next(t for t in report.tables() if t.key == key)


def section(report, key):
    return next(s for s in report.sections if s.key == key)


def test_sections_tables_and_charts(portfolio):
    report = build_report(YEAR)
    assert report.title == "Uppföljning av det internationella arbetet 2025"
    assert report.municipality == "Teststads kommun"
    assert [s.key for s in report.sections] == ["key_figures", "policy", "areas", "units", "appendix"]
    keys = [t.key for t in report.tables()]
    assert len(keys) == len(set(keys))  # one Excel sheet each
    charts = [b.key for s in section(report, "areas").subsections for b in s.blocks if isinstance(b, Chart)]
    assert charts == ["chart_projects_per_unit", "chart_funding", "chart_visits", "chart_notices"]


def test_the_reports_numbers_are_the_figures(portfolio):
    report = build_report(YEAR)
    key = {row[0]: row[1:] for row in table(report, "key_figures").rows}
    assert key["Projekt som pågått"] == [3, 2, 1]
    key_money = {row[0]: row[1:] for row in table(report, "key_money").rows}
    assert key_money["Extern finansiering beviljad (SEK)"] == [
        Decimal("860000.00"),
        Decimal("400000.00"),
        Decimal("460000.00"),
    ]
    assert key_money["Extern finansiering utbetald (SEK)"][0] == Decimal("595000.00")
    by_source = table(report, "funding_by_source")
    assert by_source.rows == [
        ["EU", Decimal("645000.00"), Decimal("330000.00"), 2],
        ["Sida", Decimal("100000.00"), Decimal("150000.00"), 1],
        ["Annan finansiär", Decimal("115000.00"), Decimal("115000.00"), 1],
    ]
    assert by_source.totals == ["Totalt", Decimal("860000.00"), Decimal("595000.00"), 3]  # each project once
    own = {row[0]: row[1] for row in table(report, "own_contribution").rows}
    assert own["Egen insats, totalt"] == Decimal("215000.00")
    assert own["Utbetalda EU-medel"] == Decimal("330000.00")
    assert [row[1] for row in table(report, "co_financing").rows] == [Decimal("0.4649"), Decimal("0.7871")]
    assert table(report, "projects_per_unit").rows == [
        ["Kulturförvaltningen", 1, 1, 0],
        ["Miljöförvaltningen", 2, 1, 1],
    ]
    assert ["Studiebesök", 2, 12] in table(report, "visits_by_kind").rows
    appendix = table(report, "items_projects")
    assert len(appendix.rows) == 3 and isinstance(appendix.rows[0][3], datetime.date)
    green = next(row for row in appendix.rows if row[0] == "Grön hamn")
    assert green[9:11] == [Decimal("460000.00"), Decimal("345000.00")]  # the year's rows, not the project's total


def test_eu_funding_per_inhabitant_from_the_years_population(portfolio, org):
    from cooperation.organisation.models import Population

    assert table(build_report(YEAR), "eu_per_inhabitant").rows == []
    assert "Kommunens folkmängd 2025 är inte registrerad" in table(build_report(YEAR), "eu_per_inhabitant").empty_text
    Population.objects.create(municipality=org.municipality, year=YEAR, inhabitants=50_000, source="SCB")
    Population.objects.create(municipality=org.municipality, year=YEAR - 1, inhabitants=1, source="SCB")
    assert table(build_report(YEAR), "eu_per_inhabitant").rows == [
        [50_000, Decimal("645000.00"), Decimal("12.90")]  # 645 000 kr / 50 000
    ]


def test_membership_fees_keep_their_currency(portfolio):
    from cooperation.reports.document import Money

    report = build_report(YEAR)
    fees = {row[0]: row[4] for row in table(report, "memberships").rows}
    assert fees == {"CEMR": Money(Decimal("2000.00"), "EUR"), "Eurocities": Money(Decimal("9500.00"), "SEK")}
    assert [row[1] for row in table(report, "membership_fees").rows] == [
        Money(Decimal("2000.00"), "EUR"),
        Money(Decimal("9500.00"), "SEK"),
    ]


def test_a_committees_report_counts_its_units_only(portfolio, org):
    report = build_report(YEAR, body=org.committee_b)
    assert report.subtitle == "Kulturnämnden"
    assert table(report, "projects_per_unit").rows == [["Kulturförvaltningen", 1, 1, 0]]


def test_a_year_without_data_says_so(org):
    report = build_report(YEAR)
    assert "Inget är registrerat för 2025" in section(report, "key_figures").paragraphs[0]
    assert table(report, "funding_by_source").rows == []
    assert table(report, "funding_by_source").empty_text


def test_in_english(portfolio):
    report = build_report(YEAR, language="en")
    assert report.title == "Follow-up of the international work 2025"
    assert ["Study visit", 2, 12] in [[r[0].capitalize(), *r[1:]] for r in table(report, "visits_by_kind").rows]


def test_the_follow_ups_accounts_and_assessments(portfolio, org):
    verdict = SimpleNamespace(
        goal=portfolio.goal, verdict="partly", get_verdict_display=lambda: "Delvis uppfyllt", text="På god väg."
    )
    account = SimpleNamespace(
        unit=org.unit_a,
        achieved="Två nya projekt.",
        lessons="Börja tidigt.",
        next_year="Fler partner.",
        submitted_at=datetime.datetime(2026, 1, 20, 9, tzinfo=datetime.UTC),
    )
    follow_up = SimpleNamespace(
        case_number="KS 2026/12",
        unit_reports=[account],
        goal_assessments=[verdict],
        area_assessments=[
            SimpleNamespace(area="projects", get_area_display=lambda: "projekt", text="Fler ansökningar.")
        ],
    )
    report = build_report(YEAR, follow_up=follow_up)
    assert report.case_number == "KS 2026/12"
    goal_row = next(r for r in table(report, "goal_fulfilment").rows if r[0] == "Stärkt konkurrenskraft")
    assert goal_row[3:] == ["Delvis uppfyllt", "På god väg."]
    (unit,) = section(report, "units").subsections
    assert unit.title == "Miljöförvaltningen" and "Uppnått: Två nya projekt." in unit.paragraphs
    projects = next(s for s in section(report, "areas").subsections if s.key == "projects")
    assert "Bedömning: Fler ansökningar." in projects.paragraphs


def test_progress_is_reported_between_sections(portfolio):
    steps = []
    build_report(YEAR, progress=lambda percent, step: steps.append(percent))
    assert steps == sorted(steps) and steps[0] == 0 and steps[-1] == 100 and len(steps) == 6


def test_the_report_runs_a_fixed_number_of_queries(portfolio, org, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .test_figures import more_of_everything

    with CaptureQueriesContext(connection) as few:
        build_report(YEAR)
    more_of_everything(org, portfolio)
    with django_assert_max_num_queries(len(few)):
        build_report(YEAR)


def test_a_saved_follow_up_is_read_as_well(portfolio, org):
    from cooperation.reports.models import AreaAssessment, FollowUp, GoalAssessment, UnitReport

    follow_up = FollowUp.objects.create(year=YEAR, deadline=datetime.date(2026, 2, 15), case_number="KS 2026/3")
    UnitReport.objects.create(follow_up=follow_up, unit=org.unit_b, achieved="Ett nytt kulturutbyte.")
    GoalAssessment.objects.create(follow_up=follow_up, goal=portfolio.sub_goal, verdict="fulfilled", text="Klart.")
    AreaAssessment.objects.create(follow_up=follow_up, area="visits", text="Fler studiebesök.")
    report = build_report(YEAR, follow_up=follow_up)
    goal_row = next(r for r in table(report, "goal_fulfilment").rows if r[0] == "– Fler EU-projekt")
    assert goal_row[2:] == [1, "Uppfyllt", "Klart."]
    (unit,) = section(report, "units").subsections
    assert unit.paragraphs == ["Uppnått: Ett nytt kulturutbyte.", "Inte inlämnad."]


def test_the_reports_counts_and_money_keep_their_kinds_in_the_workbook(portfolio):
    from openpyxl import load_workbook

    from cooperation.reports.render import render_xlsx

    book = load_workbook(io.BytesIO(render_xlsx(build_report(YEAR))))
    key = {row[0].value: row[1] for row in book["key_figures"].iter_rows(min_row=2)}
    active = key["Projekt som pågått"]
    assert isinstance(active.value, int) and active.value == 3 and active.number_format == "#,##0"
    fees = {row[0].value: row[4] for row in book["memberships"].iter_rows(min_row=2)}
    assert fees["CEMR"].value == 2000 and "EUR" in fees["CEMR"].number_format
    granted = {row[0].value: row[1] for row in book["funding_by_source"].iter_rows(min_row=2)}
    assert granted["EU"].value == 645000 and '"kr"' in granted["EU"].number_format
