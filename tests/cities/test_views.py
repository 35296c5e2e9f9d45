import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperation.cities.models import Agreement, CityActivity, CityRelation
from cooperation.organisation.models import Policy, PolicyGoal
from cooperation.projects.models import FundingSource, Project
from cooperation.steering.models import PositionPaper
from cooperation.visits.models import Visit
from tests.cities.test_rules import NOT_DOING_THE_WORK
from tests.helpers import assert_constant_queries, form_data

pytestmark = pytest.mark.django_db

TWIN_NEEDS_KF = "Beslut: en vänort beslutas av kommunfullmäktige (KF); välj ett KF-beslut."
NO_COMMITTEE = "Beslut: en nämnd eller bolagsstyrelse får inte sluta vänorts- eller partnerstadsavtal."
SISTER_NEEDS_KS = "Beslut: ett sister city-avtal tecknas av kommunstyrelsen (KS); välj ett KS-beslut."
TWIN_END_NEEDS_KF = "Beslut om avslut: bara kommunfullmäktige (KF) kan avsluta en vänort."


@pytest.fixture
def twin(org):
    relation = CityRelation.objects.create(
        city="Aarhus",
        country="DK",
        kind="twin_town",
        decision=org.kf_decision,
        since_year=1946,
        description="Nordiskt vänortssamarbete om hamnar",
    )
    relation.units.set([org.unit_a])
    Agreement.objects.create(relation=relation, kind="twin_town", title="Vänortsavtal", decision=org.kf_decision)
    return relation


def make_relation(city, kind="issue_specific", country="FI", **extra):
    return CityRelation.objects.create(city=city, country=country, kind=kind, **extra)


def rows(response):
    return [row["object"] for row in response.context["rows"]]


def test_list_filters_sorts_and_counts(client, reader, org, twin):
    goal = PolicyGoal.objects.create(policy=Policy.objects.create(municipality=org.municipality, title="P"), title="G")
    twin.goals.set([goal])
    twin.sdgs.set([11])
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    gdansk = make_relation("Gdańsk", "partner_city", "PL", status="dormant", decision=org.ks_decision)
    tianjin = make_relation("Tianjin", "sister_city", "CN", next_review_on=yesterday, priority_areas="Hamnar")
    make_relation("Åbo", next_review_on=timezone.localdate())
    client.force_login(reader)
    url = reverse("cities:cityrelation_list")

    response = client.get(url, {"sort": "-city"})
    assert response.status_code == 200
    assert [r.city for r in rows(response)] == ["Åbo", "Tianjin", "Gdańsk", "Aarhus"]
    assert response.context["total"] == 4
    assert rows(client.get(url, {"kind": ["twin_town", "sister_city"], "sort": "city"})) == [twin, tianjin]
    assert rows(client.get(url, {"status": "dormant"})) == [gdansk]
    assert rows(client.get(url, {"country": "PL"})) == [gdansk]
    assert rows(client.get(url, {"unit": org.unit_a.pk})) == [twin]
    assert rows(client.get(url, {"sdg": 11})) == [twin]
    assert rows(client.get(url, {"goal": goal.pk})) == [twin]
    assert rows(client.get(url, {"review_overdue": "on"})) == [tianjin]
    assert rows(client.get(url, {"q": "hamn", "sort": "city"})) == [twin, tianjin]
    html = client.get(url).content.decode()
    assert f'href="{twin.get_absolute_url()}"' in html
    assert "?sort=since_year" in html  # the columns sort


def test_bad_filter_input_gives_an_error_not_a_crash(client, reader, twin):
    client.force_login(reader)
    response = client.get(
        reverse("cities:cityrelation_list"),
        {"unit": "999999", "kind": "castle", "country": "XX", "sdg": "tjugo", "sort": "password"},
    )
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert set(response.context["filter"].form.errors) == {"unit", "kind", "country", "sdg", "sort"}


