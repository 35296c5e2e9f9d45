"""Inline rows are added before saving: the "add a row" button posts the form back with one more empty row and
everything typed kept, saving nothing and showing no errors; every row has one remove control."""

import re

import pytest
from django.urls import reverse

from cooperation.projects.forms import PartnerFormSet
from cooperation.projects.models import Project, ProjectPartner
from cooperation.visits.models import Visit, VisitHost
from tests.helpers import form_data
from tests.projects.test_views import make_project

pytestmark = pytest.mark.django_db

PROJECT = {
    "title": "Klimatsmarta skolor",
    "status": "idea",
    "role": "partner",
    "funding_source": "eu",
    "currency": "SEK",
    "total_budget": "1 200 000",
    "partners-0-name": "Tallinna Linnavalitsus",
    "partners-0-country": "EE",
    "partners-0-kind": "municipality",
}


def add_row(client, url, data, prefix):
    response = client.post(url, {**data, "_add": prefix})
    assert response.status_code == 200
    return response


def errors_shown(html: str) -> list[str]:
    return re.findall(r"label__message--error|message-box--error|error-summary", html)


def test_adding_a_partner_to_a_new_project_keeps_what_was_typed_and_saves_nothing(client, official_a, org):
    client.force_login(official_a)
    url = reverse("projects:project_add")
    data = form_data(client.get(url), owner=str(org.unit_a.pk), **PROJECT)
    del data["title"]  # a required field left empty shows no error on the way back

    response = add_row(client, url, data, "partners")

    partners = response.context["formsets"]["partners"]
    assert len(partners.forms) == 2
    assert partners.management_form["TOTAL_FORMS"].value() == "2"
    assert partners.forms[0]["name"].value() == "Tallinna Linnavalitsus"
    assert partners.forms[1]["name"].value() in (None, "")
    assert response.context["form"]["total_budget"].value() == "1 200 000"
    assert len(response.context["formsets"]["team"].forms) == 1  # the other formsets are as they were
    html = response.content.decode()
    assert 'value="Tallinna Linnavalitsus"' in html
    assert 'name="partners-1-name"' in html
    assert errors_shown(html) == []
    assert response.context["error_summary"] == []
    assert Project.objects.count() == 0
    assert ProjectPartner.objects.count() == 0

    data = form_data(
        response,
        title="Klimatsmarta skolor",
        **{"partners-1-name": "Rīgas valstspilsēta", "partners-1-country": "LV", "partners-1-kind": "municipality"},
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["error_summary"]
    project = Project.objects.get()
    assert sorted(project.partners.values_list("name", flat=True)) == ["Rīgas valstspilsēta", "Tallinna Linnavalitsus"]
    assert project.team.count() == 0  # the empty team row is ignored
    assert project.history.count() == 1


def test_adding_two_hosts_to_a_new_visit_then_saving_stores_both(client, official_a, org):
    client.force_login(official_a)
    url = reverse("visits:visit_add")
    data = form_data(
        client.get(url),
        title="Delegation från Tartu",
        kind="study",
        start_date="2026-09-14",
        country="EE",
        delegation_size="2",
        **{"hosts-0-is_main": "on", "delegation-0-name": "Mari Tamm"},
    )

    response = add_row(client, url, data, "hosts")
    hosts = response.context["formsets"]["hosts"]
    assert [form["unit"].value() for form in hosts.forms] == [str(org.unit_a.pk), None]
    assert response.context["formsets"]["delegation"].forms[0]["name"].value() == "Mari Tamm"
    assert Visit.objects.count() == VisitHost.objects.count() == 0

    response = client.post(url, form_data(response, **{"hosts-1-unit": str(org.unit_b.pk)}))
    assert response.status_code == 302, response.context["error_summary"]
    visit = Visit.objects.get()
    assert sorted(visit.hosts.values_list("unit__name", "is_main")) == [
        ("Kulturförvaltningen", False),
        ("Miljöförvaltningen", True),
    ]
    assert list(visit.delegation.values_list("name", flat=True)) == ["Mari Tamm"]


def test_adding_a_row_to_an_existing_item_changes_nothing_and_keeps_the_version_opened(client, official_a, org):
    project = make_project(org, "Vänort")
    client.force_login(official_a)
    url = reverse("projects:project_edit", args=[project.pk])
    opened = form_data(client.get(url), title="Vänort i Tartu")

    response = add_row(client, url, opened, "team")

    team = response.context["formsets"]["team"]
    assert len(team.forms) == 2
    assert team.forms[1]["side"].value() == "municipality"  # the new row shows the default, as on a new page
    assert response.context["version"] == opened["_version"]
    assert response.context["form"]["title"].value() == "Vänort i Tartu"
    project.refresh_from_db()
    assert (project.title, project.history.count()) == ("Vänort", 1)
    response = client.post(url, form_data(response, **{"team-1-name": "Anna Ek", "team-1-role": "official"}))
    assert response.status_code == 302, response.context["error_summary"]
    assert list(project.team.values_list("name", flat=True)) == ["Anna Ek"]
    assert project.history.count() == 2


@pytest.mark.parametrize(
    ("prefix", "total", "expected"),
    [
        ("nonsense", "1", 1),  # not a formset on the page: nothing added
        ("partners", "x", 0),  # a count that is no number: Django's formset shows no rows, and no error page
        ("partners", "²", 0),
    ],
)
def test_a_tampered_add_button_adds_nothing_unexpected_and_saves_nothing(client, official_a, prefix, total, expected):
    client.force_login(official_a)
    url = reverse("projects:project_add")
    data = form_data(client.get(url), **{"partners-TOTAL_FORMS": total})
    response = add_row(client, url, data, prefix)
    assert len(response.context["formsets"]["partners"].forms) == expected
    assert Project.objects.count() == 0


def test_no_row_is_added_past_the_formsets_maximum(client, official_a, monkeypatch):
    monkeypatch.setattr(PartnerFormSet, "max_num", 2)
    client.force_login(official_a)
    url = reverse("projects:project_add")
    response = add_row(client, url, form_data(client.get(url)), "partners")
    assert len(response.context["formsets"]["partners"].forms) == 2
    assert 'value="partners"' not in response.content.decode()  # and no button offers another
    response = add_row(client, url, form_data(response), "partners")
    assert len(response.context["formsets"]["partners"].forms) == 2


def test_an_official_of_another_unit_cannot_add_rows_to_an_item(client, official_b, org):
    project = make_project(org, "Vänort")
    client.force_login(official_b)
    url = reverse("projects:project_edit", args=[project.pk])
    response = client.post(url, {"_add": "partners", "partners-TOTAL_FORMS": "1"})
    assert response.status_code in (403, 404)


def test_a_new_project_offers_one_row_of_each_kind_and_each_row_one_remove_control(client, official_a):
    client.force_login(official_a)
    response = client.get(reverse("projects:project_add"))
    formsets = response.context["formsets"]
    assert {name: len(formset.forms) for name, formset in formsets.items()} == {"partners": 1, "team": 1, "finances": 1}
    html = response.content.decode()
    rows = html.split('class="fieldset formset-row"')[1:]
    assert len(rows) == 3 + 3  # the rows, and each formset's empty row in its <template>
    for row in rows:
        assert len(re.findall(r'type="checkbox"[^>]*name="\w+-(?:\d+|__prefix__)-DELETE"', row)) == 1
        assert row.count(">Ta bort raden</label>") == 1
    assert re.search(r'<input type="checkbox" name="partners-0-DELETE" [^>]*class="checkbox__input"', html)
    for name in formsets:
        assert f'<button type="submit" name="_add" value="{name}"' in html
    assert "js/formset.js" in html
