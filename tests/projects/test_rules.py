"""The policies' rules on projects: who decides them, and the analysis before a cooperation starts (Lidköping)."""

import datetime

import pytest

from cooperation.organisation.models import Policy
from cooperation.projects.choices import ProjectStatus
from cooperation.projects.models import FundingSource, Project, ProjectPartner
from tests.conftest import foreign_decision_message
from tests.helpers import assert_refused, assert_valid, errors_of

pytestmark = pytest.mark.django_db

OWN_COMMITTEE = (
    "Beslut: ett projekt beslutas av den ägande enhetens egen nämnd eller styrelse (Miljönämnden); kommunstyrelsen "
    "(KS) beslutar bara om projekt som finansieras med de centrala medlen för internationalisering."
)
CENTRAL_FUNDS = (
    "Beslut: ett projekt som finansieras med de centrala medlen för internationalisering beslutas av "
    "kommunstyrelsen (KS) eller av den ägande enhetens egen nämnd eller styrelse (Miljönämnden)."
)
ANALYSIS = "{}: kommunens policy kräver detta innan samarbetet beslutas."
DEMOCRACY = (
    "Demokrati och mänskliga rättigheter: partnerlandet räknas inte som en demokrati ({}); beskriv hur demokrati och "
    "mänskliga rättigheter hanteras innan samarbetet beslutas, som kommunens policy kräver."
)


def project(org, source="eu", **extra):
    return Project(
        title="Gröna hamnar", owner=org.unit_a, funding_source=FundingSource.objects.get(code=source), **extra
    )


@pytest.mark.parametrize("decision", ["committee_b_decision", "ks_decision", "kf_decision"])
def test_a_project_is_decided_by_the_owning_units_own_committee(org, decision):
    item = project(org, decision=getattr(org, decision))
    assert_refused(item, "decision", OWN_COMMITTEE)
    item.decision = org.committee_a_decision
    assert_valid(item)


def test_ks_decides_projects_funded_by_the_central_funds(org):
    assert_valid(project(org, "municipal", decision=org.ks_decision))
    assert_valid(project(org, "municipal", decision=org.committee_a_decision))
    assert_refused(project(org, "municipal", decision=org.committee_b_decision), "decision", CENTRAL_FUNDS)


def test_decision_is_the_municipalitys_own(org, foreign_decision):
    assert_refused(project(org, "municipal", decision=foreign_decision), "decision", foreign_decision_message("Beslut"))


@pytest.fixture
def analysis_policy(org):
    return Policy.objects.create(
        municipality=org.municipality, title="Internationell strategi", requires_cooperation_analysis=True
    )


@pytest.mark.parametrize("status", [ProjectStatus.GRANTED, ProjectStatus.ONGOING])
def test_a_project_under_way_has_the_analysis(org, analysis_policy, status):
    item = project(org, status=status, start_date=datetime.date(2025, 1, 1))
    assert_refused(item, "benefit_risk_analysis", ANALYSIS.format("Nytto- och riskanalys"))
    assert_refused(item, "partner_choice_grounds", ANALYSIS.format("Skäl för valet av partner"))
    item.benefit_risk_analysis, item.partner_choice_grounds = "Nytta och risker bedömda.", "Samma hamnfrågor."
    assert_valid(item)


@pytest.mark.parametrize("status", [ProjectStatus.IDEA, ProjectStatus.APPLIED, ProjectStatus.REJECTED])
def test_an_idea_or_application_needs_no_analysis_yet(org, analysis_policy, status):
    assert_valid(project(org, status=status))


def test_a_decided_project_has_the_analysis(org, analysis_policy):
    item = project(org, decision=org.committee_a_decision)
    assert "benefit_risk_analysis" in errors_of(item)


def test_a_partner_in_a_country_that_is_not_a_democracy_asks_for_democracy_considerations(org, analysis_policy):
    item = project(
        org,
        status=ProjectStatus.GRANTED,
        benefit_risk_analysis="Bedömd.",
        partner_choice_grounds="Vattenfrågor.",
    )
    item.save()
    ProjectPartner.objects.create(project=item, name="Hanoi People's Committee", country="VN")
    ProjectPartner.objects.create(project=item, name="Aarhus Kommune", country="DK")
    assert_refused(item, "democracy_considerations", DEMOCRACY.format("Vietnam"))
    item.democracy_considerations = "Demokratifrågor tas upp i varje möte."
    assert_valid(item)


def test_the_partners_the_page_posts_are_the_ones_checked(org, analysis_policy):
    item = project(org, status=ProjectStatus.GRANTED, benefit_risk_analysis="Bedömd.", partner_choice_grounds="Vatten.")
    item.posted_partner_countries = {"BY"}
    assert_refused(item, "democracy_considerations", DEMOCRACY.format("Belarus"))
    item.posted_partner_countries = {"DK"}
    assert_valid(item)
