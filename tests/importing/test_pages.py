"""The import's pages with the other registers and bad input: refused files, duplicates, a policy rule broken by a
row, an official's units, a register that changes between the dry run and the import, the templates."""

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cooperation.cities.models import CityRelation
from cooperation.importing.models import ImportBatch, ImportState, RememberedColumn
from cooperation.networks.models import Membership, Organisation
from cooperation.projects.models import FundingSource, Project
from cooperation.projects.views import ProjectEditView
from cooperation.visits.models import Visit

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE


def upload(client, content: bytes, name: str, register: str):
    return client.post(
        reverse("importing:start"), {"register": register, f"{register}-file": SimpleUploadedFile(name, content)}
    )


def check(client, batch, **chosen):
    """Posts the columns as matched (or as `chosen`, by header) and returns the batch after its dry run."""
    data = {"action": "columns"}
    data |= {f"column_{c['index']}": chosen.get(c["header"], c["key"]) for c in batch.mapping}
    response = client.post(batch.get_absolute_url(), data)
    batch.refresh_from_db()
    return response, batch


def findings(batch) -> dict:
    return {(row["line"], error["column"]): error["message"] for row in batch.report["rows"] for error in row["errors"]}


def csv(*lines: str) -> bytes:
    """A CSV as Swedish Excel saves it: semicolons, Windows-1252."""
    return "\r\n".join(lines).encode("cp1252")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("projekt.pdf", b"%PDF-1.7 ...", "varken CSV eller en Excelarbetsbok"),
        ("projekt.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "äldre Excelformatet"),
        ("projekt.csv", b"", "tom"),
        ("projekt.csv", csv("Namn;Telefon", "Anna;123"), "Ingen rubrik i filen"),
        ("projekt.csv", csv("Titel;Ägande enhet"), "inga rader"),
    ],
)
def test_a_file_that_cannot_be_imported_is_refused_with_why(client, official_a, name, content, message):
    client.force_login(official_a)
    response = upload(client, content, name, "projekt")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_a_file_over_the_limit_is_refused(client, official_a, settings):
    settings.IMPORT_MAX_BYTES = 100
    client.force_login(official_a)
    response = upload(client, csv("Titel;Ägande enhet", "x" * 200 + ";Miljöförvaltningen"), "p.csv", "projekt")
    assert response.status_code == 400
    assert "för stor" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_visits_from_a_swedish_csv_with_their_host_units(client, official_a, org):
    client.force_login(official_a)
    content = csv(
        "Rubrik;Typ av besök;Startdatum;Land;Värdenheter;Kostnad",
        "Delegation från Kiel;Studiebesök;2025-05-12;Tyskland;Miljöförvaltningen;12 500,50",
        "Besök från Åbo;studiebesök;20250601;FI;Kulturförvaltningen;",
    )
    upload(client, content, "besök.csv", "besok")
    _response, batch = check(client, ImportBatch.objects.get())
    # official_a hosts the first; the second would be another unit's visit, which they may not register
    found = findings(batch)
    assert list(found) == [(3, "Värdenheter")]
    assert Visit.objects.count() == 0


def test_a_valid_visit_file_imports_with_the_main_host(client, coordinator, org):
    client.force_login(coordinator)
    content = csv(
        "Rubrik;Typ av besök;Startdatum;Land;Värdenheter",
        'Besök från Åbo;studiebesök;1/6/2025;FI;"Kulturförvaltningen; Miljöförvaltningen"',
    )
    upload(client, content, "besök.csv", "besok")
    _response, batch = check(client, ImportBatch.objects.get())
    assert batch.error_count == 0, batch.report
    client.post(batch.get_absolute_url(), {"action": "import"})
    visit = Visit.objects.get()
    assert visit.start_date.isoformat() == "2025-06-01"
    assert [(host.unit, host.is_main) for host in visit.hosts.order_by("-is_main")] == [
        (org.unit_b, True),
        (org.unit_a, False),
    ]


def test_a_twin_town_without_the_councils_decision_breaks_the_policy(client, coordinator, org):
    org.ks_decision.case_number = "KS 2024/17"
    org.ks_decision.save()
    org.kf_decision.case_number = "KF 2024/3"
    org.kf_decision.save()
    client.force_login(coordinator)
    content = csv(
        "Stad eller region;Land;Typ av relation;Beslut (diarienummer);Sedan år",
        "Kiel;Tyskland;Vänort;KS 2024/17;2024",
        "Åbo;Finland;vänort;KF 2024/3;2024",
        "Tartu;Estland;Partnerstad;KS 2099/1;2024",
    )
    upload(client, content, "vanorter.csv", "stadsrelationer")
    _response, batch = check(client, ImportBatch.objects.get())
    found = findings(batch)
    assert "kommunfullmäktige" in found[(2, "Beslut (diarienummer)")].lower()
    assert "KS 2099/1" in found[(4, "Beslut (diarienummer)")]
    assert not [key for key in found if key[0] == 3]
    assert CityRelation.objects.count() == 0


