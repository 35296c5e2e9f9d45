"""Projects: near before far and digital meetings where the policy asks (Göteborg, Lidköping), the decision of a unit
that answers to no committee, and units of the installation's own municipality."""

import datetime

import pytest
from django.urls import reverse

from cooperation.organisation.models import Policy, Unit
from cooperation.projects.choices import ProjectStatus
from cooperation.projects.models import FundingSource, Project
from tests.helpers import assert_refused, assert_valid, form_data

pytestmark = pytest.mark.django_db

TRAVEL = (
    "Närliggande och digitala alternativ: kommunens policy kräver att det framgår hur närliggande kompetens och "
    "digitala möten har övervägts."
)
NO_BODY_KS = (
    "Beslut: den ägande enheten hör inte till någon nämnd eller styrelse, så dess projekt beslutas av "
    "kommunstyrelsen (KS); välj ett KS-beslut."
)
FOREIGN_UNIT = "Ägande enhet: enheten hör till en annan kommun; välj en av Teststads kommuns enheter."


def project(org, owner=None, source="eu", **extra):
    return Project(
        title="Gröna hamnar",
        owner=owner or org.unit_a,
        funding_source=FundingSource.objects.get(code=source),
        **extra,
    )


@pytest.fixture
def travel_policy(org):
    return Policy.objects.create(
        municipality=org.municipality,
        title="Internationell strategi",
        valid_from=datetime.date(2020, 9, 28),
        requires_travel_considerations=True,
    )


# 8. Near before far, digital meetings


def test_a_started_project_says_how_near_and_digital_alternatives_were_considered(org, travel_policy):
    item = project(org, status=ProjectStatus.ONGOING, start_date=datetime.date(2024, 1, 1))
    item.video_conferencing_considered = True  # the tick box alone does not say how
    assert_refused(item, "travel_considerations", TRAVEL)
    item.travel_considerations = "Partnern i Tallinn nås med färja; styrgruppsmöten hålls digitalt."
    assert_valid(item)


def test_a_project_decided_after_the_policy_is_asked_too(org, travel_policy):
    assert_refused(project(org, decision=org.committee_a_decision), "travel_considerations", TRAVEL)


def test_projects_not_started_or_started_before_the_policy_are_not_asked(org, travel_policy):
    assert_valid(project(org, status=ProjectStatus.IDEA))
    assert_valid(project(org, status=ProjectStatus.ONGOING, start_date=datetime.date(2019, 1, 1)))


def test_without_the_rule_nothing_is_asked(org):
    Policy.objects.create(municipality=org.municipality, title="Policy", valid_from=datetime.date(2020, 1, 1))
    assert_valid(project(org, status=ProjectStatus.ONGOING, start_date=datetime.date(2024, 1, 1)))


def test_the_project_form_asks_beside_the_field(client, official_a, org, travel_policy):
    client.force_login(official_a)
    url = reverse("projects:project_add")
    data = form_data(client.get(url), title="Gröna hamnar", owner=str(org.unit_a.pk), role="partner")
    data |= {"funding_source": "eu", "currency": "SEK", "status": "ongoing", "start_date": "2024-01-01"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["travel_considerations"] == [TRAVEL]
    response = client.post(url, {**data, "travel_considerations": "Digitala möten med partnerna."})
    assert response.status_code == 302
    assert Project.objects.get().travel_considerations == "Digitala möten med partnerna."


# 10. A unit with no committee or board


@pytest.mark.parametrize("decision", ["kf_decision", "committee_a_decision"])
def test_a_project_of_a_unit_without_a_committee_is_decided_by_ks(org, decision):
    geo = Unit.objects.create(municipality=org.municipality, name="Representationskontoret i Bryssel (GEO)")
    assert_refused(project(org, owner=geo, decision=getattr(org, decision)), "decision", NO_BODY_KS)
    assert_valid(project(org, owner=geo, decision=org.ks_decision))


# 12. Units of the installation's municipality


def test_a_unit_of_another_municipality_is_refused(org, foreign_unit):
    assert_refused(project(org, owner=foreign_unit), "owner", FOREIGN_UNIT)


def test_the_forms_offer_only_the_municipalitys_units(client, coordinator, org, monkeypatch):
    client.force_login(coordinator)
    url = reverse("projects:project_add")
    assert set(client.get(url).context["form"].fields["owner"].queryset) == set(org.municipality.units.all())
    # Were the installation another municipality's, none of these units would be offered.
    other = type(org.municipality)(pk=org.municipality.pk + 1)
    monkeypatch.setattr("cooperation.organisation.forms.get_municipality", lambda: other)
    form = client.get(url).context["form"]
    assert not form.fields["owner"].queryset.exists()
    assert not form.fields["participating_units"].queryset.exists()
