"""The header's search across every register: each register found by a word in its description, ranked, named,
marked, narrowed by register and year, and only what the person may read."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperation.cities.models import CityRelation
from cooperation.consultations.models import Consultation
from cooperation.networks.models import Membership, MembershipKind, Organisation
from cooperation.notices.models import Notice
from cooperation.organisation.models import Decision, Policy
from cooperation.portal.search import searchables
from cooperation.projects.models import FundingSource, Project
from cooperation.steering.models import ActionPlan, Evaluation, PositionPaper, PositionPaperVersion
from cooperation.visits.models import Visit
from tests.helpers import assert_constant_queries

pytestmark = pytest.mark.django_db

D = datetime.date
WORD = "zebrafinkar"


def relation(org, **extra):
    values = {"city": "Bergen", "country": "NO", "kind": "twin_town", "decision": org.kf_decision} | extra
    return CityRelation.objects.create(**values)


def membership(org, **extra):
    values = {
        "organisation": Organisation.objects.create(name=f"Eurocities {Organisation.objects.count()}"),
        "kind": MembershipKind.SECTOR_SPECIFIC,
        "unit": org.unit_a,
        "decision": org.committee_a_decision,
        "member_since": D(2020, 1, 1),
    } | extra
    return Membership.objects.create(**values)


def project(org, **extra):
    values = {"title": "Hamnsamarbete", "owner": org.unit_a, "funding_source": FundingSource.objects.get(code="eu")}
    return Project.objects.create(**(values | extra))


def visit(org, **extra):
    values = {"kind": "study", "title": "Studiebesök", "start_date": D(2025, 6, 1), "country": "DK"} | extra
    return Visit.objects.create(**values)


def paper(org, text):
    item = PositionPaper.objects.create(title="Positionspapper Bergen", city_relation=relation(org))
    PositionPaperVersion.objects.create(paper=item, number=1, purpose=text)
    return item


# Each register's item with the word in its description (or what the register has for one).
DESCRIBED = {
    "projects.project": lambda org, text: project(org, description=text),
    "visits.visit": lambda org, text: visit(org, purpose=text),
    "cities.cityrelation": lambda org, text: relation(org, description=text),
    "networks.membership": lambda org, text: membership(org, purpose=text),
    "networks.organisation": lambda org, text: Organisation.objects.create(
        name=f"ICLEI {Organisation.objects.count()}", description=text
    ),
    "consultations.consultation": lambda org, text: Consultation.objects.create(
        title="Samråd", unit=org.unit_a, received_on=D(2025, 3, 3), answer=text
    ),
    "organisation.decision": lambda org, text: Decision.objects.create(
        body=org.ks, date=D(2025, 2, 1), paragraph=str(Decision.objects.count()), title="Beslut om vänort", summary=text
    ),
    "notices.notice": lambda org, text: Notice.objects.create(area="projects", unit=org.unit_a, summary=text),
    "steering.positionpaper": paper,
    "steering.actionplan": lambda org, text: ActionPlan.objects.create(
        title="Handlingsplan", city_relation=relation(org), goals=text
    ),
    "steering.evaluation": lambda org, text: Evaluation.objects.create(
        city_relation=relation(org), date=D(2025, 5, 5), conclusions=text
    ),
    "organisation.policy": lambda org, text: Policy.objects.create(
        municipality=org.municipality, title="Internationell policy", summary=text
    ),
}


def search(client, **query):
    response = client.get(reverse("search"), query)
    assert response.status_code == 200
    return response


def found(response) -> list[tuple[str, str]]:
    results = response.context["results"]
    return [(hit.register.key, hit.url) for hit in results.hits] if results else []


def test_every_register_is_found_by_a_word_in_its_description(client, coordinator, org):
    assert {each.key for each in searchables(coordinator)} == set(DESCRIBED), "a register the test does not cover"
    items = {key: make(org, f"Vi delar erfarenheter om {WORD.upper()} och fåglar.") for key, make in DESCRIBED.items()}
    client.force_login(coordinator)
    response = search(client, q=WORD)
    assert sorted(found(response)) == sorted((key, item.get_absolute_url()) for key, item in items.items())
    assert {facet.register.key: facet.count for facet in response.context["results"].facets} == dict.fromkeys(
        DESCRIBED, 1
    )
    html = response.content.decode()
    assert html.count(f"<mark>{WORD.upper()}</mark>") >= len(DESCRIBED) - 1  # the hits' texts, marked
    for each in searchables(coordinator):  # each hit names its register
        assert f'<span class="badge badge--default">{each.label}</span>' in html
    assert f'href="/projekt/?q={WORD}"' in html  # a register's count leads to its list, searched alike


def test_a_word_in_the_name_ranks_above_a_word_in_a_text(client, reader, org):
    visit(org, purpose="Om hamnar och sjöfart")
    named = project(org, title="Hamnar i Norden", description="Ett utbyte")
    project(org, title="Sjöfart", description="Om hamnar")
    client.force_login(reader)
    assert found(search(client, q="hamnar"))[0] == ("projects.project", named.get_absolute_url())


def test_every_word_must_be_found_and_the_text_around_it_is_shown(client, reader, org):
    long_text = "Inledning. " * 40 + "Samarbetet gäller hamnar och sjöfart i Östersjön. " + "Avslutning. " * 40
    wanted = project(org, title="Östersjöprojektet", description=long_text)
    project(org, title="Hamnprojektet", description="Om hamnar")
    client.force_login(reader)
    response = search(client, q="hamnar sjöfart")
    assert found(response) == [("projects.project", wanted.get_absolute_url())]
    snippet = str(response.context["results"].hits[0].snippet)
    assert "<mark>hamnar</mark> och <mark>sjöfart</mark>" in snippet
    assert snippet.startswith("… ") and snippet.endswith(" …") and len(snippet) < 300


def test_names_and_texts_are_escaped_around_the_marks(client, reader, org):
    project(org, title="<script>alert(1)</script> Hamn & Co", description="<b>hamn</b>")
    client.force_login(reader)
    html = search(client, q="hamn").content.decode()
    assert "<script>alert(1)</script>" not in html and "<b>hamn</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Hamn</mark> &amp; Co" in html
    assert "&lt;b&gt;<mark>hamn</mark>&lt;/b&gt;" in html


def test_a_register_and_a_year_narrow_the_search(client, reader, org):
    old = project(org, title="Hamn 2020", start_date=D(2020, 1, 1), end_date=D(2020, 12, 31))
    project(org, title="Hamn 2025", start_date=D(2025, 1, 1), end_date=D(2025, 12, 31))
    in_2020 = visit(org, title="Hamnbesök", start_date=D(2020, 5, 5))
    Organisation.objects.create(name="Hamnnätverket")
    client.force_login(reader)
    assert {key for key, _url in found(search(client, q="hamn"))} == {
        "projects.project",
        "visits.visit",
        "networks.organisation",
    }
    response = search(client, q="hamn", year="2020")
    assert sorted(found(response)) == sorted(
        [("projects.project", old.get_absolute_url()), ("visits.visit", in_2020.get_absolute_url())]
    )
    assert "networks.organisation" in {each.key for each in response.context["results"].undated}
    assert "Utelämnade, eftersom de saknar år:" in response.content.decode()
    response = search(client, q="hamn", register="visits.visit")
    assert found(response) == [("visits.visit", in_2020.get_absolute_url())]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"q": "hamn", "register": "auth.user"}, "Det finns inget register ”auth.user” att söka i."),
        ({"q": "hamn", "year": "tvåtusen"}, "Fyll i ett heltal."),
        ({"q": "hamn", "year": "99999"}, "Kontrollera att detta värde är mindre än eller lika med 2200."),
        ({"q": " ".join(["ord"] * 11)}, "Sök efter högst 10 ord åt gången."),
        ({"q": "x" * 201}, "Säkerställ att detta värde har som mest 200 tecken (den har 201)."),
    ],
)
def test_bad_input_is_a_message_on_the_form_not_an_error(client, reader, org, query, message):
    project(org, title="Hamn")
    client.force_login(reader)
    response = search(client, **query)
    assert response.context["results"] is None
    assert message in response.content.decode()


def test_nothing_found_says_so(client, reader, org):
    client.force_login(reader)
    assert "Ingenting hittades för ”okänt”." in search(client, q="okänt").content.decode()


def test_a_delegates_name_is_neither_searched_nor_shown(client, org, official_a, official_b, reader):
    hosted = visit(org, title="Studiebesök från Aarhus")
    hosted.hosts.create(unit=org.unit_a)
    hosted.delegation.create(name="Ingrid Zetterlund")
    for user in (official_a, official_b, reader):
        client.force_login(user)
        assert found(search(client, q="zetterlund")) == []
        html = search(client, q="aarhus").content.decode()
        assert found(search(client, q="aarhus")) == [("visits.visit", hosted.get_absolute_url())]
        assert "Zetterlund" not in html


def test_a_position_paper_is_found_by_its_draft_only_by_those_who_may_read_drafts(client, org, official_a, coordinator):
    paper(org, f"Utkast om {WORD}")
    client.force_login(official_a)
    assert found(search(client, q=WORD)) == []
    client.force_login(coordinator)
    assert [key for key, _url in found(search(client, q=WORD))] == ["steering.positionpaper"]


def test_notices_are_found_only_by_those_who_may_read_them(client, org, official_a, official_b):
    Notice.objects.create(area="projects", unit=org.unit_a, summary=f"Nytt projekt om {WORD}")
    client.force_login(official_b)
    assert found(search(client, q=WORD)) == []
    client.force_login(official_a)
    assert [key for key, _url in found(search(client, q=WORD))] == ["notices.notice"]


def test_the_search_runs_as_many_queries_with_many_hits_as_with_few(client, coordinator, org):
    for make in DESCRIBED.values():
        make(org, f"{WORD} ett")
    client.force_login(coordinator)

    def more_rows():
        for make in DESCRIBED.values():
            for _ in range(3):
                make(org, f"{WORD} fler")

    # a count and the best hits of each of the twelve registers, and the session's and roles' own
    assert_constant_queries(client, f"{reverse('search')}?q={WORD}", more_rows, ceiling=2 * len(DESCRIBED) + 4)


def test_the_header_has_the_search_for_everyone_signed_in(client, reader):
    assert 'role="search"' not in client.get(reverse("login")).content.decode()
    client.force_login(reader)
    html = client.get(reverse("home")).content.decode()
    assert f'action="{reverse("search")}"' in html and 'name="q"' in html


def test_each_dated_register_narrows_by_its_own_year(client, coordinator, org):
    """Consultations by the year received, notices by the year raised, evaluations by their date, action plans and
    city relations by the years they run."""
    at = datetime.datetime(2020, 6, 1, 12, tzinfo=datetime.UTC)
    old = [
        Consultation.objects.create(title=f"Samråd {WORD}", unit=org.unit_a, received_on=D(2020, 3, 3)),
        Notice.objects.create(area="projects", unit=org.unit_a, summary=WORD, created_at=at),
        Evaluation.objects.create(city_relation=relation(org), date=D(2020, 5, 5), conclusions=WORD),
        ActionPlan.objects.create(
            title=WORD, city_relation=relation(org), start_date=D(2019, 1, 1), end_date=D(2020, 12, 31)
        ),
        relation(org, city=f"Riga {WORD}", since_year=2015, ended_on=D(2020, 12, 31)),
    ]
    today = timezone.localdate()
    new = [
        Consultation.objects.create(title=f"Samråd {WORD}", unit=org.unit_a, received_on=today),
        Notice.objects.create(area="projects", unit=org.unit_a, summary=WORD),
        Evaluation.objects.create(city_relation=relation(org), date=today, conclusions=WORD),
        ActionPlan.objects.create(title=WORD, city_relation=relation(org), start_date=D(2024, 1, 1)),
        relation(org, city=f"Tartu {WORD}", since_year=2024),
    ]
    client.force_login(coordinator)
    for year, wanted, unwanted in ((2020, old, new), (today.year, new, old)):
        urls = {url for _key, url in found(search(client, q=WORD, year=str(year)))}
        assert {item.get_absolute_url() for item in wanted} <= urls, year
        assert not {item.get_absolute_url() for item in unwanted} & urls, year


@pytest.mark.parametrize(("word", "settled"), [("hamn", True), ("zebra", False), ("partnerlab", False)])
def test_the_newest_rows_first_find_what_every_row_would(client, coordinator, org, monkeypatch, word, settled):
    """A large register's newest rows are searched first (`WINDOW`); where a word is common they settle the hits
    and the count, and where it is not, every row is searched: either way the page is the one a search of every
    row gives. Here with a window of six rows, two hits a register and counts up to three, over a word in most
    items (also through a partner's name), one in a few old ones, and one in an old item's partner only."""
    from cooperation.portal import search as header_search
    from cooperation.projects.models import ProjectPartner

    for number in range(12):
        title = f"Hamnprojekt {number}" if number % 3 else f"Zebraprojekt {number}"
        item = project(org, title=title if number > 2 else f"Zebra {number}")
        if number == 1:
            ProjectPartner.objects.create(project=item, name="Partnerlab", country="DK")
        if number == 7:
            ProjectPartner.objects.create(project=item, name="Hamnverket", country="DK")
    monkeypatch.setattr(header_search, "COUNTED", 3)
    monkeypatch.setattr(header_search, "CANDIDATES", 2)
    client.force_login(coordinator)
    monkeypatch.setattr(header_search, "WINDOW", 10_000)  # every row at once, as before there was a window
    everything = search(client, q=word).context["results"]
    searched_above = []
    matching = header_search.matching

    def noting(request, register, words, year, above=None):
        if register.key == "projects.project":
            searched_above.append(above)
        return matching(request, register, words, year, above=above)

    monkeypatch.setattr(header_search, "matching", noting)
    monkeypatch.setattr(header_search, "WINDOW", 6)
    windowed = search(client, q=word).context["results"]
    assert [hit.url for hit in windowed.hits] == [hit.url for hit in everything.hits]
    assert [(facet.found, facet.more) for facet in windowed.facets] == [
        (facet.found, facet.more) for facet in everything.facets
    ]
    assert everything.hits  # the word is found at all
    # the newest six settle a word in most items; a word in fewer is counted (and, where they do not hold its two
    # newest, searched) again over every row
    assert [above is not None for above in searched_above] == ([True] if settled else [True, False])
