"""build_report: the sections of the annual follow-up with real numbers, charts beside their tables, in Swedish or
English, the units' accounts and assessments from a follow-up, and a year with no data that says so."""

import datetime
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
    assert {row[0]: row[1:] for row in table(report, "key_money").rows}["Extern finansiering beviljad (SEK)"] == [
        Decimal("1220000.00"),
        Decimal("200000.00"),
        Decimal("1020000.00"),
    ]
    assert table(report, "funding_by_source").rows == [["EU", Decimal("1220000.00"), 2]]
    assert table(report, "projects_per_unit").rows == [
        ["Kulturförvaltningen", 1, 1, 0],
        ["Miljöförvaltningen", 2, 1, 1],
    ]
    assert ["Studiebesök", 2, 12] in table(report, "visits_by_kind").rows
    appendix = table(report, "items_projects")
    assert len(appendix.rows) == 3 and isinstance(appendix.rows[0][3], datetime.date)


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
