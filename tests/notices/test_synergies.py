"""The synergy finder: two units' items with the same partner (spelt a little differently), city, country and theme,
network or call in overlapping periods are found on every path, shown to the person saving and to the coordinator,
listed on the coordinator's start page, and dismissed with a reason."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from cooperation.core.models import SustainableDevelopmentGoal
from cooperation.networks.models import Membership, MembershipKind, Organisation
from cooperation.notices import synergies
from cooperation.notices.choices import SynergyKind
from cooperation.notices.models import Notice, Overlap, SynergyKey
from cooperation.projects.models import FundingSource, Programme, Project, ProjectPartner
from cooperation.visits.models import Visit
from tests.helpers import form_data

pytestmark = pytest.mark.django_db

D = datetime.date


START, END = D(2025, 1, 1), D(2026, 12, 31)


def project(org, unit, title, partner=None, start=START, end=END, **extra):
    item = Project.objects.create(
        title=title,
        owner=unit,
        funding_source=FundingSource.objects.get(code="eu"),
        currency_id="SEK",
        start_date=start,
        end_date=end,
        total_budget=Decimal(100_000),
        **extra,
    )
    if partner:
        ProjectPartner.objects.create(project=item, name=partner, country="DK", city="Aarhus")
    return item


def add_project(client, org, **fields):
    """Unit A's project "Klimathamnar" registered through the page, as its official does."""
    url = reverse("projects:project_add")
    values = {"title": "Klimathamnar", "owner": str(org.unit_a.pk), "status": "idea", "role": "partner"}
    data = form_data(client.get(url), **values, funding_source="eu", currency="SEK", **fields)
    return client.post(url, data, follow=True)


def found(item) -> list[tuple[str, str]]:
    return [(each.overlap.kind, str(each.other)) for each in synergies.shown_for(item, synergies.refresh(item))]


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("Stadt Rostock", "Rostock", True),
        ("Malmö stad", "malmo", True),
        ("Nordic Urban Lab", "Nordic urban-lab", True),
        ("The Circular Cities Institute", "Circular Cities Institute", True),
        ("Region 1", "Region 2", False),
        ("Aarhus Kommune", "Aalborg Kommune", False),
    ],
)
def test_names_are_compared_without_case_accents_punctuation_or_filler(one, other, same):
    assert (synergies.normalise(one) == synergies.normalise(other)) is same


def test_trigram_similarity_tolerates_a_letter_but_not_another_number():
    assert synergies.similarity("nordic urban labs", "nordic urban lab") >= synergies.SIMILARITY
    assert synergies.similarity("region 1", "region 2") == 0
    assert synergies.similarity("aarhus", "tallinn") < synergies.SIMILARITY


def test_near_identical_partners_of_two_units_are_found_once(org):
    theirs = project(org, org.unit_b, "Kulturhamnar", partner="Nordic Urban-Lab (demo)")
    mine = project(org, org.unit_a, "Klimathamnar", partner="nordic urban lab, demo")
    synergies.refresh(theirs)
    assert sorted(found(mine)) == [(SynergyKind.CITY, "Kulturhamnar"), (SynergyKind.PARTNER, "Kulturhamnar")]
    assert sorted(found(theirs)) == [(SynergyKind.CITY, "Klimathamnar"), (SynergyKind.PARTNER, "Klimathamnar")]
    assert Overlap.objects.count() == 2  # one per thing shared, each pair once
    overlap = Overlap.objects.get(kind=SynergyKind.PARTNER)
    assert {overlap.first_unit, overlap.second_unit} == {org.unit_a, org.unit_b}


def test_a_partner_spelt_with_a_letter_more_is_the_same_on_postgresql_only(org):
    """Trigram similarity (pg_trgm) on PostgreSQL; on SQLite only the normalised names are compared."""
    project(org, org.unit_b, "Kulturhamnar", partner="Nordic Urban Labs")
    mine = project(org, org.unit_a, "Klimathamnar", partner="Nordic Urban Lab")
    synergies.refresh(Project.objects.get(title="Kulturhamnar"))
    partners = [title for kind, title in found(mine) if kind == SynergyKind.PARTNER]
    assert partners == (["Kulturhamnar"] if connection.vendor == "postgresql" else [])


def test_the_same_unit_other_periods_and_other_partners_are_no_overlap(org):
    mine = project(org, org.unit_a, "Klimathamnar", partner="Nordic Urban Lab")
    project(org, org.unit_a, "Min andra", partner="Nordic Urban Lab")  # my own unit's
    project(org, org.unit_b, "Förr", partner="Nordic Urban Lab", start=D(2019, 1, 1), end=D(2020, 12, 31))
    project(org, org.unit_b, "Annan partner", partner="Baltic Climate Forum")
    for item in Project.objects.all():
        synergies.refresh(item)
    assert [kind for kind, _title in found(mine)] == [SynergyKind.CITY]  # only the city: Aarhus, from "Annan partner"


