"""A list's free-text search over related rows (a project's partners, a policy's goals, an action plan's
activities) finds each item once: the count and the page list it once however many of its rows match."""

import datetime

import pytest
from django.urls import reverse

from cooperation.cities.models import CityRelation
from cooperation.projects.models import FundingSource, Project
from cooperation.steering.models import ActionPlan

pytestmark = pytest.mark.django_db


def test_a_project_with_two_matching_partners_is_found_once(client, reader, org):
    project = Project.objects.create(
        title="Hamnsamarbete",
        owner=org.unit_a,
        funding_source=FundingSource.objects.get(code="eu"),
        start_date=datetime.date(2025, 1, 1),
    )
    project.partners.create(name="Alfa Hamn", country="NO")
    project.partners.create(name="Alfa Stad", country="DK")
    Project.objects.create(
        title="Alfa-projektet", owner=org.unit_b, funding_source=FundingSource.objects.get(code="eu")
    )
    client.force_login(reader)
    response = client.get(reverse("projects:project_list"), {"q": "alfa"})
    assert response.context["paginator"].count == 2
    assert sorted(str(each) for each in response.context["object_list"]) == ["Alfa-projektet", "Hamnsamarbete"]
    response = client.get(reverse("projects:project_list"), {"q": "alfa hamn"})
    assert [str(each) for each in response.context["object_list"]] == ["Hamnsamarbete"]


def test_an_action_plan_with_two_matching_activities_is_found_once(client, coordinator, org):
    relation = CityRelation.objects.create(city="Bergen", country="NO", kind="twin_town", decision=org.kf_decision)
    plan = ActionPlan.objects.create(title="Handlingsplan Bergen", city_relation=relation)
    plan.activities.create(title="Skolutbyte vår", responsible_unit=org.unit_a)
    plan.activities.create(title="Skolutbyte höst", responsible_unit=org.unit_a)
    client.force_login(coordinator)
    response = client.get(reverse("steering:actionplan_list"), {"q": "skolutbyte"})
    assert response.context["paginator"].count == 1
    assert list(response.context["object_list"]) == [plan]
