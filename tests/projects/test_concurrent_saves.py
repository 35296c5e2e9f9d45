"""Two people saving one project at the same moment: one save holds, the other gets the conflict page (409) and
saves nothing. On SQLite too, where a busy database used to be a 500 ("database is locked")."""

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from cooperation.projects.models import Project
from cooperation.projects.views import ProjectEditView
from tests.concurrency import at_once, own_connections, slowed
from tests.helpers import form_data
from tests.projects.test_views import make_project


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_give_one_save_and_one_conflict(org, official_a, coordinator):
    project = make_project(org, "Fossilfria hamnar")
    url = reverse("projects:project_edit", args=[project.pk])
    official, office = Client(), Client()
    official.force_login(official_a)
    office.force_login(coordinator)
    official_data = form_data(official.get(url), title="Officials titel")
    office_data = form_data(office.get(url), title="Kontorets titel")
    with own_connections(), slowed(ProjectEditView, "validate_together"):
        responses = at_once(lambda: official.post(url, official_data), lambda: office.post(url, office_data))
        project.refresh_from_db()
        rows = project.history.count()
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [302, 409]
    saved = "Officials titel" if responses[0].status_code == 302 else "Kontorets titel"
    assert project.title == saved
    assert rows == 2  # created, and the one save that held
    refused = next(response for response in responses if response.status_code == 409)
    assert "Någon annan har sparat" in refused.content.decode()


@pytest.mark.django_db
def test_a_database_still_busy_after_the_timeout_is_a_409_not_a_500(client, org, official_a, monkeypatch):
    project = make_project(org, "Fossilfria hamnar")
    url = reverse("projects:project_edit", args=[project.pk])
    client.force_login(official_a)
    data = form_data(client.get(url), title="Ändrad")

    def busy(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(ProjectEditView, "save", busy)
    response = client.post(url, data)
    assert response.status_code == 409
    assert "Upptaget, försök igen" in response.content.decode()
    assert Project.objects.get().title == "Fossilfria hamnar"

    def broken(*args, **kwargs):
        raise OperationalError("no such table: projects_project")

    monkeypatch.setattr(ProjectEditView, "save", broken)
    with pytest.raises(OperationalError):  # other database errors are not hidden behind a 409
        client.post(url, data)
