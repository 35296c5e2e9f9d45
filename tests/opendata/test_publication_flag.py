"""Only coordinators decide what the public sees: on the edit page and in the admin."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from cooperation.organisation.choices import Role
from cooperation.projects.admin import ProjectAdmin
from cooperation.projects.forms import PUBLICATION_FIELDS
from cooperation.projects.models import Project
from tests.conftest import make_user
from tests.helpers import form_data
from tests.opendata.conftest import project

pytestmark = pytest.mark.django_db

PUBLISH = {"published": "on", "public_summary_sv": "Offentlig text", "public_summary_en": "Public text"}


def test_an_official_neither_sees_nor_sets_the_flag(client, org, official_a):
    item = project(org, "Eget projekt", published=False)
    client.force_login(official_a)
    url = reverse("projects:project_edit", args=[item.pk])
    page = client.get(url)
    assert not set(PUBLICATION_FIELDS) & set(page.context["form"].fields)
    response = client.post(url, {**form_data(page), **PUBLISH})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.published, item.public_summary_sv, item.public_summary_en) == (False, "", "")


def test_a_coordinator_sets_the_flag_and_the_summary_with_history(client, org, coordinator):
    item = project(org, "Eget projekt", published=False)
    client.force_login(coordinator)
    url = reverse("projects:project_edit", args=[item.pk])
    response = client.post(url, form_data(client.get(url), **PUBLISH))
    assert response.status_code == 302, response.context["error_summary"]
    item.refresh_from_db()
    assert (item.published, item.public_summary_sv, item.public_summary_en) == (True, "Offentlig text", "Public text")
    assert item.history.first().history_user == coordinator
    assert list(Project.objects.publishable()) == [item]


def test_in_the_admin_only_coordinators_may_change_it(org):
    staff = make_user("staff", Role.OFFICIAL, org.unit_a, is_staff=True)
    chief = make_user("chief", Role.COORDINATOR, org.central, is_staff=True)
    admin = ProjectAdmin(Project, None)
    request = RequestFactory().get("/")
    request.user = staff
    assert set(PUBLICATION_FIELDS) <= set(admin.get_readonly_fields(request))
    request.user = chief
    assert not set(PUBLICATION_FIELDS) & set(admin.get_readonly_fields(request))
