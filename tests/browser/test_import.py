"""On a phone, an official downloads the projects' template, uploads a unit's sheet with mistakes, reads every
finding by row and column, uploads it corrected, imports it with the background worker and undoes it. Every page
passes axe-core and fits the screen."""

import io
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cooperation.projects.models import Project
from tests.browser.helpers import serious_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
HEADERS = ["Projektnamn", "Ägande enhet", "Finansiär", "Startdatum", "Total budget", "Partner"]


def sheet(path, *rows):
    book = openpyxl.Workbook()
    book.active.append(["Miljöförvaltningens internationella projekt"])
    book.active.merge_cells("A1:F1")
    book.active.append(HEADERS)
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def checked(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url
    assert serious_violations(page) == [], page.url


def worker():
    call_command("db_worker", "--batch", verbosity=0)


def test_an_official_imports_a_corrected_sheet_and_undoes_it(live_server, page, settings, tmp_path, official_a):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, "official_a")
    page.get_by_text("Meny", exact=True).click()
    page.get_by_role("link", name="Importera från fil").click()
    expect(page.locator("h1")).to_have_text("Importera från fil")
    checked(page)
    with page.expect_download() as template:
        page.locator("#import-projekt ~ p").get_by_role("link", name="Excel (.xlsx)").click()
    book = openpyxl.load_workbook(io.BytesIO(Path(template.value.path()).read_bytes()))  # the path has no .xlsx
    headers = [cell.value for cell in book.active[1]]
    assert "Titel" in headers and "Ägande enhet" in headers

    wrong = sheet(
        tmp_path / "projekt.xlsx",
        ["Gröna hamnar", "Miljöförvaltningen", "EU", "2025-01-01", "2 400 000,50", "Stadt Kiel (Tyskland)"],
        ["Rena sjöar", "Miljöförvaltn.", "EU", "mars 2025", "12 500", ""],
    )
    page.set_input_files("#id_projekt-file", wrong)
    page.get_by_role("button", name="Ladda upp och koppla kolumnerna för internationella projekt").click()
    expect(page.locator("h1")).to_have_text("Import av projekt.xlsx")
    checked(page)
    page.get_by_label("Projektnamn").select_option(label="Titel")
    page.get_by_role("button", name="Kontrollera varje rad").click()
    expect(page.get_by_role("status")).to_contain_text("Varje rad kontrolleras")
    worker()
    expect(page.get_by_role("alert")).to_contain_text("1 av 2 rader har fel", timeout=10_000)
    rows = page.locator(".import-rows tbody")
    expect(rows).to_contain_text("Okänd enhet: ”Miljöförvaltn.”")
    expect(rows).to_contain_text("”mars 2025” är inget datum")
    checked(page)
    assert not Project.objects.exists()

    page.get_by_role("link", name="Importera från fil").last.click()
    right = sheet(
        tmp_path / "projekt-rattad.xlsx",
        ["Gröna hamnar", "Miljöförvaltningen", "EU", "2025-01-01", "2 400 000,50", "Stadt Kiel (Tyskland)"],
        ["Rena sjöar", "Miljöförvaltningen", "EU", "1 mars 2025", "12 500", ""],
    )
    page.set_input_files("#id_projekt-file", right)
    page.get_by_role("button", name="Ladda upp och koppla kolumnerna för internationella projekt").click()
    expect(page.get_by_label("Projektnamn")).to_have_value("title")  # remembered from the first file
    page.get_by_role("button", name="Kontrollera varje rad").click()
    worker()
    expect(page.locator("main")).to_contain_text("Alla 2 rader kan importeras", timeout=10_000)
    page.get_by_role("button", name="Importera alla 2 rader").click()
    worker()
    expect(page.locator("main")).to_contain_text("2 poster importerades", timeout=10_000)
    checked(page)
    assert Project.objects.get(title="Rena sjöar").history.latest().history_user == official_a

    page.get_by_role("button", name="Ångra importen").click()
    expect(page.get_by_role("status").first).to_contain_text("Importen ångrades: 2 poster togs bort")
    assert not Project.objects.exists()