def test_a_visit_in_the_same_city_the_same_month_and_a_network_joined_twice(org):
    Visit.objects.create(kind="study", title="Till Aarhus i maj", start_date=D(2025, 5, 2), country="DK", city="Aarhus")
    june = Visit.objects.create(
        kind="study", title="Till Aarhus i juni", start_date=D(2025, 6, 28), country="DK", city="AARHUS"
    )
    june.hosts.create(unit=org.unit_b)
    may = Visit.objects.get(title="Till Aarhus i maj")
    may.hosts.create(unit=org.unit_a)
    later = Visit.objects.create(
        kind="study", title="Också i juni", start_date=D(2025, 6, 1), country="DK", city="Aarhus "
    )
    later.hosts.create(unit=org.unit_a)
    for visit in (may, june, later):
        synergies.refresh(visit)
    assert found(june) == [(SynergyKind.CITY, "Också i juni")]  # May is another month

    network = Organisation.objects.create(name="Eurocities")
    common = {"organisation": network, "kind": MembershipKind.SECTOR_SPECIFIC, "member_since": D(2020, 1, 1)}
    first = Membership.objects.create(unit=org.unit_a, decision=org.committee_a_decision, **common)
    second = Membership.objects.create(unit=org.unit_b, decision=org.committee_b_decision, **common)
    synergies.refresh(first)
    assert found(second) == [(SynergyKind.NETWORK, str(first))]


def test_the_same_country_and_goal_and_the_same_call(org):
    goal = SustainableDevelopmentGoal.objects.get(number=13)
    programme = Programme.objects.create(name="Interreg Baltic Sea Region", source=FundingSource.objects.get(code="eu"))
    mine = project(org, org.unit_a, "Klimatplan", programme=programme, call="Call 4: Climate-neutral")
    theirs = project(org, org.unit_b, "Klimathamn", programme=programme, call="call 4 climate neutral")
    for item in (mine, theirs):
        partner = "Hamburg Port Authority" if item == mine else "Deutsche Klimastiftung"
        ProjectPartner.objects.create(project=item, name=partner, country="DE")
        item.sdgs.add(goal)
    synergies.refresh(theirs)
    assert sorted(found(mine)) == [(SynergyKind.CALL, "Klimathamn"), (SynergyKind.COUNTRY_THEME, "Klimathamn")]
    labels = dict(Overlap.objects.values_list("kind", "label"))
    assert labels[SynergyKind.COUNTRY_THEME] == "Tyskland, 13. Bekämpa klimatförändringen"


def test_the_person_saving_is_told_and_the_coordinator_sees_it_on_the_notice_and_start_page(
    client, org, official_a, coordinator
):
    project(org, org.unit_b, "Kulturhamnar", partner="Nordic Urban Lab")
    synergies.refresh(Project.objects.get())
    client.force_login(official_a)
    partner = {"partners-0-name": "Nordic Urban-Lab", "partners-0-country": "DK", "partners-0-kind": "municipality"}
    html = add_project(client, org, start_date="2025-03-01", **partner).content.decode()
    assert "Möjliga synergier: Kulturförvaltningen har internationellt projekt ”Kulturhamnar” med samma partner" in html
    notice = Notice.objects.get(project__title="Klimathamnar")  # the automatic notice to the office

    client.force_login(coordinator)
    html = client.get(notice.get_absolute_url()).content.decode()
    assert "Möjliga synergier" in html and "Kulturhamnar" in html
    html = client.get(reverse("home")).content.decode()
    assert "Möjliga synergier mellan enheter" in html
    assert "Klimathamnar (Miljöförvaltningen) och Kulturhamnar (Kulturförvaltningen)" in html or (
        "Kulturhamnar (Kulturförvaltningen) och Klimathamnar (Miljöförvaltningen)" in html
    )

    client.force_login(official_a)  # an official sees the notice, but not the office's weighing of synergies
    assert "Möjliga synergier" not in client.get(notice.get_absolute_url()).content.decode()


def test_a_coordinator_dismisses_an_overlap_with_a_reason_once(client, org, coordinator):
    project(org, org.unit_b, "Kulturhamnar", partner="Nordic Urban Lab")
    mine = project(org, org.unit_a, "Klimathamnar", partner="Nordic Urban Lab")
    synergies.refresh(Project.objects.get(title="Kulturhamnar"))
    synergies.refresh(mine)
    overlap = Overlap.objects.get(kind=SynergyKind.PARTNER)
    url = reverse("notices:overlap_detail", args=[overlap.pk])
    client.force_login(coordinator)
    response = client.post(url, {"reason": "   "})
    assert response.status_code == 400
    assert "Ange varför överlappet avfärdas." in response.content.decode()
    overlap.refresh_from_db()
    assert overlap.is_open
    assert client.post(url, {"reason": "Enheterna samarbetar redan."}).status_code == 302
    overlap.refresh_from_db()
    assert (overlap.reason, overlap.dismissed_by) == ("Enheterna samarbetar redan.", coordinator)
    assert overlap.history.first().history_user == coordinator
    response = client.post(url, {"reason": "En annan anledning"})  # a second coordinator, a moment later
    assert response.status_code == 409
    overlap.refresh_from_db()
    assert overlap.reason == "Enheterna samarbetar redan."
    # a dismissed overlap stays dismissed when the items are saved again, and leaves the open list
    synergies.refresh(mine)
    assert Overlap.objects.get(pk=overlap.pk).reason == "Enheterna samarbetar redan."
    listed = client.get(reverse("notices:overlap_list")).context["object_list"]
    assert overlap not in listed
    assert overlap in client.get(reverse("notices:overlap_list"), {"state": "dismissed"}).context["object_list"]


