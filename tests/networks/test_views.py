import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperation.networks.choices import DeclarationStatus, MembershipKind
from cooperation.networks.filtersets import evaluation_overdue
from cooperation.networks.models import Declaration, Membership, Organisation, Representative
from cooperation.projects.models import FundingSource, Project
from cooperation.steering.models import Evaluation
from cooperation.visits.models import Visit
from tests.helpers import assert_constant_queries, form_data

pytestmark = pytest.mark.django_db
D = datetime.date

KS_DECIDES_DECLARATIONS = "Beslut: deklarationer inom ett nätverk beslutas av kommunstyrelsen (KS)."
COMMON_NEEDS_KF_KS = (
    "Beslut: ett medlemskap av kommungemensamt intresse beslutas av kommunfullmäktige (KF) eller kommunstyrelsen (KS)."
)
SECTOR_NEEDS_OWN_COMMITTEE = (
    "Beslut: ett branschspecifikt medlemskap beslutas av medlemsenhetens egen nämnd eller styrelse (Miljönämnden)."
)


@pytest.fixture
def network(db):
    return Organisation.objects.create(name="Eurocities", country="BE", description="Europas storstäder")


@pytest.fixture
def membership(org, network):
    return sector_membership(org, network)


def sector_membership(org, network, **extra):
    values = {
        "unit": org.unit_a,
        "decision": org.committee_a_decision,
        "member_since": D(2023, 1, 1),
        "annual_fee": Decimal(25_000),
    } | extra
    return Membership.objects.create(organisation=network, kind=MembershipKind.SECTOR_SPECIFIC, **values)


def common_membership(org, network, **extra):
    values = {"member_since": D(2015, 1, 1)} | extra
    return Membership.objects.create(
        organisation=network, kind=MembershipKind.COMMON_INTEREST, unit=org.central, decision=org.ks_decision, **values
    )


def listed(response) -> list:
    assert response.status_code == 200
    return [row["object"] for row in response.context["rows"]]


# --- organisations ------------------------------------------------------------------------------------------------


def test_organisation_list_filters_and_sorts(client, reader, org, network, membership):
    iclei = Organisation.objects.create(name="ICLEI", acronym="ICLEI", country="DE")
    ended = Organisation.objects.create(name="Union of the Baltic Cities", acronym="UBC", country="PL")
    common_membership(org, ended, member_until=D(2020, 12, 31))
    client.force_login(reader)
    url = reverse("networks:organisation_list")
    assert listed(client.get(url, {"sort": "-name"})) == [ended, iclei, network]
    assert listed(client.get(url, {"q": "storstäder"})) == [network]
    assert listed(client.get(url, {"country": "DE"})) == [iclei]
    assert listed(client.get(url, {"active": "true"})) == [network]
    assert listed(client.get(url, {"active": "false", "sort": "acronym"})) == [iclei, ended]
    assert client.get(url, {"q": "ubc"}).context["total"] == 1


def test_organisation_list_bad_filter_input_gives_errors_not_a_crash(client, reader, network):
    client.force_login(reader)
    response = client.get(reverse("networks:organisation_list"), {"country": "XX", "sort": "password"})
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert set(response.context["filter"].form.errors) == {"country", "sort"}


