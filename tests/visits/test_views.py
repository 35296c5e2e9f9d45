import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from cooperation.visits.choices import VisitKind
from cooperation.visits.models import DelegationMember, Gift, Visit, VisitHost
from tests.helpers import assert_constant_queries, form_data

pytestmark = pytest.mark.django_db

MAIN_HOST = "Värdenheter: ett besök med flera värdenheter ska ha exakt en huvudansvarig värd."
END_BEFORE_START = "Slutdatum: slutdatumet får inte vara före startdatumet."
DELEGATE = "Kim Delegatsson"


def make_visit(org, title, kind=VisitKind.STUDY, unit=None, **extra):
    extra.setdefault("country", "EE")
    extra.setdefault("start_date", datetime.date(2026, 5, 4))
    item = Visit.objects.create(kind=kind, title=title, **extra)
    VisitHost.objects.create(visit=item, unit=unit or org.unit_a)
    return item


@pytest.fixture
def visit(org):
    item = make_visit(org, "Studiebesök från Tallinn", visiting_organisation="Tallinna Linnavalitsus")
    DelegationMember.objects.create(visit=item, name=DELEGATE, title="Rådgivare")
    Gift.objects.create(visit=item, direction="received", description="Glasskål", value=Decimal(800))
    return item


def titles(response) -> list[str]:
    return [row["object"].title for row in response.context["rows"]]


def test_list_filters_sorts_and_counts(client, reader, org, visit):
    make_visit(org, "Ministerbesök", kind=VisitKind.VIP, unit=org.unit_b, country="DE", delegation_size=12)
    make_visit(
        org,
        "Konferens i Bryssel",
        kind=VisitKind.CONFERENCE,
        unit=org.unit_b,
        country="BE",
        start_date=datetime.date(2026, 10, 6),
        delegation_size=3,
    )
    client.force_login(reader)
    url = reverse("visits:visit_list")
    response = client.get(url, {"kind": ["vip", "conference"], "sort": "-title"})
    assert response.status_code == 200
    assert titles(response) == ["Ministerbesök", "Konferens i Bryssel"]
    assert response.context["total"] == 2
    assert titles(client.get(url, {"host": org.unit_a.pk})) == ["Studiebesök från Tallinn"]
    assert titles(client.get(url, {"country": "DE", "year": "2026"})) == ["Ministerbesök"]
    assert titles(client.get(url, {"q": "linnavalitsus tallinn"})) == ["Studiebesök från Tallinn"]
    assert titles(client.get(url, {"year": "2025"})) == []
    assert titles(client.get(url, {"starts_from": "2026-06-01"})) == ["Konferens i Bryssel"]
    in_may = {"starts_from": "2026-05-01", "starts_until": "2026-05-31", "sort": "-delegation_size"}
    visit.delegation_size = 5
    visit.save()
    assert titles(client.get(url, in_may)) == ["Ministerbesök", "Studiebesök från Tallinn"]
    assert titles(client.get(url, {"sort": "start_date"}))[-1] == "Konferens i Bryssel"


def test_a_visit_with_several_hosts_is_listed_once(client, reader, org, visit):
    VisitHost.objects.create(visit=visit, unit=org.unit_b, is_main=True)
    client.force_login(reader)
    response = client.get(reverse("visits:visit_list"), {"host": org.unit_b.pk})
    assert titles(response) == ["Studiebesök från Tallinn"]


def test_bad_filter_input_gives_an_error_not_a_crash(client, reader, visit):
    client.force_login(reader)
    response = client.get(
        reverse("visits:visit_list"),
        {"year": "99999999", "host": "999999", "kind": "party", "starts_from": "igår", "sort": "password"},
    )
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert set(response.context["filter"].form.errors) >= {"year", "host", "kind", "starts_from", "sort"}