def test_coordinator_creates_a_relation_with_agreements_and_activities(client, coordinator, org):
    client.force_login(coordinator)
    url = reverse("cities:cityrelation_add")
    data = form_data(
        client.get(url),
        city="Bergen",
        country="NO",
        kind="twin_town",
        status="active",
        decision=str(org.kf_decision.pk),
        since_year="1946",
        units=[str(org.unit_a.pk), str(org.unit_b.pk)],
        sdgs=["11", "13"],
        **{
            "agreements-0-kind": "twin_town",
            "agreements-0-title": "Vänortsavtal Bergen",
            "agreements-0-decision": str(org.kf_decision.pk),
            "agreements-0-valid_from": "2020-01-01",
            "activities-0-unit": str(org.unit_a.pk),
            "activities-0-title": "Digitalt möte om hamnar",
            "activities-0-start_date": "2025-03-01",
            "activities-0-video_conferencing_considered": "on",
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["error_summary"]
    relation = CityRelation.objects.get(city="Bergen")
    assert response["Location"] == relation.get_absolute_url()
    assert set(relation.units.all()) == {org.unit_a, org.unit_b}
    assert list(relation.agreements.values_list("title", "decision")) == [("Vänortsavtal Bergen", org.kf_decision.pk)]
    activity = relation.activities.get()
    assert (activity.unit, activity.video_conferencing_considered) == (org.unit_a, True)
    row = relation.history.get()  # one save is one history row, its many-to-many values included
    assert (row.history_type, row.history_user) == ("+", coordinator)
    assert set(row.units.values_list("unit_id", flat=True)) == {org.unit_a.pk, org.unit_b.pk}
    assert Agreement.history.get().history_user == coordinator


def new_partner_city(client, org, **agreement):
    url = reverse("cities:cityrelation_add")
    data = form_data(
        client.get(url),
        city="Gdańsk",
        country="PL",
        kind="partner_city",
        status="active",
        decision=str(org.ks_decision.pk),
        **{f"agreements-0-{name}": value for name, value in agreement.items()},
    )
    return client.post(url, data)


def test_a_new_relation_with_a_wrongly_decided_agreement_saves_nothing(client, coordinator, org):
    client.force_login(coordinator)
    response = new_partner_city(
        client, org, kind="sister_city", title="Avsiktsförklaring", decision=str(org.kf_decision.pk)
    )
    assert response.status_code == 200
    assert response.context["formsets"]["agreements"].forms[0].errors["decision"] == [SISTER_NEEDS_KS]
    assert SISTER_NEEDS_KS in response.content.decode()
    assert not CityRelation.objects.exists()
    assert not Agreement.objects.exists()


def test_a_committee_concludes_no_agreement_under_a_new_partner_city(client, coordinator, org):
    client.force_login(coordinator)
    response = new_partner_city(
        client, org, kind="memorandum", title="Samförståndsavtal", decision=str(org.committee_a_decision.pk)
    )
    assert response.status_code == 200
    assert response.context["formsets"]["agreements"].forms[0].errors["decision"] == [NO_COMMITTEE]
    assert not CityRelation.objects.exists()


def test_rule_messages_show_beside_the_field_and_nothing_changes(client, coordinator, org, twin):
    client.force_login(coordinator)
    url = reverse("cities:cityrelation_edit", args=[twin.pk])
    versions = twin.history.count()
    response = client.post(url, form_data(client.get(url), decision=str(org.ks_decision.pk), city="Århus"))
    assert response.status_code == 200
    assert response.context["form"].errors["decision"] == [TWIN_NEEDS_KF]
    assert TWIN_NEEDS_KF in response.content.decode()
    twin.refresh_from_db()
    assert (twin.city, twin.decision) == ("Aarhus", org.kf_decision)
    assert twin.history.count() == versions


def test_a_coordinator_edits_a_twin_town_established_before_the_register(client, coordinator, org):
    """Göteborg's Nordic twin towns have no recorded decision; the form says so and they can still be edited."""
    relation = make_relation("Bergen", kind="twin_town", country="NO", established_before_register=True)
    client.force_login(coordinator)
    url = reverse("cities:cityrelation_edit", args=[relation.pk])
    response = client.get(url)
    assert "established_before_register" in response.context["form"].fields
    response = client.post(url, form_data(response, priority_areas="Hamnar"))
    assert response.status_code == 302, response.context["form"].errors
    response = client.post(url, form_data(client.get(url), established_before_register=None))
    assert response.context["form"].errors["decision"] == [TWIN_NEEDS_KF]
    relation.refresh_from_db()
    assert (relation.priority_areas, relation.established_before_register) == ("Hamnar", True)


def test_agreements_are_checked_against_the_kind_the_form_posts(client, coordinator, org):
    """Turning an issue-specific cooperation into a partner city: its agreements must now follow the rule too."""
    relation = make_relation("Gdynia")
    Agreement.objects.create(
        relation=relation, kind="memorandum", title="Samförståndsavtal", decision=org.committee_a_decision
    )
    client.force_login(coordinator)
    url = reverse("cities:cityrelation_edit", args=[relation.pk])
    response = client.post(url, form_data(client.get(url), kind="partner_city", decision=str(org.ks_decision.pk)))
    assert response.status_code == 200
    assert response.context["formsets"]["agreements"].forms[0].errors["decision"] == [NO_COMMITTEE]
    relation.refresh_from_db()
    assert relation.kind == "issue_specific"


def test_an_edit_is_one_history_row_and_the_status_cannot_skip_the_end_page(client, coordinator, org, twin):
    client.force_login(coordinator)
    url = reverse("cities:cityrelation_edit", args=[twin.pk])
    versions = twin.history.count()
    response = client.get(url)
    assert "ended" not in dict(response.context["form"].fields["status"].choices)
    assert "ended_on" not in response.context["form"].fields
    response = client.post(url, form_data(response, status="ended"))
    assert response.status_code == 200
    assert "status" in response.context["form"].errors
    response = client.post(url, form_data(client.get(url), status="dormant", units=[str(org.unit_b.pk)]))
    assert response.status_code == 302
    twin.refresh_from_db()
    assert (twin.status, list(twin.units.all())) == ("dormant", [org.unit_b])
    assert twin.history.count() == versions + 1  # the status and the units in one row
    assert twin.history.first().history_user == coordinator
    html = client.get(twin.get_absolute_url()).content.decode()
    assert "Status: <del>aktiv</del> → <ins>vilande</ins>" in html


def test_ending_a_twin_town_needs_a_kf_decision(client, coordinator, org, twin):
    client.force_login(coordinator)
    url = reverse("cities:cityrelation_end", args=[twin.pk])
    response = client.post(url, {"ended_on": "2026-01-31", "end_reason": "Samarbetet har upphört."})
    assert response.status_code == 200
    assert response.context["form"].errors["end_decision"] == [TWIN_END_NEEDS_KF]
    assert TWIN_END_NEEDS_KF in response.content.decode()
    twin.refresh_from_db()
    assert (twin.status, twin.ended_on) == ("active", None)
    ending = org.decision(org.kf, "2026-01-20", "12")
    data = {"ended_on": "2026-01-31", "end_reason": "Samarbetet har upphört.", "end_decision": ending.pk}
    assert client.post(url, data).status_code == 302
    twin.refresh_from_db()
    assert (twin.status, twin.ended_on, twin.end_reason, twin.end_decision) == (
        "ended",
        datetime.date(2026, 1, 31),
        "Samarbetet har upphört.",
        ending,
    )
    assert twin.history.first().history_user == coordinator
    # An ended relation's end can be corrected in its form.
    response = client.get(reverse("cities:cityrelation_edit", args=[twin.pk]))
    assert {"ended_on", "end_reason", "end_decision"} <= set(response.context["form"].fields)


def test_deleting_needs_confirmation_and_keeps_history(client, coordinator, twin):
    client.force_login(coordinator)
    url = reverse("cities:cityrelation_delete", args=[twin.pk])
    response = client.get(url)
    assert response.status_code == 200 and CityRelation.objects.filter(pk=twin.pk).exists()
    assert client.post(url).status_code == 302
    assert not CityRelation.objects.filter(pk=twin.pk).exists()
    assert CityRelation.history.filter(id=twin.pk, history_type="-").get().history_user == coordinator


def test_an_official_of_a_unit_doing_the_work_records_activities_but_does_not_change_the_relation(
    client, official_a, ks_user, twin
):
    """City relations are the coordinators' (DOMAIN.md): a unit doing the work, or KS, may not change them; the
    units doing the work record their activities under it."""
    client.force_login(official_a)
    html = client.get(twin.get_absolute_url()).content.decode()
    assert reverse("cities:cityrelation_edit", args=[twin.pk]) not in html
    assert reverse("cities:cityactivity_add", args=[twin.pk]) in html
    assert reverse("cities:cityrelation_add") not in client.get(reverse("cities:cityrelation_list")).content.decode()
    url = reverse("cities:cityrelation_edit", args=[twin.pk])
    assert client.post(url, {"city": "Ändrad", "kind": "contact"}).status_code == 403
    client.force_login(ks_user)
    assert (
        client.post(reverse("cities:cityrelation_end", args=[twin.pk]), {"ended_on": "2026-01-01"}).status_code == 403
    )
    twin.refresh_from_db()
    assert (twin.city, twin.status) == ("Aarhus", "active")


def test_detail_shows_its_groups_and_links_related_items(client, reader, org, twin):
    activity = CityActivity.objects.create(
        relation=twin, unit=org.unit_a, title="Hamnseminarium", start_date=datetime.date(2025, 5, 1)
    )
    project = Project.objects.create(
        title="Gröna hamnar", owner=org.unit_a, funding_source=FundingSource.objects.get(code="eu"), city_relation=twin
    )
    visit = Visit.objects.create(
        kind="study",
        title="Studiebesök från Aarhus",
        start_date=datetime.date(2025, 6, 1),
        country="DK",
        city_relation=twin,
    )
    PositionPaper.objects.create(city_relation=twin, title="Positionspapper Aarhus")
    client.force_login(reader)
    response = client.get(twin.get_absolute_url())
    html = response.content.decode()
    titles = [str(title) for title, _fields in response.context["groups"]]
    assert titles[0] and "Avslutad" not in titles  # a relation that has not ended shows no "Ended" group
    agreement = twin.agreements.get()
    assert f'id="agreement-{agreement.pk}"' in html and f'id="activity-{activity.pk}"' in html
    assert agreement.get_absolute_url() == f"{twin.get_absolute_url()}#agreement-{agreement.pk}"
    assert str(org.kf_decision) in html
    assert f'href="{project.get_absolute_url()}"' in html
    assert f'href="{visit.get_absolute_url()}"' in html
    assert "Positionspapper Aarhus" in html


def test_list_and_detail_run_a_fixed_number_of_queries(client, reader, org, twin):
    client.force_login(reader)

    def more_relations():
        for i in range(6):
            make_relation(f"Stad {i}", "partner_city", decision=org.ks_decision).units.set([org.unit_a])

    assert_constant_queries(client, reverse("cities:cityrelation_list"), more_relations)

    def more_rows():
        twin.sdgs.set([1, 2, 3])
        twin.goals.set(
            [PolicyGoal.objects.create(policy=Policy.objects.create(municipality=org.municipality), title="G")]
        )
        for i in range(4):
            Agreement.objects.create(relation=twin, kind="memorandum", title=f"MoU {i}", decision=org.ks_decision)
            CityActivity.objects.create(
                relation=twin, unit=org.unit_b, title=f"A {i}", start_date=datetime.date(2025, 1, i + 1)
            )
            Project.objects.create(
                title=f"P {i}",
                owner=org.unit_b,
                funding_source=FundingSource.objects.get(code="eu"),
                city_relation=twin,
            )
            Visit.objects.create(
                kind="study", title=f"V {i}", start_date=datetime.date(2025, 6, 1), country="DK", city_relation=twin
            )

    # a relation lists six kinds of linked items, each a query: over the ceiling of 12 (issue 13)
    assert_constant_queries(client, twin.get_absolute_url(), more_rows, ceiling=16)


def test_a_new_relation_refuses_an_agreement_of_another_kind(client, coordinator, org):
    client.force_login(coordinator)
    response = new_partner_city(client, org, kind="twin_town", title="Vänortsavtal", decision=str(org.kf_decision.pk))
    assert response.status_code == 200
    assert response.context["formsets"]["agreements"].forms[0].errors["kind"] == [
        "Typ: avtalstypen vänortsavtal passar inte en relation av typen partnerstad."
    ]
    assert not CityRelation.objects.exists()


def test_the_analysis_is_asked_for_on_the_form_and_shown_on_the_page(client, coordinator, reader, org):
    Policy.objects.create(municipality=org.municipality, title="Strategi", requires_cooperation_analysis=True)
    client.force_login(coordinator)
    response = new_partner_city(client, org)
    assert response.status_code == 200
    assert response.context["form"].errors["benefit_risk_analysis"] == [
        "Nytto- och riskanalys: kommunens policy kräver detta innan samarbetet beslutas."
    ]
    titles = [title for title, _fields in response.context["form_groups"]]
    assert "Innan samarbetet inleds" in titles
    relation = make_relation("Gdańsk", "partner_city", "PL", benefit_risk_analysis="Hamnar: stor nytta, liten risk.")
    client.force_login(reader)
    assert "Hamnar: stor nytta, liten risk." in client.get(relation.get_absolute_url()).content.decode()


NOT_A_CHOICE = "Välj ett giltigt alternativ. Det valet finns inte bland tillgängliga alternativ."


def test_an_official_records_changes_and_deletes_their_units_activity(client, org, official_a, twin):
    client.force_login(official_a)
    add = reverse("cities:cityactivity_add", args=[twin.pk])
    response = client.get(add)
    assert list(response.context["form"].fields["unit"].queryset) == [org.unit_a]
    data = form_data(response, unit=str(org.unit_a.pk), title="Hamnseminarium", start_date="2026-05-04")
    response = client.post(add, data)
    assert response.status_code == 302, response.context["error_summary"]
    activity = twin.activities.get()
    assert response["Location"] == activity.get_absolute_url()
    assert (activity.unit, activity.history.get().history_user) == (org.unit_a, official_a)
    html = client.get(twin.get_absolute_url()).content.decode()
    edit = reverse("cities:cityactivity_edit", args=[activity.pk])
    assert edit in html
    assert client.post(edit, form_data(client.get(edit), title="Digitalt hamnseminarium")).status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Digitalt hamnseminarium"
    assert client.post(reverse("cities:cityactivity_delete", args=[activity.pk])).status_code == 302
    assert not twin.activities.exists()


def test_an_official_records_activities_only_for_their_own_unit(client, org, official_a, twin):
    twin.units.add(org.unit_b)  # both units work on the relation; the official acts for unit A only
    client.force_login(official_a)
    add = reverse("cities:cityactivity_add", args=[twin.pk])
    data = form_data(client.get(add), unit=str(org.unit_b.pk), title="Kulturutbyte", start_date="2026-05-04")
    response = client.post(add, data)
    assert response.status_code == 200
    assert response.context["form"].errors["unit"] == [NOT_A_CHOICE]
    assert not twin.activities.exists()


def test_units_not_doing_the_work_record_no_activities(client, org, official_b, coordinator, twin):
    activity = CityActivity.objects.create(relation=twin, unit=org.unit_a, title="Skolutbyte", start_date="2026-03-01")
    client.force_login(official_b)  # unit B does not work on the relation
    assert (
        reverse("cities:cityactivity_add", args=[twin.pk]) not in client.get(twin.get_absolute_url()).content.decode()
    )
    assert client.get(reverse("cities:cityactivity_add", args=[twin.pk])).status_code == 403
    assert client.get(reverse("cities:cityactivity_edit", args=[activity.pk])).status_code == 403
    assert client.post(reverse("cities:cityactivity_delete", args=[activity.pk])).status_code == 403
    client.force_login(coordinator)  # coordinators record any working unit's activity, and only theirs (DOMAIN.md 2.1)
    add = reverse("cities:cityactivity_add", args=[twin.pk])
    response = client.get(add)
    assert list(response.context["form"].fields["unit"].queryset) == [org.unit_a]
    data = form_data(response, unit=str(org.unit_b.pk), title="Kulturutbyte", start_date="2026-05-04")
    assert client.post(add, data).context["form"].errors["unit"] == [NOT_A_CHOICE]
    assert client.post(add, {**data, "unit": str(org.unit_a.pk)}).status_code == 302
    assert twin.activities.count() == 2


def test_the_relation_page_checks_its_activities_against_the_units_it_posts(client, org, coordinator, twin):
    client.force_login(coordinator)
    url = reverse("cities:cityrelation_edit", args=[twin.pk])
    row = {
        "activities-0-unit": str(org.unit_b.pk),
        "activities-0-title": "Kulturutbyte",
        "activities-0-start_date": "2026-05-04",
    }
    response = client.post(url, form_data(client.get(url), **row))
    assert response.status_code == 200
    assert response.context["formsets"]["activities"].forms[0].errors["unit"] == [NOT_DOING_THE_WORK]
    assert not twin.activities.exists()
    data = form_data(client.get(url), units=[str(org.unit_a.pk), str(org.unit_b.pk)], **row)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["error_summary"]
    assert twin.activities.get().unit == org.unit_b


def test_a_relation_lists_its_newest_projects_and_leads_to_all_of_them(client, reader, org, twin):
    """A twin town of fifty years may have hundreds of projects: its page lists the newest ten and links to the
    project list filtered by the relation, which lists every one of them."""
    for year in range(2000, 2012):
        Project.objects.create(
            title=f"Aarhusprojekt {year}",
            owner=org.unit_a,
            funding_source=FundingSource.objects.get(code="eu"),
            start_date=datetime.date(year, 1, 1),
            city_relation=twin,
        )
    twin.pk, twin.city = 1_000_001, "Århus"  # a key a page would write as 1 000 001 where it groups numbers
    twin.save(force_insert=True)
    Project.objects.update(city_relation=twin)
    client.force_login(reader)
    html = client.get(twin.get_absolute_url()).content.decode()
    assert "Aarhusprojekt 2011" in html and "Aarhusprojekt 2002" in html
    assert "Aarhusprojekt 2001" not in html and "Aarhusprojekt 2000" not in html
    link = f"{reverse('projects:project_list')}?city_relation={twin.pk}"
    assert f'<a href="{link}">Visa alla (12)</a>' in html
    assert client.get(link).context["paginator"].count == 12