def test_coordinator_creates_an_organisation_with_declarations(client, coordinator, org):
    client.force_login(coordinator)
    url = reverse("networks:organisation_add")
    data = form_data(
        client.get(url),
        name="Eurocities",
        acronym="EC",
        country="BE",
        **{
            "declarations-0-title": "Green City Accord",
            "declarations-0-status": DeclarationStatus.ADOPTED,
            "declarations-0-proposed_on": "2024-02-01",
            "declarations-0-decision": str(org.ks_decision.pk),
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["error_summary"]
    network = Organisation.objects.get(name="Eurocities")
    assert response["Location"] == network.get_absolute_url()
    declaration = network.declarations.get()
    assert (declaration.title, declaration.status, declaration.decision) == (
        "Green City Accord",
        DeclarationStatus.ADOPTED,
        org.ks_decision,
    )
    assert network.history.get().history_user == coordinator
    assert declaration.history.get().history_user == coordinator
    html = client.get(network.get_absolute_url()).content.decode()
    assert f'id="declaration-{declaration.pk}"' in html and "Green City Accord" in html


def test_a_declaration_decided_by_a_committee_is_refused_beside_its_decision(client, coordinator, org, network):
    declaration = Declaration.objects.create(organisation=network, title="Klimatdeklaration")
    client.force_login(coordinator)
    url = reverse("networks:organisation_edit", args=[network.pk])
    data = form_data(
        client.get(url),
        name="Eurocities nytt namn",
        **{
            "declarations-0-status": DeclarationStatus.ADOPTED,
            "declarations-0-decision": str(org.committee_a_decision.pk),
        },
    )
    response = client.post(url, data)
    assert response.status_code == 200
    row = response.context["formsets"]["declarations"].forms[0]
    assert row.errors["decision"] == [KS_DECIDES_DECLARATIONS]
    html = response.content.decode()
    assert f'id="{row["decision"].auto_id}_error">{KS_DECIDES_DECLARATIONS}' in html
    network.refresh_from_db()
    declaration.refresh_from_db()
    assert network.name == "Eurocities"
    assert (declaration.status, declaration.decision) == (DeclarationStatus.PROPOSED, None)


def test_an_official_adds_a_network_but_no_declarations(client, official_a):
    client.force_login(official_a)
    url = reverse("networks:organisation_add")
    response = client.get(url)
    assert response.context["formsets"] == {}
    data = form_data(response, name="Energy Cities", **{"declarations-0-title": "Smuggled in"})
    response = client.post(url, data)
    assert response.status_code == 302
    network = Organisation.objects.get(name="Energy Cities")
    assert not network.declarations.exists()
    assert client.get(reverse("networks:organisation_edit", args=[network.pk])).status_code == 403


def test_an_organisation_with_memberships_cannot_be_deleted(client, coordinator, network, membership):
    client.force_login(coordinator)
    response = client.post(reverse("networks:organisation_delete", args=[network.pk]))
    assert response.status_code == 302
    assert Organisation.objects.filter(pk=network.pk).exists()
    membership.delete()
    assert client.post(reverse("networks:organisation_delete", args=[network.pk])).status_code == 302
    assert not Organisation.objects.filter(pk=network.pk).exists()
    assert Organisation.history.filter(id=network.pk, history_type="-").get().history_user == coordinator


def test_organisation_detail_shows_memberships_and_declarations(client, reader, org, network, membership):
    Declaration.objects.create(organisation=network, title="Lissabondeklarationen", proposed_on=D(2024, 5, 1))
    client.force_login(reader)
    html = client.get(network.get_absolute_url()).content.decode()
    assert f'href="{membership.get_absolute_url()}"' in html
    assert "Miljöförvaltningen" in html and "Lissabondeklarationen" in html


# --- memberships --------------------------------------------------------------------------------------------------


def test_membership_list_filters_and_sorts(client, reader, org, network, membership):
    iclei = Organisation.objects.create(name="ICLEI")
    common = common_membership(org, iclei, purpose="Klimatsamarbete", annual_fee=Decimal(90_000))
    ended = sector_membership(
        org,
        Organisation.objects.create(name="Polis"),
        unit=org.unit_b,
        decision=org.committee_b_decision,
        member_since=D(2010, 1, 1),
        member_until=D(2014, 12, 31),
    )
    client.force_login(reader)
    url = reverse("networks:membership_list")
    response = client.get(url)
    assert listed(response) == [membership, common, ended]
    assert network.get_absolute_url() not in response.content.decode()  # no link nested in the row's link
    assert listed(client.get(url, {"sort": "member_since"})) == [ended, common, membership]
    assert listed(client.get(url, {"kind": MembershipKind.COMMON_INTEREST})) == [common]
    assert listed(client.get(url, {"unit": org.unit_b.pk})) == [ended]
    assert listed(client.get(url, {"q": "klimat"})) == [common]
    assert listed(client.get(url, {"q": "eurocities"})) == [membership]
    assert listed(client.get(url, {"year": "2012"})) == [ended]
    assert listed(client.get(url, {"year": "2024", "sort": "-member_since"})) == [membership, common]
    assert listed(client.get(url, {"active_on": "2016-06-01"})) == [common]
    assert client.get(url, {"kind": MembershipKind.SECTOR_SPECIFIC}).context["total"] == 2


def test_membership_list_sorts_by_fee(client, reader, org, network, membership):
    cheap = common_membership(org, Organisation.objects.create(name="ICLEI"), annual_fee=Decimal(1_000))
    client.force_login(reader)
    url = reverse("networks:membership_list")
    assert listed(client.get(url, {"sort": "-annual_fee"})) == [membership, cheap]
    assert listed(client.get(url, {"sort": "annual_fee"})) == [cheap, membership]


def test_membership_list_filters_overdue_evaluations(client, reader, org, network):
    today = timezone.localdate()
    never_evaluated = sector_membership(org, network, member_since=D(2019, 1, 1))
    evaluated = sector_membership(org, Organisation.objects.create(name="ICLEI"), member_since=D(2019, 1, 1))
    Evaluation.objects.create(membership=evaluated, date=today)
    review_passed = common_membership(
        org, Organisation.objects.create(name="Polis"), next_review_on=today - datetime.timedelta(days=1)
    )
    review_ahead = common_membership(
        org, Organisation.objects.create(name="UBC"), next_review_on=today + datetime.timedelta(days=1)
    )
    client.force_login(reader)
    url = reverse("networks:membership_list")
    assert listed(client.get(url, {"overdue": "true"})) == [never_evaluated, review_passed]
    assert listed(client.get(url, {"overdue": "false"})) == [evaluated, review_ahead]
    response = client.get(url)
    assert response.context["headers"][-1]["name"] == "evaluation_due_on"
    cells = {row["object"]: row["cells"][-1][0] for row in response.context["rows"]}
    assert 'class="badge badge--warning"' in cells[never_evaluated]
    assert "badge" not in cells[evaluated]


@pytest.mark.parametrize("on", [D(2022, 10, 14), D(2022, 10, 15), D(2026, 10, 14), D(2026, 10, 15), D(2031, 1, 1)])
def test_overdue_filter_agrees_with_the_model(org, network, on):
    cases = [
        ({"member_since": D(2019, 3, 1)}, None),
        ({"member_since": D(2019, 3, 1)}, D(2019, 5, 1)),
        ({"member_since": D(2019, 3, 1)}, D(2023, 5, 1)),
        ({"member_since": D(2023, 1, 1)}, None),
        ({"member_since": D(2019, 3, 1), "member_until": D(2025, 12, 31)}, None),
        ({"member_since": D(2026, 11, 1)}, D(2026, 11, 1)),
    ]
    for values, evaluated_on in cases:
        item = sector_membership(org, network, **values)
        if evaluated_on:
            Evaluation.objects.create(membership=item, date=evaluated_on)
    common_membership(org, network, next_review_on=D(2026, 6, 30))
    common_membership(org, network)
    expected = {item.pk for item in Membership.objects.all() if item.is_evaluation_overdue(on)}
    assert set(evaluation_overdue(Membership.objects.all(), on).values_list("pk", flat=True)) == expected


def test_membership_list_bad_filter_input_gives_errors_not_a_crash(client, reader, membership):
    client.force_login(reader)
    response = client.get(
        reverse("networks:membership_list"),
        {"year": "tjugo", "active_on": "igår", "unit": "999999", "kind": "secret", "sort": "password"},
    )
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert set(response.context["filter"].form.errors) == {"year", "active_on", "unit", "kind", "sort"}
    for year in ("-5", "99999"):
        response = client.get(reverse("networks:membership_list"), {"year": year})
        assert response.status_code == 200
        assert "year" in response.context["filter"].form.errors


def test_official_registers_a_membership_with_representatives(client, official_a, org, network):
    client.force_login(official_a)
    url = reverse("networks:membership_add")
    response = client.get(url)
    form = response.context["form"]
    assert list(form.fields["unit"].queryset) == [org.unit_a]
    assert [value for value, _label in form.fields["kind"].choices] == [MembershipKind.SECTOR_SPECIFIC]
    data = form_data(
        response,
        organisation=str(network.pk),
        member_since="2024-01-01",
        decision=str(org.committee_a_decision.pk),
        annual_fee="12 500",
        **{
            "representatives-0-name": "Anna Berg",
            "representatives-0-position": "Styrelseledamot",
            "representatives-0-start_date": "2024-01-01",
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["error_summary"]
    membership = Membership.objects.get(organisation=network)
    assert (membership.kind, membership.unit, membership.annual_fee) == (
        MembershipKind.SECTOR_SPECIFIC,
        org.unit_a,
        Decimal(12_500),
    )
    assert list(membership.representatives.values_list("name", "position")) == [("Anna Berg", "Styrelseledamot")]
    assert membership.history.get().history_user == official_a
    assert Representative.history.get().history_user == official_a


def test_an_official_cannot_register_for_another_unit_or_of_common_interest(client, official_a, org, network):
    client.force_login(official_a)
    url = reverse("networks:membership_add")
    data = form_data(
        client.get(url),
        organisation=str(network.pk),
        kind=MembershipKind.COMMON_INTEREST,
        unit=str(org.unit_b.pk),
        member_since="2024-01-01",
        decision=str(org.ks_decision.pk),
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert {"kind", "unit"} <= set(response.context["form"].errors)
    assert not Membership.objects.exists()


def test_officials_change_only_their_own_units_sector_specific_memberships(
    client, official_a, official_b, org, network, membership
):
    common = common_membership(org, network)
    client.force_login(official_a)
    assert client.get(reverse("networks:membership_edit", args=[membership.pk])).status_code == 200
    assert client.get(reverse("networks:membership_edit", args=[common.pk])).status_code == 403
    assert client.post(reverse("networks:membership_end", args=[common.pk]), {}).status_code == 403
    client.force_login(official_b)
    assert client.get(reverse("networks:membership_edit", args=[membership.pk])).status_code == 403
    detail = client.get(membership.get_absolute_url())
    assert detail.status_code == 200 and not detail.context["can_change"]


def test_common_interest_membership_needs_kf_or_ks_beside_the_decision(client, coordinator, org, network):
    common = common_membership(org, network, purpose="Samverkan")
    client.force_login(coordinator)
    url = reverse("networks:membership_edit", args=[common.pk])
    response = client.post(url, form_data(client.get(url), decision=str(org.committee_a_decision.pk), purpose="Ändrad"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["decision"] == [COMMON_NEEDS_KF_KS]
    assert f'id="{form["decision"].auto_id}_error">{COMMON_NEEDS_KF_KS}' in response.content.decode()
    common.refresh_from_db()
    assert (common.decision, common.purpose) == (org.ks_decision, "Samverkan")
    assert common.history.count() == 1


def test_sector_specific_membership_needs_its_own_committee_beside_the_decision(client, official_a, org, membership):
    client.force_login(official_a)
    url = reverse("networks:membership_edit", args=[membership.pk])
    response = client.post(
        url, form_data(client.get(url), decision=str(org.committee_b_decision.pk), annual_fee="99 000")
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["decision"] == [SECTOR_NEEDS_OWN_COMMITTEE]
    assert f'id="{form["decision"].auto_id}_error">{SECTOR_NEEDS_OWN_COMMITTEE}' in response.content.decode()
    membership.refresh_from_db()
    assert (membership.decision, membership.annual_fee) == (org.committee_a_decision, Decimal(25_000))


def test_one_edit_makes_one_history_row(client, official_a, membership):
    client.force_login(official_a)
    url = reverse("networks:membership_edit", args=[membership.pk])
    response = client.post(url, form_data(client.get(url), fee_basis="Per invånare"))
    assert response.status_code == 302, response.context["error_summary"]
    assert membership.history.count() == 2
    assert membership.history.first().history_user == official_a


def test_ending_a_membership_records_date_reason_and_decision(client, official_a, org, membership):
    client.force_login(official_a)
    url = reverse("networks:membership_end", args=[membership.pk])
    response = client.post(url, {"member_until": "2022-12-31", "end_reason": "Avslutat"})
    assert response.status_code == 200
    assert "Medlem till: slutdatumet får inte vara före startdatumet." in response.content.decode()
    response = client.post(url, {"end_reason": "Avslutat"})
    assert "member_until" in response.context["form"].errors
    data = {"member_until": "2025-12-31", "end_reason": "Nyttan motsvarar inte avgiften.", "end_decision": ""}
    data["end_decision"] = str(org.committee_a_decision.pk)
    response = client.post(url, data)
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.member_until, membership.end_reason, membership.end_decision) == (
        D(2025, 12, 31),
        "Nyttan motsvarar inte avgiften.",
        org.committee_a_decision,
    )
    assert not membership.is_active(D(2026, 1, 1))
    assert membership.history.first().history_user == official_a


def test_deleting_a_membership_needs_confirmation_and_keeps_history(client, coordinator, membership):
    client.force_login(coordinator)
    url = reverse("networks:membership_delete", args=[membership.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert Membership.history.filter(id=membership.pk, history_type="-").get().history_user == coordinator


def test_membership_detail_shows_evaluation_and_related_items(client, reader, org, network):
    membership = sector_membership(org, network, member_since=D(2019, 3, 1))
    Evaluation.objects.create(membership=membership, date=D(2019, 5, 1), conclusions="Nyttan är tydlig")
    Representative.objects.create(membership=membership, name="Anna Berg", position="Vice ordförande")
    Declaration.objects.create(organisation=network, title="Lissabondeklarationen")
    project = Project.objects.create(
        title="Rena hamnar",
        owner=org.unit_a,
        funding_source=FundingSource.objects.get(code="eu"),
        membership=membership,
    )
    Visit.objects.create(
        kind="study",
        title="Studiebesök från Eurocities",
        start_date=D(2024, 4, 2),
        country="BE",
        membership=membership,
    )
    client.force_login(reader)
    response = client.get(membership.get_absolute_url())
    html = response.content.decode()
    facts = {str(label): value for _title, fields in response.context["groups"] for label, value in fields}
    assert facts["Utvärdering senast"] == "2026-10-14"  # the term after 2019's evaluation ends 2026-10-14
    assert response.context["evaluation_overdue"] is membership.is_evaluation_overdue()
    for text in ("Anna Berg", "Vice ordförande", "Nyttan är tydlig", "Lissabondeklarationen", "Studiebesök från"):
        assert text in html
    assert f'href="{project.get_absolute_url()}"' in html
    assert f'href="{network.get_absolute_url()}"' in html


def test_lists_and_details_run_a_fixed_number_of_queries(client, reader, org, network, membership):
    client.force_login(reader)

    def more_memberships():
        for _ in range(5):
            name = f"Nätverk {Organisation.objects.count()}"
            item = sector_membership(org, Organisation.objects.create(name=name, country="FI"))
            Evaluation.objects.create(membership=item, date=D(2024, 1, 1))

    assert_constant_queries(client, reverse("networks:membership_list"), more_memberships)
    assert_constant_queries(client, reverse("networks:organisation_list"), more_memberships)

    def more_related():
        for i in range(4):
            Representative.objects.create(membership=membership, name=f"Person {i}")
            Evaluation.objects.create(membership=membership, date=D(2020 + i, 1, 1), decision=org.ks_decision)
            Declaration.objects.create(organisation=network, title=f"Deklaration {i}", decision=org.ks_decision)
            Project.objects.create(
                title=f"Projekt {i}", owner=org.unit_a, funding_source_id="eu", membership=membership
            )
            Visit.objects.create(
                kind="study", title=f"Besök {i}", start_date=D(2024, 1, 1), country="FI", membership=membership
            )
            sector_membership(org, network)

    # a membership lists eight kinds of linked items, each a query: over the ceiling of 12 (issue 13)
    assert_constant_queries(client, membership.get_absolute_url(), more_related, ceiling=14)
    assert_constant_queries(
        client,
        network.get_absolute_url(),
        lambda: [sector_membership(org, network, unit=org.unit_b, decision=org.committee_b_decision) for _ in range(3)],
    )


def test_near_and_digital_alternatives_are_asked_for_beside_the_field(client, official_a, org, network):
    from cooperation.organisation.models import Policy

    Policy.objects.create(municipality=org.municipality, title="Policy", requires_travel_considerations=True)
    client.force_login(official_a)
    url = reverse("networks:membership_add")
    response = client.get(url)
    data = form_data(
        response, organisation=str(network.pk), member_since="2024-01-01", decision=str(org.committee_a_decision.pk)
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["travel_considerations"] == [
        "Närliggande och digitala alternativ: kommunens policy kräver att det framgår hur närliggande kompetens och "
        "digitala möten har övervägts."
    ]
    data["travel_considerations"] = "Nätverket möts digitalt; en resa om året."
    assert client.post(url, data).status_code == 302
    membership = Membership.objects.get()
    assert membership.travel_considerations == "Nätverket möts digitalt; en resa om året."
    assert "Nätverket möts digitalt; en resa om året." in client.get(membership.get_absolute_url()).content.decode()