def test_duplicates_of_the_register_and_within_the_file(client, coordinator, org):
    Project.objects.create(title="Gröna hamnar", owner=org.unit_a, funding_source=FundingSource.objects.get(pk="eu"))
    client.force_login(coordinator)
    content = csv(
        "Titel;Ägande enhet;Finansiär",
        "Gröna hamnar;Miljöförvaltningen;EU",
        "Rena sjöar;Miljöförvaltningen;EU",
        "rena sjöar;Miljöförvaltningen;Sida",
    )
    upload(client, content, "projekt.csv", "projekt")
    _response, batch = check(client, ImportBatch.objects.get())
    found = findings(batch)
    assert "Finns redan" in found[(2, "Titel")]
    assert "rad 3" in found[(4, "Titel")]
    assert (3, "Titel") not in found


def test_memberships_by_the_organisations_name(client, coordinator, org):
    Organisation.objects.create(name="Eurocities", acronym="EC", country="BE")
    org.committee_a_decision.case_number = "MN 2019/4"
    org.committee_a_decision.save()
    client.force_login(coordinator)
    content = csv(
        "Organisation;Medlem (enhet);Medlem sedan;Årsavgift;Typ av medlemskap;Beslut (diarienummer)",
        "EC;Miljöförvaltningen;2019-01-01;25 000;Branschspecifikt medlemskap;mn 2019/4",
    )
    upload(client, content, "medlemskap.csv", "medlemskap")
    _response, batch = check(client, ImportBatch.objects.get())
    assert batch.error_count == 0, batch.report
    assert batch.report["rows"][0]["name"] == "EC"
    client.post(batch.get_absolute_url(), {"action": "import"})
    membership = Membership.objects.get()
    assert membership.annual_fee == 25000
    assert membership.history.latest().history_user == coordinator


def test_a_row_that_fails_at_import_time_stores_nothing(client, coordinator, org):
    """The register changed between the dry run and the import: the import stops, having stored no row."""
    client.force_login(coordinator)
    content = csv(
        "Titel;Ägande enhet;Finansiär", "Gröna hamnar;Miljöförvaltningen;EU", "Blå städer;Miljöförvaltningen;EU"
    )
    upload(client, content, "projekt.csv", "projekt")
    _response, batch = check(client, ImportBatch.objects.get())
    assert batch.may_commit
    Project.objects.create(title="Blå städer", owner=org.unit_a, funding_source=FundingSource.objects.get(pk="eu"))
    client.post(batch.get_absolute_url(), {"action": "import"})
    batch.refresh_from_db()
    assert batch.state == ImportState.CHECKED
    assert "Finns redan" in findings(batch)[(3, "Titel")]
    assert list(Project.objects.values_list("title", flat=True)) == ["Blå städer"]
    assert not batch.items.exists()


def test_an_official_cannot_act_on_someone_elses_import(client, official_a, official_b):
    client.force_login(official_a)
    upload(client, csv("Titel;Ägande enhet;Finansiär", "Gröna hamnar;Miljöförvaltningen;EU"), "p.csv", "projekt")
    batch = ImportBatch.objects.get()
    client.force_login(official_b)
    assert client.post(batch.get_absolute_url(), {"action": "columns"}).status_code == 404
    batch.refresh_from_db()
    assert batch.state == ImportState.MAPPING


def test_the_columns_are_remembered_for_the_next_file(client, coordinator):
    client.force_login(coordinator)
    content = csv("Projektnamn;Förvaltning;Finansiär", "Gröna hamnar;Miljöförvaltningen;EU")
    upload(client, content, "p.csv", "projekt")
    batch = ImportBatch.objects.get()
    assert [column["key"] for column in batch.mapping] == ["", "", "funding_source"]
    response, batch = check(client, batch)
    assert response.status_code == 400  # the title and the owning unit are required
    assert "Titel" in response.content.decode()
    _response, batch = check(client, batch, Projektnamn="title", Förvaltning="owner")
    assert batch.error_count == 0, batch.report
    assert RememberedColumn.objects.get(header="förvaltning").key == "owner"
    upload(client, content, "p2.csv", "projekt")
    assert [column["key"] for column in ImportBatch.objects.latest("pk").mapping] == [
        "title",
        "owner",
        "funding_source",
    ]


