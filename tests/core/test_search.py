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


def hamn(org, **extra):
    return Project.objects.create(
        title=extra.pop("title", "Hamnsamarbete"),
        owner=org.unit_a,
        funding_source=FundingSource.objects.get(code="eu"),
        description=extra.pop("description", "Ett utbyte med Ålands hamnar om sjöfart."),
        **extra,
    )


def found(client, word) -> list[str]:
    response = client.get(reverse("projects:project_list"), {"q": word})
    assert response.status_code == 200
    return [str(each) for each in response.context["object_list"]]


@pytest.mark.parametrize("word", ["samarbete", "HAMN", "ålands", "SJÖFART", "d Å", "ut"])
def test_a_word_anywhere_in_any_case_as_icontains_finds_it(client, reader, org, word):
    hamn(org)
    client.force_login(reader)
    assert found(client, word) == ["Hamnsamarbete"]


@pytest.mark.parametrize("word", ['"', '"hamn"', "ham*", "{title} : x", "NEAR(a b)", "'; --", "\\"])
def test_search_syntax_in_the_words_is_only_text(client, reader, org, word):
    hamn(org)
    client.force_login(reader)
    assert found(client, word) == []  # no text holds these characters


def test_the_index_follows_every_change(client, reader, org):
    project = hamn(org)
    client.force_login(reader)
    project.title, project.description = "Skolutbyte", "Elever från Tartu"
    project.save()
    assert found(client, "hamn") == []
    assert found(client, "tartu") == ["Skolutbyte"]
    project.delete()
    assert found(client, "tartu") == []


def test_the_search_asks_the_index(client, reader, org):
    """SQLite's FTS5 table answers, PostgreSQL has a trigram index on every searched column."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cooperation.core import search

    hamn(org)
    client.force_login(reader)
    with CaptureQueriesContext(connection) as queries:
        assert found(client, "hamnar") == ["Hamnsamarbete"]
    if connection.vendor == "sqlite":
        assert any('"projects_project_search" MATCH' in query["sql"] for query in queries.captured_queries)
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'projects_project'")
            indexes = {row[0] for row in cursor.fetchall()}
        assert {f"projects_project_{name}_trgm" for name in ("title", "acronym", "description")} <= indexes
    assert search.searched_columns()[Project] == ["title", "acronym", "description", "case_number"]


def test_a_table_rebuilt_by_a_migration_gets_its_triggers_back(client, reader, org):
    """SQLite drops a table's triggers when a migration rebuilds the table; the next migrate builds them again."""
    from django.db import connection

    from cooperation.core import search

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's FTS5 tables")
    with connection.cursor() as cursor:
        cursor.execute('DROP TRIGGER "projects_project_search_insert"')
    hamn(org, title="Utan index")
    search.ensure_indexes()
    hamn(org, title="Med index")
    client.force_login(reader)
    assert sorted(found(client, "hamnar")) == ["Med index", "Utan index"]
