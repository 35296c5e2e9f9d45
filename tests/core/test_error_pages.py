"""400, 403, 404 and 500 in the site's layout and language, saying what happened and what to do next."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from cooperation.projects.views import ProjectListView

pytestmark = pytest.mark.django_db

LAYOUT = ("css/site.css", "page-header__app-name", "site-footer")


def assert_page(response, status, *texts):
    html = response.content.decode()
    assert response.status_code == status
    for text in (*LAYOUT, *texts):
        assert text in html, text


def test_a_missing_page(client, reader):
    client.force_login(reader)
    assert_page(client.get("/finns-inte/"), 404, "Sidan finns inte", "Kontrollera adressen", "Tillbaka till startsidan")
    assert_page(client.get(reverse("projects:project_detail", args=[999])), 404, "Sidan finns inte")


def test_a_missing_page_in_english(client, reader):
    client.force_login(reader)
    client.cookies["django_language"] = "en"
    assert_page(client.get("/finns-inte/"), 404, "Page not found", "Back to the start page")


def test_a_refusal_names_who_may_do_it(client, org, official_b):
    from tests.projects.test_views import make_project

    project = make_project(org, "Fossilfria hamnar")
    client.force_login(official_b)
    response = client.get(reverse("projects:project_edit", args=[project.pk]))
    assert_page(
        response,
        403,
        "Inte tillåtet",
        "Det får göras av tjänstepersonerna på den ägande förvaltningen och centrala kontorets samordnare.",
        "Fråga centrala kontoret",
    )


def test_a_refusal_to_delete_names_the_coordinators(client, org, official_a):
    from tests.projects.test_views import make_project

    project = make_project(org, "Fossilfria hamnar")
    client.force_login(official_a)
    response = client.get(reverse("projects:project_delete", args=[project.pk]))
    assert_page(response, 403, "Det får göras av centrala kontorets samordnare och administratörerna.")


def test_a_request_that_cannot_be_read():
    response = Client().get("/", HTTP_HOST="inte-var-vard.example")  # DisallowedHost: a 400
    assert_page(response, 400, "Begäran kunde inte läsas", "Gå tillbaka")


def test_a_server_error(reader, monkeypatch):
    def fails(self):
        raise RuntimeError("a bug")

    monkeypatch.setattr(ProjectListView, "get_queryset", fails)
    client = Client(raise_request_exception=False)
    client.force_login(reader)
    assert_page(client.get(reverse("projects:project_list")), 500, "Något gick fel", "berätta för centrala kontoret")


def test_the_server_error_page_needs_no_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    assert_page(response, 500, "Något gick fel")