def test_official_creates_a_visit_with_hosts_delegation_and_gifts(client, official_a, org):
    client.force_login(official_a)
    url = reverse("visits:visit_add")
    response = client.get(url)
    assert response.context["formsets"]["hosts"].forms[0].initial["unit"] == org.unit_a.pk  # their own unit
    data = form_data(
        response,
        title="Delegation från Tartu",
        kind="study",
        start_date="2026-09-14",
        end_date="2026-09-15",
        country="EE",
        delegation_size="2",
        requested_bodies=[str(org.committee_a.pk)],
        **{
            "hosts-0-is_main": "on",
            "hosts-1-unit": str(org.unit_b.pk),
            "hosts-TOTAL_FORMS": "2",
            "delegation-0-name": "Mari Tamm",
            "delegation-0-title": "Stadsdirektör",
            "gifts-0-direction": "given",
            "gifts-0-description": "Bok om staden",
            "gifts-0-value": "1 200",
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["error_summary"]
    visit = Visit.objects.get(title="Delegation från Tartu")
    assert response["Location"] == visit.get_absolute_url()
    assert sorted(visit.hosts.values_list("unit__name", "is_main")) == [
        ("Kulturförvaltningen", False),
        ("Miljöförvaltningen", True),
    ]
    assert list(visit.delegation.values_list("name", "title")) == [("Mari Tamm", "Stadsdirektör")]
    assert visit.delegation.get().erase_on is not None
    assert list(visit.gifts.values_list("description", "value")) == [("Bok om staden", Decimal(1200))]
    assert list(visit.requested_bodies.all()) == [org.committee_a]
    record = visit.history.get()  # one row, though many-to-many fields were set too
    assert record.history_user == official_a
    assert [row.body for row in record.requested_bodies.all()] == [org.committee_a]


def test_two_hosts_without_a_main_host_are_refused(client, official_a, org, visit):
    client.force_login(official_a)
    url = reverse("visits:visit_edit", args=[visit.pk])
    response = client.post(
        url,
        form_data(client.get(url), title="Ändrad", **{"hosts-1-unit": str(org.unit_b.pk), "hosts-TOTAL_FORMS": "2"}),
    )
    assert response.status_code == 200
    assert response.context["formsets"]["hosts"].non_form_errors() == [MAIN_HOST]
    assert MAIN_HOST in response.content.decode()
    visit.refresh_from_db()
    assert visit.title == "Studiebesök från Tallinn"
    assert list(visit.hosts.values_list("unit", flat=True)) == [org.unit_a.pk]
    assert visit.history.count() == 1


def test_rule_messages_show_beside_the_field_and_nothing_changes(client, official_a, visit):
    client.force_login(official_a)
    url = reverse("visits:visit_edit", args=[visit.pk])
    response = client.post(url, form_data(client.get(url), end_date="2026-05-01", title="Ändrad"))
    assert response.status_code == 200
    assert response.context["form"].errors["end_date"] == [END_BEFORE_START]
    assert END_BEFORE_START in response.content.decode()
    visit.refresh_from_db()
    assert (visit.title, visit.end_date) == ("Studiebesök från Tallinn", None)


def test_the_main_host_can_move_from_one_unit_to_another(client, coordinator, org, visit):
    VisitHost.objects.filter(visit=visit).update(is_main=True)
    VisitHost.objects.create(visit=visit, unit=org.unit_b)
    client.force_login(coordinator)
    url = reverse("visits:visit_edit", args=[visit.pk])
    response = client.get(url)
    forms = response.context["formsets"]["hosts"].forms
    assert [form.instance.unit for form in forms[:2]] == [org.unit_a, org.unit_b]
    data = form_data(response, **{"hosts-1-is_main": "on"})
    del data["hosts-0-is_main"]
    response = client.post(url, data)
    assert response.status_code == 302, response.context["error_summary"]
    assert visit.main_host == org.unit_b


def test_an_official_keeps_one_of_their_units_among_the_hosts(client, official_a, org, visit):
    client.force_login(official_a)
    url = reverse("visits:visit_edit", args=[visit.pk])
    response = client.post(url, form_data(client.get(url), title="Ändrad", **{"hosts-0-unit": str(org.unit_b.pk)}))
    assert response.status_code == 200
    assert len(response.context["formsets"]["hosts"].non_form_errors()) == 1
    visit.refresh_from_db()
    assert visit.title == "Studiebesök från Tallinn"
    assert list(visit.hosts.values_list("unit", flat=True)) == [org.unit_a.pk]


def test_an_official_of_another_unit_may_not_edit(client, official_b, visit):
    client.force_login(official_b)
    url = reverse("visits:visit_edit", args=[visit.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "Kapad"}).status_code == 403
    visit.refresh_from_db()
    assert visit.title == "Studiebesök från Tallinn"


def test_only_coordinators_change_protocol_and_vip_visits(client, official_a, coordinator, org):
    vip = make_visit(org, "Ambassadörens besök", kind=VisitKind.VIP)
    url = reverse("visits:visit_edit", args=[vip.pk])
    client.force_login(official_a)
    assert client.get(url).status_code == 403
    assert reverse("visits:visit_edit", args=[vip.pk]) not in client.get(vip.get_absolute_url()).content.decode()
    client.force_login(coordinator)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("persona", "sees"), [("official_a", True), ("coordinator", True), ("official_b", False), ("reader", False)]
)
def test_delegation_names_only_for_host_units_and_coordinators(client, request, visit, persona, sees):
    client.force_login(request.getfixturevalue(persona))
    html = client.get(visit.get_absolute_url()).content.decode()
    assert (DELEGATE in html) is sees
    assert "Glasskål" in html  # the gift register is public


def test_the_delegation_is_kept_when_a_host_edits_the_visit(client, official_a, visit):
    client.force_login(official_a)
    url = reverse("visits:visit_edit", args=[visit.pk])
    response = client.get(url)
    assert "delegation" in response.context["formsets"]
    assert client.post(url, form_data(response, title="Nytt namn")).status_code == 302
    assert list(visit.delegation.values_list("name", flat=True)) == [DELEGATE]
    assert visit.history.count() == 2
    assert visit.history.first().history_user == official_a


def test_detail_shows_the_main_host_and_whether_a_fee_applies(client, reader, org):
    visit = make_visit(org, "Green Gothenburg-besök", kind=VisitKind.PROGRAMME_STUDY, country="US")
    client.force_login(reader)
    response = client.get(visit.get_absolute_url())
    assert response.context["fee_applies"] is True
    assert response.context["main_host"] == org.unit_a
    assert "Miljöförvaltningen" in response.content.decode()


def test_deleting_needs_confirmation_and_keeps_history(client, coordinator, visit):
    client.force_login(coordinator)
    url = reverse("visits:visit_delete", args=[visit.pk])
    response = client.get(url)
    assert response.status_code == 200 and '<form method="post">' in response.content.decode()
    assert client.post(url).status_code == 302
    assert not Visit.objects.filter(pk=visit.pk).exists()
    assert Visit.history.filter(id=visit.pk, history_type="-").get().history_user == coordinator


def test_list_and_detail_run_a_fixed_number_of_queries(client, official_a, org, visit):
    client.force_login(official_a)

    def more_visits():
        for i in range(6):
            make_visit(org, f"Besök {i}", unit=org.unit_b if i % 2 else org.unit_a).sdgs.set([1, 2])

    assert_constant_queries(client, reverse("visits:visit_list"), more_visits)

    def more_rows():
        VisitHost.objects.create(visit=visit, unit=org.unit_b, is_main=True)
        visit.requested_bodies.set([org.ks, org.kf])
        visit.sdgs.set([3, 4, 5])
        for i in range(4):
            DelegationMember.objects.create(visit=visit, name=f"Delegat {i}")
            Gift.objects.create(visit=visit, direction="given", description=f"Gåva {i}")

    assert_constant_queries(client, visit.get_absolute_url(), more_rows)


def test_an_outgoing_trip_asks_how_near_and_digital_alternatives_were_considered(client, official_a, org):
    from cooperation.organisation.models import Policy

    Policy.objects.create(municipality=org.municipality, title="Policy", requires_travel_considerations=True)
    client.force_login(official_a)
    url = reverse("visits:visit_add")
    data = form_data(
        client.get(url),
        title="Konferens i Bryssel",
        kind="outgoing_trip",
        direction="outgoing",
        start_date="2026-10-07",
        country="BE",
        own_participants="2",
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "travel_considerations" in response.context["form"].errors
    data["travel_considerations"] = "Konferensen sänds inte; vi reser två i stället för fyra."
    response = client.post(url, data)
    assert response.status_code == 302, response.context["error_summary"]
    visit = Visit.objects.get()
    assert "vi reser två i stället för fyra" in client.get(visit.get_absolute_url()).content.decode()


KIND_FOR_THE_OFFICE = (
    "Typ: bara centrala kontoret gör ett besök till ett protokollärt besök eller VIP-besök. Behåll typen och använd "
    "”Informera centrala kontoret” på besökets sida: kontoret tar över besöket därifrån."
)


@pytest.mark.parametrize("kind", [VisitKind.VIP, VisitKind.PROTOCOL])
def test_an_official_cannot_turn_their_visit_into_one_the_office_runs(client, official_a, visit, kind):
    client.force_login(official_a)
    url = reverse("visits:visit_edit", args=[visit.pk])
    response = client.post(url, form_data(client.get(url), kind=kind, title="Ambassadörens besök"))
    assert response.status_code == 200
    assert response.context["form"].errors["kind"] == [KIND_FOR_THE_OFFICE]
    visit.refresh_from_db()
    assert (visit.kind, visit.title, visit.history.count()) == (VisitKind.STUDY, "Studiebesök från Tallinn", 1)
    assert client.get(url).status_code == 200  # still theirs to edit


def test_a_coordinator_turns_a_visit_into_a_vip_visit_and_an_official_registers_a_new_one(
    client, official_a, coordinator, org, visit
):
    client.force_login(coordinator)
    url = reverse("visits:visit_edit", args=[visit.pk])
    assert client.post(url, form_data(client.get(url), kind=VisitKind.VIP)).status_code == 302
    visit.refresh_from_db()
    assert visit.kind == VisitKind.VIP
    client.force_login(official_a)  # a unit registers a request for a VIP visit: the notice goes to the office
    url = reverse("visits:visit_add")
    data = form_data(client.get(url), kind=VisitKind.VIP, title="Borgmästarens besök", country="EE")
    data.update({"start_date": "2026-09-01", "direction": "incoming"})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert Visit.objects.get(title="Borgmästarens besök").notices.count() == 1
