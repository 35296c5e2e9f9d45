import csv
import io
import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from cooperation.opendata.datasets import DATASETS
from tests.opendata.conftest import membership, project, relation
from tests.opendata.matrix import NAMES

pytestmark = pytest.mark.django_db

PAGES = ["opendata:index", "opendata:index_en", "opendata:fields", "opendata:fields_en"]
FILES = [name for name in NAMES if name not in PAGES]
CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"


def get(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200, name
    return response


def text(response) -> str:
    return response.content.decode("utf-8")


def items(client, key) -> list[dict]:
    return json.loads(text(get(client, f"opendata:{key}_json")))["items"]


def test_off_by_default_every_address_is_a_404(client, org, coordinator):
    assert {name: client.get(reverse(name)).status_code for name in NAMES} == dict.fromkeys(NAMES, 404)
    client.force_login(coordinator)
    assert {name: client.get(reverse(name)).status_code for name in NAMES} == dict.fromkeys(NAMES, 404)


def test_on_anyone_opens_them_signed_in_or_not(client, public_pages, portfolio, reader):
    assert {name: client.get(reverse(name)).status_code for name in NAMES} == dict.fromkeys(NAMES, 200)
    cache.clear()
    client.force_login(reader)
    assert {name: client.get(reverse(name)).status_code for name in NAMES} == dict.fromkeys(NAMES, 200)


def test_writes_are_refused(client, public_pages, org):
    assert client.post(reverse("opendata:index")).status_code == 405


def test_nothing_unmarked_and_no_personal_data_anywhere(client, public_pages, portfolio):
    found = {name: [word for word in portfolio.hidden if word in text(get(client, name))] for name in NAMES}
    assert found == {name: [] for name in NAMES}


@pytest.mark.parametrize("name", ["opendata:index", "opendata:index_en"])
def test_the_page_lists_what_is_published(client, public_pages, portfolio, name):
    body = text(get(client, name))
    for word in ["Aarhus", "Shanghai", "Eurocities", "Synliga hamnar", "Demokrati i Fokus"]:
        assert word in body


def test_the_page_is_in_swedish_or_english_by_its_address_whatever_the_cookie(client, public_pages, portfolio):
    client.cookies["django_language"] = "en"
    swedish = get(client, "opendata:index")
    assert swedish["Content-Language"] == "sv"
    assert "vänort" in text(swedish) and "Hamnar utan fossila bränslen." in text(swedish)
    client.cookies["django_language"] = "sv"
    english = get(client, "opendata:index_en")
    assert english["Content-Language"] == "en"
    assert "twin town" in text(english) and "Ports without fossil fuels." in text(english)
    assert '<html lang="en">' in text(english)


def test_json_holds_exactly_the_published_rows(client, public_pages, portfolio):
    shown = portfolio.shown
    assert sorted(item["id"] for item in items(client, "cityrelations")) == sorted(shown["relations"])
    assert [item["id"] for item in items(client, "memberships")] == shown["memberships"]
    assert sorted(item["id"] for item in items(client, "projects")) == sorted(shown["projects"])
    assert [item["project_id"] for item in items(client, "euprojects")] == shown["eu_projects"]


def test_json_fields_are_the_documented_ones(client, public_pages, portfolio):
    for dataset in DATASETS:
        for item in items(client, dataset.key):
            assert list(item) == [field.name for field in dataset.fields]


def test_eu_projects_under_keep_eu_names(client, public_pages, portfolio):
    (item,) = items(client, "euprojects")
    assert item == {
        "programme": "Interreg Europe",
        "period": "2021–2027",
        "project_id": portfolio.synlig.pk,
        "project_acronym": "SYNHAMN",
        "project_name": "Synliga hamnar",
        "project_description": "Ports without fossil fuels.",
        "start_date": "2024-03-01",
        "end_date": "2027-02-28",
        "currency": "EUR",
        "total_budget": 2000000.0,
        "eu_funding": 1600000.0,
        "cofinancing_rate": 80.0,
        "partners": [
            {
                "partner_name": "Synliga hamnar Lead Partner",
                "country": "NO",
                "partner_type": "region",
                "lead_partner": True,
            },
            {"partner_name": "=HYPERLINK(1)", "country": "FI", "partner_type": "university", "lead_partner": False},
        ],
    }


def test_csv_reads_back_with_semicolons_and_neutralises_formulas(client, public_pages, portfolio):
    response = get(client, "opendata:projects_csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(content[1:]), delimiter=";"))
    assert list(rows[0]) == [field.name for field in DATASETS[2].fields]
    synlig = next(row for row in rows if row["id"] == str(portfolio.synlig.pk))
    assert synlig["partners"] == "Synliga hamnar Lead Partner||NO|region|true;'=HYPERLINK(1)|Åbo|FI|university|false"
    assert synlig["total_budget"] == "2000000.0"
    assert sorted(int(row["id"]) for row in rows) == sorted(portfolio.shown["projects"])


def test_csv_of_an_empty_dataset_has_its_headers_only(client, public_pages, org):
    content = text(get(client, "opendata:memberships_csv"))
    assert content == "\ufeff" + ";".join(field.name for field in DATASETS[1].fields) + "\r\n"


@pytest.mark.parametrize(("name", "fmt"), [("opendata:catalogue_rdf", "xml"), ("opendata:catalogue_ttl", "turtle")])
def test_the_dcat_catalogue(client, public_pages, portfolio, org, name, fmt):
    graph = Graph().parse(data=text(get(client, name)), format=fmt)
    (catalog,) = graph.subjects(RDF.type, DCAT.Catalog)
    datasets = set(graph.objects(catalog, DCAT.dataset))
    assert len(datasets) == len(DATASETS) == 4
    publisher = graph.value(catalog, DCTERMS.publisher)
    assert graph.value(publisher, FOAF.name) == Literal("Teststads kommun", lang="sv")
    for dataset in datasets:
        assert graph.value(dataset, DCTERMS.publisher) == publisher
        titles = {title.language for title in graph.objects(dataset, DCTERMS.title)}
        descriptions = {text.language for text in graph.objects(dataset, DCTERMS.description)}
        assert titles == descriptions == {"sv", "en"}
        distributions = list(graph.objects(dataset, DCAT.distribution))
        formats = {str(graph.value(d, DCTERMS["format"])).rsplit("/", 1)[1] for d in distributions}
        assert formats == {"JSON", "CSV"}
        for distribution in distributions:
            download = str(graph.value(distribution, DCAT.downloadURL))
            assert download.startswith("https://internationellt.teststad.example/oppna-data/")
            assert graph.value(distribution, DCAT.accessURL) == URIRef(download)
            assert graph.value(distribution, DCAT.mediaType) is not None
            assert graph.value(distribution, DCTERMS.license) == URIRef(CC0)
            # the address it names answers, with the media type it says
            path = download.removeprefix("https://internationellt.teststad.example")
            media_type = str(graph.value(distribution, DCAT.mediaType)).split("media-types/")[1]
            assert client.get(path)["Content-Type"].startswith(media_type)


def test_the_licence_is_a_setting(client, public_pages, org):
    public_pages.OPEN_DATA_LICENCE = "https://creativecommons.org/licenses/by/4.0/"
    graph = Graph().parse(data=text(get(client, "opendata:catalogue_ttl")), format="turtle")
    assert set(graph.objects(None, DCTERMS.license)) == {URIRef("https://creativecommons.org/licenses/by/4.0/")}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_fields_page_documents_every_field_of_every_dataset(client, public_pages, org, language):
    body = text(get(client, "opendata:fields" if language == "sv" else "opendata:fields_en"))
    for dataset in DATASETS:
        assert escape(dataset.title(language)) in body
        for field in dataset.fields:
            assert f"<code>{field.name}</code>" in body
            assert escape(field.sv) in body and escape(field.en) in body
    assert "<code>twin_town</code>: vänort" in body
    assert "<code>twin_town</code>: twin town" in body


def count(client, url) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_fixed_number_of_queries_however_many_rows(client, public_pages, portfolio, org):
    before = {name: count(client, reverse(name)) for name in NAMES}
    for i in range(5):
        relation(f"Stad {i}")
        membership(org, f"Nätverk {i}")
        project(org, f"Projekt {i}")
    assert {name: count(client, reverse(name)) for name in NAMES} == before
    assert before["opendata:index"] == 5 and max(before.values()) <= 5, before


def test_cached_for_everyone_and_served_from_the_cache(client, public_pages, portfolio):
    for name in NAMES:
        first = client.get(reverse(name))
        assert "public" in first["Cache-Control"] and "max-age=900" in first["Cache-Control"], name
        with CaptureQueriesContext(connection) as queries:
            again = client.get(reverse(name))
        assert again.content == first.content
        assert len(queries) == 0, name


def test_a_signed_in_visitor_leaves_nothing_of_theirs_in_the_cache(client, public_pages, portfolio, coordinator):
    client.force_login(coordinator)
    signed_in = client.get(reverse("opendata:index"))
    assert "private" in signed_in["Cache-Control"]
    client.logout()
    anonymous = client.get(reverse("opendata:index"))
    assert anonymous.content == signed_in.content
    assert "Coordinator" not in text(anonymous) and "csrfmiddlewaretoken" not in text(anonymous)


def test_asking_again_with_the_etag_gets_a_304(client, public_pages, portfolio):
    first = get(client, "opendata:euprojects_json")
    again = client.get(reverse("opendata:euprojects_json"), headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert client.get(reverse("opendata:euprojects_json"), headers={"If-None-Match": '"other"'}).status_code == 200


def test_an_address_with_parameters_leads_to_the_one_without(client, public_pages, org):
    response = client.get(reverse("opendata:projects_csv") + "?format=xlsx&utm_source=nyhetsbrev")
    assert response.status_code == 301 and response["Location"] == reverse("opendata:projects_csv")
