"""Every register's list downloads as CSV and Excel, as filtered and sorted on screen, with the page's permissions."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from cooperation.core import exports
from cooperation.core.models import AuditEvent, AuditEventKind
from cooperation.core.views import EXPORT_FORMATS, XLSX
from cooperation.projects.models import FundingSource, Project
from cooperation.visits.models import DelegationMember, Visit, VisitHost
from tests.core.test_hostile_filters import LISTS

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today().isoformat()
HOSTILE_TEXTS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


def make_project(org, title, **extra):
    extra.setdefault("total_budget", Decimal("1250000.50"))
    return Project.objects.create(
        title=title,
        owner=extra.pop("owner", org.unit_a),
        funding_source=FundingSource.objects.get(code="eu"),
        start_date=extra.pop("start_date", datetime.date(2025, 1, 15)),
        **extra,
    )


def download(client, url_name, **query):
    """The file's response and its content, read to the end."""
    response = client.get(reverse(url_name), query)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def csv_rows(body: bytes) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf")  # the byte-order mark Swedish Excel needs for å, ä, ö
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def xlsx_rows(body: bytes) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    return list(sheet.iter_rows(values_only=True))


def test_csv_is_semicolon_separated_utf8_with_a_bom_and_swedish_headers(client, reader, org):
    make_project(org, "Fossilfria hamnar – Göteborg", acronym="FOSSIL", status="ongoing")
    client.force_login(reader)
    response, body = download(client, "projects:project_list", format="csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="internationella-projekt-{TODAY}.csv"'
    header, row = csv_rows(body)
    assert header[:3] == ["Titel", "Akronym", "Diarienummer"]
    by_header = dict(zip(header, row, strict=True))
    assert by_header["Titel"] == "Fossilfria hamnar – Göteborg"
    assert by_header["Status"] == "pågående"
    assert by_header["Startdatum"] == "2025-01-15"
    assert by_header["Total budget"] == "1250000,50"  # a decimal comma, no thousands separator: a number to Excel
    assert by_header["Valuta"] == "SEK"
    assert by_header["Total budget (SEK)"] == "1250000,50"


def test_headers_follow_the_chosen_language(client, reader, org):
    make_project(org, "Fossilfria hamnar")
    client.force_login(reader)
    client.post(reverse("set_language"), {"language": "en"})
    response, body = download(client, "projects:project_list", format="xlsx")
    assert response["Content-Disposition"] == f'attachment; filename="international-projects-{TODAY}.xlsx"'
    assert xlsx_rows(body)[0][:3] == ("Title", "Acronym", "Case number")
    _response, body = download(client, "projects:project_list", format="csv")
    assert csv_rows(body)[0][0] == "Title"


def test_excel_holds_numbers_and_dates_a_frozen_header_and_an_autofilter(client, reader, org):
    make_project(
        org,
        "Hamnsamarbete",
        currency_id="EUR",
        exchange_rate=Decimal("11.50"),
        total_budget=Decimal(200_000),
        end_date=datetime.date(2026, 6, 30),
    )
    client.force_login(reader)
    response, body = download(client, "projects:project_list", format="xlsx")
    assert response["Content-Type"] == XLSX
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, [cell for cell in sheet[2]], strict=True))
    assert row["Startdatum"].value == datetime.datetime(2025, 1, 15) and row["Startdatum"].is_date
    assert row["Total budget"].value == 200_000 and row["Total budget"].data_type == "n"
    assert row["Valuta"].value == "EUR"
    assert row["Total budget (SEK)"].value == 2_300_000  # at the project's own exchange rate
    assert row["Växelkurs till SEK"].value == Decimal("11.5")
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(header))}2"
    assert sheet.column_dimensions["A"].width >= 16
    assert all(cell.font.b for cell in sheet[1])


