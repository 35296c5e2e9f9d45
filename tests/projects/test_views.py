import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from cooperation.projects.models import FundingSource, Project, ProjectPartner
from tests.helpers import assert_constant_queries, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(org):
    return make_project(org, "Fossilfria hamnar")


def make_project(org, title, **extra):
    item = Project.objects.create(
        title=title,
        owner=org.unit_a,
        funding_source=FundingSource.objects.get(code="eu"),
        currency_id="SEK",
        start_date=datetime.date(2025, 1, 1),
        total_budget=Decimal(1_000_000),
        **extra,
    )
    ProjectPartner.objects.create(project=item, name="Aarhus Kommune", country="DK")
    return item


def test_list_filters_sorts_and_counts(client, reader, org, project):
    make_project(org, "Cirkulära hamnar", status="ongoing")
    client.force_login(reader)
    response = client.get(reverse("projects:project_list"), {"status": "ongoing", "sort": "-title"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cirkulära hamnar" in html and "Fossilfria hamnar" not in html
    assert response.context["total"] == 1
    response = client.get(reverse("projects:project_list"), {"q": "aarhus fossil"})
    assert [row["object"] for row in response.context["rows"]] == [project]


def test_bad_filter_input_gives_an_error_not_a_crash(client, reader, project):
    client.force_login(reader)
    response = client.get(reverse("projects:project_list"), {"year": "tjugo", "owner": "999999", "sort": "password"})
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert response.context["filter"].form.errors


def test_empty_list_says_what_to_do_next(client, official_a):
    client.force_login(official_a)
    html = client.get(reverse("projects:project_list")).content.decode()
    assert "Det finns inga internationella projekt ännu." in html
    assert reverse("projects:project_add") in html


def test_official_creates_a_project_with_partners(client, official_a, org):
    client.force_login(official_a)
    url = reverse("projects:project_add")
    data = form_data(
        client.get(url),
        title="Klimatsmarta skolor",
        owner=str(org.unit_a.pk),
        status="idea",
        role="partner",
        funding_source="eu",
        currency="SEK",
        total_budget="1 200 000",
        external_funding="900 000",
        **{"partners-0-name": "Tallinna Linnavalitsus", "partners-0-country": "EE", "partners-0-kind": "municipality"},
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["error_summary"]
    project = Project.objects.get(title="Klimatsmarta skolor")
    assert project.total_budget == Decimal(1_200_000)
    assert project.co_financing_rate == Decimal("75.0")
    assert list(project.partners.values_list("name", flat=True)) == ["Tallinna Linnavalitsus"]
    assert project.history.get().history_user == official_a


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("1234,50", "1234.50"),  # the Swedish decimal comma
        ("1 234,5", "1234.50"),
        ("1\xa0234,05", "1234.05"),  # as the form itself shows it back
        ("1234.50", "1234.50"),  # a decimal point works too
        ("1234", "1234"),
    ],
)
def test_money_is_entered_to_the_ore(client, official_a, org, typed, kept, language):
    client.force_login(official_a)
    client.cookies["django_language"] = language
    url = reverse("projects:project_add")
    if language == "en":
        typed = typed.replace(",", ".").replace(" ", ",").replace("\xa0", ",")  # 1,234.50 in English
    data = form_data(client.get(url), title="Öre", owner=str(org.unit_a.pk), status="idea", role="partner")
    response = client.post(url, {**data, "funding_source": "eu", "currency": "SEK", "total_budget": typed})
    assert response.status_code == 302, response.context["form"].errors
    project = Project.objects.get(title="Öre")
    assert project.total_budget == Decimal(kept)
    # the edit form shows the amount as it was typed, and saving it again keeps it
    edit = reverse("projects:project_edit", args=[project.pk])
    assert client.post(edit, form_data(client.get(edit), title="Öre igen")).status_code == 302
    project.refresh_from_db()
    assert (project.title, project.total_budget) == ("Öre igen", Decimal(kept))


def test_money_shows_its_ore_only_where_there_are_any(client, reader, project):
    project.total_budget = Decimal("1234567.50")
    project.external_funding = Decimal(1_000_000)
    project.save()
    client.force_login(reader)
    html = client.get(project.get_absolute_url()).content.decode()
    assert "1\xa0234\xa0567,50 SEK" in html
    assert "1\xa0000\xa0000 SEK" in html


def test_money_in_smaller_parts_than_the_ore_is_refused_with_a_swedish_message(client, official_a, project):
    client.force_login(official_a)
    url = reverse("projects:project_edit", args=[project.pk])
    response = client.post(url, form_data(client.get(url), total_budget="1 234,505", title="Ändrad"))
    assert response.status_code == 200
    assert response.context["form"].errors["total_budget"] == ["Total budget: ange högst 2 decimaler (öre eller cent)."]
    project.refresh_from_db()
    assert (project.title, project.total_budget) == ("Fossilfria hamnar", Decimal(1_000_000))


def test_official_cannot_register_a_project_for_another_unit(client, official_a, org):
    client.force_login(official_a)
    url = reverse("projects:project_add")
    data = form_data(
        client.get(url),
        title="Fel enhet",
        owner=str(org.unit_b.pk),
        status="idea",
        role="partner",
        funding_source="eu",
        currency="SEK",
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "owner" in response.context["form"].errors
    assert not Project.objects.filter(title="Fel enhet").exists()


def test_rule_messages_show_beside_the_field_and_nothing_changes(client, official_a, project):
    client.force_login(official_a)
    url = reverse("projects:project_edit", args=[project.pk])
    response = client.post(url, form_data(client.get(url), external_funding="2 000 000", title="Ändrad"))
    assert response.status_code == 200
    assert response.context["form"].errors["external_funding"] == [
        "Extern finansiering som beviljats: får inte överstiga den totala budgeten."
    ]
    assert "Extern finansiering som beviljats: får inte överstiga den totala budgeten." in response.content.decode()
    project.refresh_from_db()
    assert project.title == "Fossilfria hamnar"


def test_one_edit_makes_one_history_row_shown_on_the_detail_page(client, official_a, project):
    client.force_login(official_a)
    url = reverse("projects:project_edit", args=[project.pk])
    response = client.post(url, form_data(client.get(url), status="granted"))
    assert response.status_code == 302
    assert project.history.count() == 2
    assert project.history.first().history_user == official_a
    html = client.get(project.get_absolute_url()).content.decode()
    assert "Status: <del>idé</del> → <ins>beviljad</ins>" in html


def test_a_concurrent_edit_does_not_lose_the_first_save(client, official_a, coordinator, project):
    url = reverse("projects:project_edit", args=[project.pk])
    client.force_login(official_a)
    stale = form_data(client.get(url))
    client.force_login(coordinator)
    assert client.post(url, form_data(client.get(url), status="applied")).status_code == 302
    client.force_login(official_a)
    stale["title"] = "Officials titel"
    response = client.post(url, stale)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Någon annan har sparat" in html
    assert "ansökan inskickad" in html
    project.refresh_from_db()
    assert (project.title, project.status) == ("Fossilfria hamnar", "applied")
    response = client.post(url, form_data(response))  # after seeing what changed, saving again works
    assert response.status_code == 302


def test_ending_a_project_records_date_and_reason(client, official_a, project):
    client.force_login(official_a)
    url = reverse("projects:project_end", args=[project.pk])
    response = client.post(url, {"end_date": "2024-12-31", "end_reason": "Avslutat"})
    assert response.status_code == 200
    assert "Slutdatum: slutdatumet får inte vara före startdatumet." in response.content.decode()
    response = client.post(url, {"end_date": "2026-06-30", "end_reason": "Projektperioden är slut."})
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.status, project.end_date, project.end_reason) == (
        "closed",
        datetime.date(2026, 6, 30),
        "Projektperioden är slut.",
    )


def test_deleting_needs_confirmation_and_keeps_history(client, coordinator, project):
    client.force_login(coordinator)
    url = reverse("projects:project_delete", args=[project.pk])
    assert "Ja, ta bort" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not Project.objects.filter(pk=project.pk).exists()
    assert Project.history.filter(id=project.pk, history_type="-").get().history_user == coordinator


def test_list_and_detail_run_a_fixed_number_of_queries(client, reader, org, project):
    client.force_login(reader)

    def more():
        for i in range(6):
            make_project(org, f"Projekt {i}", status="ongoing").sdgs.set([1, 2])

    assert_constant_queries(client, reverse("projects:project_list"), more)
    detail = reverse("projects:project_detail", args=[project.pk])
    assert_constant_queries(
        client,
        detail,
        lambda: [ProjectPartner.objects.create(project=project, name=f"P{i}", country="FI") for i in range(5)],
    )


def test_democracy_considerations_follow_the_partners_the_page_posts(client, official_a, org):
    from cooperation.organisation.models import Policy

    Policy.objects.create(municipality=org.municipality, title="Strategi", requires_cooperation_analysis=True)
    client.force_login(official_a)
    url = reverse("projects:project_add")
    data = form_data(
        client.get(url),
        title="Rent vatten",
        owner=str(org.unit_a.pk),
        status="granted",
        role="partner",
        funding_source="icld",
        currency="SEK",
        benefit_risk_analysis="Nytta: vattenrening. Risk: korruption, hanteras med revision.",
        partner_choice_grounds="Samma sjö- och vattenfrågor.",
        **{"partners-0-name": "Hue City", "partners-0-country": "VN", "partners-0-kind": "municipality"},
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["democracy_considerations"] == [
        "Demokrati och mänskliga rättigheter: partnerlandet räknas inte som en demokrati (Vietnam); beskriv hur "
        "demokrati och mänskliga rättigheter hanteras innan samarbetet beslutas, som kommunens policy kräver."
    ]
    assert not Project.objects.exists()
    data["partners-0-country"] = "FI"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["error_summary"]


def test_the_detail_page_shows_fields_with_values_and_no_empty_groups(client, reader, project):
    client.force_login(reader)
    response = client.get(project.get_absolute_url())
    titles = [title for title, _fields in response.context["groups"]]
    shown = {str(label) for _title, fields in response.context["groups"] for label, _value in fields}
    assert "Avslutad" not in titles  # a running project has no "Ended" group
    assert any("budget" in label.lower() for label in shown)
    empty = [label for _title, fields in response.context["groups"] for label, value in fields if value == "–"]
    assert empty == []
    project.end_reason = "Programmet lades ned."
    project.save()
    response = client.get(project.get_absolute_url())
    assert "Avslutad" in [title for title, _fields in response.context["groups"]]
    assert "Programmet lades ned." in response.content.decode()