@pytest.mark.parametrize("register", ["projekt", "besok", "medlemskap", "stadsrelationer"])
def test_each_template_has_its_headers_and_an_example_and_is_read_back(client, coordinator, register):
    client.force_login(coordinator)
    response = client.get(reverse("importing:template"), {"register": register, "format": "xlsx"})
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    headers = [cell.value for cell in book.worksheets[0][1]]
    assert headers[0] and any(cell.value for cell in book.worksheets[0][2])
    assert book.worksheets[1].max_row == len(headers) + 1  # the instructions: one row per column
    upload(client, response.content, f"{register}.xlsx", register)
    batch = ImportBatch.objects.get()
    assert all(column["key"] for column in batch.mapping), batch.mapping
    csv_file = client.get(reverse("importing:template"), {"register": register, "format": "csv"})
    assert csv_file.content.decode("utf-8-sig").splitlines()[0] == ";".join(headers)


def test_a_reader_may_not_import(client, reader):
    client.force_login(reader)
    response = upload(client, csv("Titel;Ägande enhet", "Gröna hamnar;Miljöförvaltningen"), "p.csv", "projekt")
    assert response.status_code == 403
    assert not ImportBatch.objects.exists()


def test_an_official_imports_only_for_their_own_units(client, official_a):
    client.force_login(official_a)
    content = csv("Titel;Ägande enhet;Finansiär", "Kulturens hus;Kulturförvaltningen;EU")
    upload(client, content, "projekt.csv", "projekt")
    _response, batch = check(client, ImportBatch.objects.get())
    assert "Inte en av dina enheter" in findings(batch)[(2, "Ägande enhet")]
    assert not Project.objects.exists()


def test_only_the_uploader_imports_and_a_coordinator_may_undo(client, official_a, coordinator):
    client.force_login(official_a)
    upload(client, csv("Titel;Ägande enhet;Finansiär", "Gröna hamnar;Miljöförvaltningen;EU"), "p.csv", "projekt")
    _response, batch = check(client, ImportBatch.objects.get())
    client.force_login(coordinator)
    assert client.post(batch.get_absolute_url(), {"action": "import"}).status_code == 403
    assert not Project.objects.exists()
    client.force_login(official_a)
    client.post(batch.get_absolute_url(), {"action": "import"})
    assert Project.objects.count() == 1
    client.force_login(coordinator)
    client.post(batch.get_absolute_url(), {"action": "undo"})
    batch.refresh_from_db()
    assert (batch.state, batch.undone_by) == (ImportState.UNDONE, coordinator)
    assert not Project.objects.exists()
    assert client.post(batch.get_absolute_url(), {"action": "undo"}).status_code == 409  # twice: the second refused


def test_an_import_that_fails_midway_leaves_the_register_as_it_was(client, coordinator, monkeypatch):
    client.force_login(coordinator)
    content = csv(
        "Titel;Ägande enhet;Finansiär", "Gröna hamnar;Miljöförvaltningen;EU", "Blå städer;Miljöförvaltningen;EU"
    )
    upload(client, content, "projekt.csv", "projekt")
    _response, batch = check(client, ImportBatch.objects.get())
    saved = []

    def fail_on_the_second(view, obj, created):
        saved.append(obj)
        if len(saved) == 2:
            raise RuntimeError("the disk is full")

    monkeypatch.setattr(ProjectEditView, "after_save", fail_on_the_second)
    client.post(batch.get_absolute_url(), {"action": "import"})
    batch.refresh_from_db()
    assert batch.state == ImportState.FAILED
    assert len(saved) == 2 and not Project.objects.exists() and not batch.items.exists()
    assert Project.history.count() == 0
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "inget sparades" in page


def test_the_columns_are_matched_once(client, coordinator):
    client.force_login(coordinator)
    upload(client, csv("Titel;Ägande enhet;Finansiär", "Gröna hamnar;Miljöförvaltningen;EU"), "p.csv", "projekt")
    batch = ImportBatch.objects.get()
    stale = ImportBatch.objects.get()  # the page as a second tab showed it
    check(client, batch)
    data = {"action": "columns", **{f"column_{c['index']}": c["key"] for c in stale.mapping}}
    assert client.post(stale.get_absolute_url(), data).status_code == 409