def test_every_path_keeps_the_keys_when_the_transaction_commits(org, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # as the admin, an import or a shell saves
        theirs = project(org, org.unit_b, "Kulturhamnar")
        ProjectPartner.objects.create(project=theirs, name="Nordic Urban Lab", country="DK")
        ProjectPartner.objects.create(project=theirs, name="Baltic Climate Forum", country="DK")
    assert set(SynergyKey.objects.filter(kind=SynergyKind.PARTNER).values_list("label", flat=True)) == {
        "Nordic Urban Lab",
        "Baltic Climate Forum",
    }
    with django_capture_on_commit_callbacks(execute=True):
        mine = project(org, org.unit_a, "Klimathamnar")
        ProjectPartner.objects.create(project=mine, name="nordic urban lab", country="DK")
    assert Overlap.objects.filter(kind=SynergyKind.PARTNER).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        mine.partners.all().delete()  # no longer the same partner: the open overlap goes
    assert not Overlap.objects.filter(kind=SynergyKind.PARTNER).exists()
    with django_capture_on_commit_callbacks(execute=True):
        theirs.delete()
    assert not SynergyKey.objects.filter(item_id=theirs.pk).exists()


def test_find_synergies_rebuilds_after_a_load_without_signals(org):
    project(org, org.unit_b, "Kulturhamnar", partner="Nordic Urban Lab")
    project(org, org.unit_a, "Klimathamnar", partner="Nordic Urban Lab")
    assert not Overlap.objects.exists()  # saved in this test's transaction: nothing has committed
    call_command("find_synergies", stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    assert Overlap.objects.filter(kind=SynergyKind.PARTNER).count() == 1


def test_a_key_that_many_other_items_share_is_the_norm_not_a_synergy(org):
    for number in range(synergies.COMMON + 1):
        synergies.refresh(project(org, org.unit_b, f"Kulturprojekt {number}", partner="Goethe-Institut"))
    mine = project(org, org.unit_a, "Klimathamnar", partner="Goethe-Institut")
    ProjectPartner.objects.create(project=mine, name="Nordic Urban Lab", country="DK")
    synergies.refresh(project(org, org.unit_b, "Kulturhamnar", partner="Nordic Urban Lab"))
    assert [(kind, title) for kind, title in found(mine) if kind == SynergyKind.PARTNER] == [
        (SynergyKind.PARTNER, "Kulturhamnar")
    ]


def test_a_city_is_the_same_only_in_the_same_country(org):
    def trip(unit, city, country):
        visit = Visit.objects.create(
            kind="study", title=f"Till {city}, {country}", start_date=D(2025, 5, 5), country=country, city=city
        )
        visit.hosts.create(unit=unit)
        synergies.refresh(visit)
        return visit

    trip(org.unit_b, "Bergen", "NL")
    trip(org.unit_b, "Bergen", "DE")  # "de" is a filler word in names, never in a country
    mine = trip(org.unit_a, "Bergen", "NO")
    assert found(mine) == []
    trip(org.unit_b, "bergen", "NO")
    assert found(mine) == [(SynergyKind.CITY, "Till bergen, NO")]


def test_the_finder_failing_never_undoes_the_save(client, org, official_a, monkeypatch):
    from django.db import DatabaseError

    def broken(obj):
        raise DatabaseError("connection lost")

    monkeypatch.setattr(synergies, "refresh", broken)
    client.force_login(official_a)
    assert add_project(client, org).redirect_chain  # saved, and on to its page
    assert Project.objects.filter(title="Klimathamnar").exists()


def test_the_overlap_list_reads_both_items_in_a_fixed_number_of_queries(client, org, coordinator):
    from tests.helpers import assert_constant_queries

    def joined_twice():
        network = Organisation.objects.create(name=f"Nätverk {Organisation.objects.count()}")
        common = {"organisation": network, "kind": MembershipKind.SECTOR_SPECIFIC, "member_since": D(2020, 1, 1)}
        synergies.refresh(Membership.objects.create(unit=org.unit_a, decision=org.committee_a_decision, **common))
        synergies.refresh(Membership.objects.create(unit=org.unit_b, decision=org.committee_b_decision, **common))

    def more_rows():
        for _ in range(3):
            joined_twice()

    joined_twice()
    client.force_login(coordinator)
    assert_constant_queries(client, reverse("notices:overlap_list"), more_rows)
    assert_constant_queries(client, reverse("home"), more_rows, ceiling=20)