def test_amounts_in_another_currency_without_a_rate_have_no_sek(client, coordinator, org):
    from cooperation.networks.models import Membership, Organisation

    network = Organisation.objects.create(name="Eurocities", country="BE")
    Membership.objects.create(
        organisation=network,
        kind="common_interest",
        unit=org.central,
        member_since=datetime.date(2020, 1, 1),
        annual_fee=Decimal(5000),
        fee_currency_id="EUR",
    )
    client.force_login(coordinator)
    _response, body = download(client, "networks:membership_list", format="xlsx")
    header, row = xlsx_rows(body)
    values = dict(zip(header, row, strict=True))
    assert (values["Årlig medlemsavgift"], values["Valuta"], values["Årlig medlemsavgift (SEK)"]) == (5000, "EUR", None)


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_formula_like_texts_never_run_as_formulas_in_either_format(client, reader, org, text):
    make_project(org, text, acronym=text, total_budget=None)
    client.force_login(reader)
    _response, body = download(client, "projects:project_list", format="csv")
    assert csv_rows(body)[1][:2] == [f"'{text}", f"'{text}"]
    _response, body = download(client, "projects:project_list", format="xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    assert sheet["A2"].value == f"'{text}" and sheet["A2"].data_type == "s"


def test_neutralise_keeps_other_texts_and_negative_numbers_stay_numbers():
    assert exports.neutralise("Göteborg") == "Göteborg"
    assert exports.neutralise("a=b") == "a=b"
    assert exports.csv_text(Decimal("-12.5"), exports.Kind.NUMBER) == "-12,5"
    assert exports.csv_text("-12.5", exports.Kind.TEXT) == "'-12.5"


def test_the_export_is_filtered_and_sorted_as_the_list(client, reader, org):
    make_project(org, "Alfa", status="ongoing")
    make_project(org, "Beta", status="idea")
    make_project(org, "Gamma", status="ongoing")
    client.force_login(reader)
    query = {"status": "ongoing", "sort": "-title"}
    listed = [row["object"].title for row in client.get(reverse("projects:project_list"), query).context["rows"]]
    _response, body = download(client, "projects:project_list", format="csv", **query)
    assert [row[0] for row in csv_rows(body)[1:]] == listed == ["Gamma", "Alfa"]
    _response, body = download(client, "projects:project_list", format="xlsx", q="beta")
    assert [row[0] for row in xlsx_rows(body)[1:]] == ["Beta"]


def test_the_export_holds_every_row_not_one_page(client, reader, org):
    for i in range(55):
        make_project(org, f"Projekt {i:02}")
    client.force_login(reader)
    _response, body = download(client, "projects:project_list", format="csv", page="2")
    assert len(csv_rows(body)) == 56


@pytest.mark.parametrize("query", [{"year": "tjugo"}, {"owner": "999999"}, {"start_date_min": "2026-13-45"}])
def test_bad_filters_are_refused_as_the_list_refuses_them(client, reader, org, query):
    make_project(org, "Alfa")
    client.force_login(reader)
    response = client.get(reverse("projects:project_list"), {**query, "format": "csv"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert response.context["filter"].form.errors
    assert "Inget laddades ner: rätta filtren och ladda sedan ner igen." in response.content.decode()
    assert not AuditEvent.objects.filter(event=AuditEventKind.EXPORT).exists()


def test_an_unknown_format_is_refused(client, reader):
    client.force_login(reader)
    response = client.get(reverse("projects:project_list"), {"format": "pdf"})
    assert response.status_code == 400


def test_an_empty_list_exports_headers_only(client, reader):
    client.force_login(reader)
    _response, body = download(client, "projects:project_list", format="csv")
    assert len(csv_rows(body)) == 1
    _response, body = download(client, "projects:project_list", format="xlsx")
    assert len(xlsx_rows(body)) == 1


def test_each_export_is_in_the_audit_log_without_the_filters_values(client, reader, org):
    client.force_login(reader)
    download(client, "projects:project_list", format="xlsx", q="hemlig sökning", status="ongoing")
    event = AuditEvent.objects.get(event=AuditEventKind.EXPORT)
    assert event.user == reader and event.path == reverse("projects:project_list")
    assert event.details == {"model": "projects.project", "format": "xlsx", "filters": ["q", "status"]}
    assert "hemlig" not in str(event.details)


def test_the_list_links_to_both_files_as_filtered_from_every_page(client, reader, org):
    client.force_login(reader)
    html = client.get(reverse("projects:project_list"), {"status": "ongoing", "page": "2"}).content.decode()
    assert 'href="?status=ongoing&amp;format=csv"' in html
    assert 'href="?status=ongoing&amp;format=xlsx"' in html
    assert "Ladda ner som Excel" in html


def make_visit(org, title, unit, **extra):
    visit = Visit.objects.create(kind="study", title=title, country="EE", start_date=datetime.date(2026, 5, 4), **extra)
    VisitHost.objects.create(visit=visit, unit=unit)
    DelegationMember.objects.create(visit=visit, name=f"Delegat {title}")
    return visit


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_delegation_members_names_only_for_those_who_may_see_them(client, org, official_a, reader, file_format):
    make_visit(org, "A", org.unit_a)
    make_visit(org, "B", org.unit_b)

    def names(user):
        client.force_login(user)
        _response, body = download(client, "visits:visit_list", format=file_format, sort="title")
        rows = csv_rows(body) if file_format == "csv" else [list(row) for row in xlsx_rows(body)]
        column = rows[0].index("Delegater")
        return [row[column] or "" for row in rows[1:]]

    assert names(official_a) == ["Delegat A", ""]  # the host unit's official: their own visit's delegation only
    assert names(reader) == ["", ""]


def test_an_export_runs_a_fixed_number_of_queries_however_many_rows(client, coordinator, org):
    client.force_login(coordinator)
    url = reverse("visits:visit_list")

    def queries(file_format):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, {"format": file_format})
            b"".join(response.streaming_content) if response.streaming else response.content
        return len(captured)

    make_visit(org, "Ett", org.unit_a)
    few = queries("csv"), queries("xlsx")
    for i in range(8):
        make_visit(org, f"Fler {i}", org.unit_b if i % 2 else org.unit_a, cost=Decimal(100))
    assert (queries("csv"), queries("xlsx")) == few


@pytest.mark.parametrize(("url_name", "filterset_class"), LISTS, ids=[name for name, _ in LISTS])
def test_every_list_downloads_in_both_formats(client, coordinator, url_name, filterset_class):
    client.force_login(coordinator)
    for file_format in EXPORT_FORMATS:
        response, body = download(client, url_name, format=file_format)
        assert response.status_code == 200, (url_name, file_format)
        rows = csv_rows(body) if file_format == "csv" else xlsx_rows(body)
        assert rows[0] and all(rows[0])  # every column named


def test_a_streamed_csv_is_written_in_the_language_of_the_request(client, reader, org):
    make_project(org, "Alfa", status="ongoing")
    client.force_login(reader)
    response = client.get(reverse("projects:project_list"), {"format": "csv"})
    with translation.override("en"):  # whatever the thread speaks when the rows go out
        body = b"".join(response.streaming_content)
    assert "pågående" in body.decode("utf-8-sig")


@pytest.mark.parametrize(("url_name", "filterset_class"), LISTS, ids=[name for name, _ in LISTS])
def test_every_role_gets_the_files_exactly_where_it_gets_the_list(client, org, url_name, filterset_class):
    from cooperation.organisation.choices import Role
    from tests.conftest import make_user
    from tests.test_permissions import MATRIX

    users = {
        "official_a": make_user("official_a", Role.OFFICIAL, org.unit_a),
        "official_b": make_user("official_b", Role.OFFICIAL, org.unit_b),
        "coordinator": make_user("coordinator", Role.COORDINATOR, org.central),
        "ks_user": make_user("ks_user", Role.KS),
        "kf_user": make_user("kf_user", Role.KF),
        "reader": make_user("reader", Role.READER),
        "administrator": make_user("administrator", Role.ADMINISTRATOR),
    }
    expected = MATRIX[url_name][1]
    for role, status in expected.items():
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        for file_format in EXPORT_FORMATS:
            response, body = download(client, url_name, format=file_format)
            assert response.status_code == status, (url_name, role, file_format)
            if status == 200:
                assert body.startswith(b"\xef\xbb\xbf" if file_format == "csv" else b"PK")
    assert AuditEvent.objects.filter(event=AuditEventKind.EXPORT).count() == 2 * list(expected.values()).count(200)


def test_a_city_relations_file_runs_a_fixed_number_of_queries(client, reader, org):
    from cooperation.cities.models import CityRelation

    def make(city):
        relation = CityRelation.objects.create(
            city=city, country="FI", kind="issue_specific", responsible_body=org.committee_a
        )
        relation.units.set([org.unit_a, org.unit_b])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            _response, body = download(client, "cities:cityrelation_list", format="csv")
        return len(captured), csv_rows(body)

    client.force_login(reader)
    make("Åbo")
    few, rows = queries()
    row = dict(zip(rows[0], rows[1], strict=True))
    units = row["Enheter som bedriver det löpande arbetet"]
    assert set(units.split(", ")) == {"Miljöförvaltningen", "Kulturförvaltningen"}
    assert row["Ansvarigt organ"] == "Miljönämnden"
    for city in ("Tammerfors", "Uleåborg", "Vasa"):
        make(city)
    many, rows = queries()
    assert (many, len(rows)) == (few, 5)


def test_the_csv_sends_its_headers_before_any_row_is_read(client, reader, org):
    make_project(org, "Alfa")
    client.force_login(reader)
    response = client.get(reverse("projects:project_list"), {"format": "csv"})
    pieces = iter(response.streaming_content)
    with CaptureQueriesContext(connection) as captured:
        first = next(pieces)
    assert len(captured) == 0
    assert first.decode("utf-8-sig").startswith("Titel;Akronym;") and b"Alfa" not in first
    assert b"Alfa" in b"".join(pieces)


def test_a_file_leaves_long_texts_no_column_reads_in_the_database(client, reader, org):
    """Projects' descriptions and analyses are not in the file: they are not fetched either (a tenth of the data
    for 10,000 rows), and leaving them costs no query a row."""
    for i in range(3):
        make_project(org, f"Projekt {i}", description="En lång beskrivning", benefit_risk_analysis="Analys")
    client.force_login(reader)

    def selects(file_format):
        with CaptureQueriesContext(connection) as captured:
            download(client, "projects:project_list", format=file_format)
        return [query["sql"] for query in captured if "projects_project" in query["sql"]]

    for file_format in EXPORT_FORMATS:
        found = selects(file_format)
        assert found, file_format
        assert not any('"description"' in sql or "benefit_risk_analysis" in sql for sql in found), found
        make_project(org, f"Ett till {file_format}", description="Mer text")
        assert len(selects(file_format)) == len(found)


def test_a_register_with_columns_of_its_own_leaves_nothing_out():
    """A register's own column may read any field: nothing is left out of its file."""
    own = exports.Column("Egen", lambda visit: visit.purpose)
    assert exports.unread_texts(Visit, ["title", own]) == []
    assert "description" in exports.unread_texts(Project, ["title", "owner"])
