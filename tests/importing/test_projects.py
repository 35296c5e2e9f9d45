"""Importing a unit's spreadsheet of projects: refused files, the columns, the dry run's findings by row and column,
all or nothing, history, undo."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cooperation.importing.models import ImportBatch, ImportedItem, ImportState
from cooperation.notices.models import Notice, Overlap
from cooperation.projects.models import FundingSource, Project, ProjectPartner

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
HEADERS = [
    "Titel",
    "Ägande enhet",
    "Finansiär",
    "Status",
    "Startdatum",
    "Slutdatum",
    "Total budget",
    "Beviljat externt stöd",
    "Partner",
    "Beviljat 2025",
]


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE


def workbook(rows, headers=HEADERS, title="Internationella projekt 2025 – Miljöförvaltningen") -> bytes:
    """A sheet as a unit keeps it: a merged title row, an empty row, then the headers and the projects."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    sheet.append([])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


GOOD = [
    [
        "Gröna hamnar",
        "Miljöförvaltningen",
        "EU",
        "Pågående",
        datetime.datetime(2025, 1, 1),
        "2026-12-31",
        "2 400 000,50",
        "150 000",
        "Stadt Kiel, Kiel (Tyskland)",
        "150 000",
    ],
    ["Rena sjöar", "Miljöförvaltningen", "Ingen extern finansiering", "Idé", "1 mars 2025", "", "12 500", "", "", ""],
]


def upload(client, content, name="projekt.xlsx", register="projekt"):
    return client.post(
        reverse("importing:start"),
        {"register": register, f"{register}-file": SimpleUploadedFile(name, content)},
    )


def match_columns(client, batch):
    data = {"action": "columns"}
    data |= {f"column_{column['index']}": column["key"] for column in batch.mapping}
    return client.post(batch.get_absolute_url(), data)


def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_stored(client, official_a):
    client.force_login(official_a)
    rows = [
        GOOD[0],
        ["Rena sjöar", "Miljöförvaltn.", "EU", "Idé", "mars 2025", "", "12 500", "", "", ""],
        ["Blå städer", "Miljöförvaltningen", "EU", "Pågående", "2025-02-30", "", "tolv tusen", "", "Aarhus", ""],
    ]
    response = upload(client, workbook(rows))
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert batch.header_row == 3  # below the merged title row
    assert [column["key"] for column in batch.mapping] == [
        "title",
        "owner",
        "funding_source",
        "status",
        "start_date",
        "end_date",
        "total_budget",
        "external_funding",
        "partners",
        "granted",
    ]
    assert batch.mapping[-1]["year"] == 2025
    response = match_columns(client, batch)
    batch.refresh_from_db()
    assert batch.state == ImportState.CHECKED
    assert batch.error_count == 2
    findings = {
        (row["line"], error["column"]): error["message"] for row in batch.report["rows"] for error in row["errors"]
    }
    assert "Miljöförvaltn." in findings[(5, "Ägande enhet")]
    assert "mars 2025" in findings[(5, "Startdatum")]
    assert "2025-02-30" in findings[(6, "Startdatum")]
    assert "tolv tusen" in findings[(6, "Total budget")]
    assert "Aarhus" in findings[(6, "Partner")]
    assert not [key for key in findings if key[0] == 4]
    assert Project.objects.count() == 0
    page = client.get(batch.get_absolute_url())
    assert "Miljöförvaltn." in page.content.decode()
    refused = client.post(batch.get_absolute_url(), {"action": "import"})
    assert refused.status_code == 409
    assert Project.objects.count() == 0


def test_a_valid_file_imports_with_history_and_can_be_undone(client, official_a):
    client.force_login(official_a)
    upload(client, workbook(GOOD))
    batch = ImportBatch.objects.get()
    match_columns(client, batch)
    batch.refresh_from_db()
    assert batch.error_count == 0, batch.report
    assert Project.objects.count() == 0  # the dry run stores nothing
    client.post(batch.get_absolute_url(), {"action": "import"})
    batch.refresh_from_db()
    assert batch.state == ImportState.IMPORTED
    harbours = Project.objects.get(title="Gröna hamnar")
    assert harbours.total_budget == pytest.approx(2400000.5)
    assert harbours.start_date == datetime.date(2025, 1, 1)
    assert [(p.name, p.city, p.country.code) for p in harbours.partners.all()] == [("Stadt Kiel", "Kiel", "DE")]
    assert [(f.year, f.granted) for f in harbours.finances.all()] == [(2025, 150000)]
    lakes = Project.objects.get(title="Rena sjöar")
    assert lakes.start_date == datetime.date(2025, 3, 1)
    record = harbours.history.latest()
    assert record.history_user == official_a
    assert "projekt.xlsx" in record.history_change_reason
    assert ImportedItem.objects.count() == 2

    client.post(batch.get_absolute_url(), {"action": "undo"})
    batch.refresh_from_db()
    assert batch.state == ImportState.UNDONE
    assert Project.objects.count() == 0
    assert Project.history.filter(history_type="-").count() == 2


def test_an_import_cannot_be_undone_once_an_item_has_changed(client, official_a):
    client.force_login(official_a)
    upload(client, workbook(GOOD))
    batch = ImportBatch.objects.get()
    match_columns(client, batch)
    client.post(batch.get_absolute_url(), {"action": "import"})
    project = Project.objects.get(title="Rena sjöar")
    project.acronym = "RENA"
    project.save()
    response = client.post(batch.get_absolute_url(), {"action": "undo"})
    assert response.status_code == 409
    assert "Rena sjöar" in response.content.decode()
    assert Project.objects.count() == 2


def test_imported_projects_raise_notices_are_searched_and_meet_the_synergy_finder(
    client, org, official_a, coordinator, django_capture_on_commit_callbacks
):
    """The items an import makes are the register's like any other: the office is told, the finder compares them
    with other units' items, and the header's search finds them."""
    with django_capture_on_commit_callbacks(execute=True):  # the finder works when a transaction commits
        other = Project.objects.create(
            title="Kulturhamnar",
            owner=org.unit_b,
            funding_source=FundingSource.objects.get(code="eu"),
            start_date=datetime.date(2025, 1, 1),
            end_date=datetime.date(2026, 12, 31),
        )
        ProjectPartner.objects.create(project=other, name="Stadt Kiel", city="Kiel", country="DE")
    client.force_login(official_a)
    upload(client, workbook(GOOD))
    batch = ImportBatch.objects.get()
    match_columns(client, batch)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(batch.get_absolute_url(), {"action": "import"})
    harbours = Project.objects.get(title="Gröna hamnar")
    notice = Notice.objects.get(project=harbours)
    assert notice.submitted_by == official_a

    client.force_login(coordinator)
    html = client.get(reverse("home")).content.decode()
    assert "Möjliga synergier mellan enheter" in html
    assert "Gröna hamnar (Miljöförvaltningen)" in html and "Kulturhamnar (Kulturförvaltningen)" in html
    html = client.get(reverse("search"), {"q": "hamnar"}).content.decode()
    assert harbours.get_absolute_url() in html

    with django_capture_on_commit_callbacks(execute=True):
        client.post(batch.get_absolute_url(), {"action": "undo"})  # a coordinator may undo it
    assert not Project.objects.filter(title="Gröna hamnar").exists()
    assert not Overlap.objects.exists() and not Notice.objects.filter(pk=notice.pk).exists()