def test_a_workbook_that_unpacks_to_too_much_is_refused(client, official_a, settings):
    """A zip bomb in an .xlsx's clothes: refused by what it says it unpacks to, before it is read."""
    book = openpyxl.Workbook()
    book.active.append(["Titel", "Ägande enhet"])
    for _row in range(30_000):
        book.active.append(["Gröna hamnar", "Miljöförvaltningen"])  # the same row again and again packs tightly
    out = io.BytesIO()
    book.save(out)
    settings.IMPORT_MAX_BYTES = len(out.getvalue())  # small enough, unpacking to over twenty times as much
    client.force_login(official_a)
    response = upload(client, out.getvalue(), "projekt.xlsx", "projekt")
    assert response.status_code == 400
    assert "packas upp till" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_a_sheet_too_wide_or_too_long_is_refused_without_reading_all_of_it(client, official_a, settings):
    settings.IMPORT_MAX_ROWS = 50
    client.force_login(official_a)
    wide = ";".join(["Titel", "Ägande enhet", *[f"Kolumn {n}" for n in range(300)]])
    response = upload(client, csv(wide, "Gröna hamnar;Miljöförvaltningen"), "p.csv", "projekt")
    assert "mer än 200 kolumner" in response.content.decode()
    long = csv("Titel;Ägande enhet;Finansiär", *[f"Projekt {n};Miljöförvaltningen;EU" for n in range(80)])
    response = upload(client, long, "p.csv", "projekt")
    assert "mer än 50 rader" in response.content.decode()
    # a workbook whose one value lies far out: its empty grid is never built
    book = openpyxl.Workbook()
    book.active.append(["Titel", "Ägande enhet"])
    book.active.cell(row=200_000, column=1_000, value="x")
    out = io.BytesIO()
    book.save(out)
    response = upload(client, out.getvalue(), "p.xlsx", "projekt")
    assert response.status_code == 400
    assert not ImportBatch.objects.exists()


def test_a_damaged_workbook_is_refused_not_an_error(client, official_a):
    client.force_login(official_a)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook>")  # a workbook in name only
    response = upload(client, out.getvalue(), "p.xlsx", "projekt")
    assert response.status_code == 400
    assert "kunde inte läsas" in response.content.decode()


def test_the_template_read_from_its_data_sheet_whichever_was_open(client, coordinator):
    client.force_login(coordinator)
    content = client.get(reverse("importing:template"), {"register": "besok", "format": "xlsx"}).content
    book = openpyxl.load_workbook(io.BytesIO(content))
    book.active = 1  # saved while the instructions were open
    out = io.BytesIO()
    book.save(out)
    upload(client, out.getvalue(), "besok.xlsx", "besok")
    batch = ImportBatch.objects.get()
    assert batch.sheet == book.worksheets[0].title
    assert batch.mapping[0]["header"] == "Rubrik"


def test_undo_is_refused_once_other_work_refers_to_the_items(client, coordinator, org):
    client.force_login(coordinator)
    upload(client, csv("Titel;Ägande enhet;Finansiär", "Gröna hamnar;Miljöförvaltningen;EU"), "p.csv", "projekt")
    _response, batch = check(client, ImportBatch.objects.get())
    client.post(batch.get_absolute_url(), {"action": "import"})
    harbours = Project.objects.get()
    Visit.objects.create(kind="study", title="Besök om hamnar", start_date="2025-05-01", country="DK", project=harbours)
    response = client.post(batch.get_absolute_url(), {"action": "undo"})
    assert response.status_code == 409
    assert "Besök om hamnar" in response.content.decode()
    assert Project.objects.filter(pk=harbours.pk).exists() and Visit.objects.get().project == harbours


def test_a_column_mapped_by_hand_takes_the_year_its_header_ends_with(client, coordinator):
    client.force_login(coordinator)
    content = csv(
        "Titel;Ägande enhet;Finansiär;Total budget;Beviljat externt stöd;Bidrag 2025",
        "Gröna hamnar;Miljöförvaltningen;EU;100 000;50 000;50 000",
    )
    upload(client, content, "p.csv", "projekt")
    _response, batch = check(client, ImportBatch.objects.get(), **{"Bidrag 2025": "granted"})
    assert batch.error_count == 0, batch.report
    assert batch.mapping[-1]["year"] == 2025
    # what the headers said by themselves is not remembered: only the choice that differs
    assert list(RememberedColumn.objects.values_list("header", "key")) == [("bidrag 2025", "granted")]
