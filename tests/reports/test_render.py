"""The report's files: a Report built by hand, written as PDF/A, Excel and Word, read back."""

import io
import re
import shutil
import subprocess
from datetime import date, timedelta
from decimal import Decimal

import pytest

from cooperation.reports.document import Chart, Column, Kind, Money, Report, Section, Series, Table
from cooperation.reports.render import render_docx, render_pdf, render_xlsx

poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils reads the PDF back")

HEADINGS = {
    "sv": ["Nyckeltal", "Projekt", "EU-finansiering per källa", "Tomt år", "Enheternas redovisningar"],
    "en": ["Key figures", "Projects", "EU funding per source", "Empty year", "The units' accounts"],
}


def funding_table():
    return Table(
        key="funding_per_source",
        caption="Beviljat och utbetalt per finansieringskälla",
        columns=[
            Column("Källa"),
            Column("Beviljat", Kind.MONEY),
            Column("Andel", Kind.PERCENT),
            Column("Beslut", Kind.DATE),
            Column("Projekt", Kind.INTEGER),
        ],
        rows=[
            ["Interreg Öresund-Kattegat-Skagerrak", Decimal("1234567"), Decimal("0.125"), date(2026, 3, 4), 3],
            ["=cmd|' /C calc'!A0", Decimal("250000.40"), Decimal("0.875"), date(2026, 11, 30), 1],
        ],
        totals=["Totalt", Decimal("1484567.40"), Decimal("1"), None, 4],
    )


def make_report(language="sv"):
    """A report with a known table (money, percent, dates), an empty table, a chart and a nested section."""
    heading = dict(zip(["key", "projects", "funding", "empty", "accounts"], HEADINGS[language], strict=True))
    chart_table = Table(
        key="projects_per_unit_with_a_very_long_key_name",
        caption="Projekt per förvaltning",
        columns=[Column("Förvaltning"), Column("Startade", Kind.INTEGER), Column("Avslutade", Kind.INTEGER)],
        rows=[["Stadsbyggnad", 4, 1], ["Utbildning", 2, 3]],
    )
    chart = Chart(
        key="projects_per_unit",
        title="Projekt per förvaltning",
        kind="bar",
        labels=["Stadsbyggnad", "Utbildning"],
        series=[Series("Startade", [4, 2]), Series("Avslutade", [1, 3])],
        table=chart_table,
    )
    empty = Table(
        key="visits",
        caption="Besök per månad",
        columns=[Column("Månad"), Column("Besök", Kind.INTEGER)],
        rows=[],
        empty_text="Inga besök detta år.",
    )
    return Report(
        title="Uppföljning av det internationella arbetet 2026"
        if language == "sv"
        else "Follow-up of the international work 2026",
        municipality="Teststads kommun",
        year=2026,
        language=language,
        subtitle="Kommunstyrelsen",
        case_number="KS 2027/123",
        made_on=date(2027, 2, 15),
        sections=[
            Section("key", heading["key"], paragraphs=["Året i korthet.\nEn andra rad."]),
            Section(
                "projects",
                heading["projects"],
                blocks=[chart],
                subsections=[Section("funding", heading["funding"], blocks=[funding_table()])],
            ),
            Section("empty", heading["empty"], blocks=[empty]),
            Section(
                "accounts",
                heading["accounts"],
                paragraphs=['Se <img src="https://example.org/spy.png"> och <a href="http://example.org/">länk</a>.'],
            ),
        ],
    )


def pdftotext(content: bytes, tmp_path, *options) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    result = subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True, check=True, text=True)
    return result.stdout.replace("\xa0", " ")


@pytest.fixture(scope="module")
def swedish_pdf():
    return render_pdf(make_report("sv"))


@poppler
def test_the_pdf_has_cover_contents_and_numbered_pages(swedish_pdf, tmp_path):
    text = pdftotext(swedish_pdf, tmp_path, "-layout")
    pages = text.split("\f")
    assert "Uppföljning av det internationella arbetet 2026" in " ".join(pages[0].split())  # the title may wrap
    assert "KS 2027/123" in pages[0] and "2027-02-15" in pages[0] and "Teststads kommun" in pages[0]
    total = len([page for page in pages if page.strip()])
    assert f"Sida 1 av {total}" in pages[0]
    assert f"Sida {total} av {total}" in pages[total - 1]
    assert "Innehåll" in pages[1]
    # Each contents line ends in the page its section starts on.
    for number, title in [("1", "Nyckeltal"), ("2", "Projekt"), ("2.1", "EU-finansiering per källa")]:
        line = re.search(rf"^\s*{re.escape(number)} {re.escape(title)}[ .]*(\d+)\s*$", pages[1], re.MULTILINE)
        assert line, f"{title} is not in the contents"
        assert f"{number} {title}" in pages[int(line[1]) - 1]
    # The running header carries the title on the pages after the cover.
    assert pages[2].lstrip().startswith("Uppföljning av det internationella arbetet 2026")


@poppler
def test_the_pdf_shows_figures_the_swedish_way(swedish_pdf, tmp_path):
    text = pdftotext(swedish_pdf, tmp_path)
    assert "1 234 567 kr" in text
    assert "12,5 %" in text and "87,5 %" in text and "100,0 %" in text
    assert "1 484 567 kr" in text  # the totals row, whole kronor
    assert "2026-03-04" in text
    assert "Inga besök detta år." in text
    assert "Projekt per förvaltning" in text


@poppler
def test_a_long_table_repeats_its_header_row_on_each_page(tmp_path):
    report = make_report("sv")
    long = Table(
        key="long",
        caption="Lång tabell",
        columns=[Column("Rubrikkolumn"), Column("Belopp", Kind.MONEY)],
        rows=[[f"Rad {index}", Decimal(index)] for index in range(120)],
    )
    report.sections = [Section("long", "Lång", blocks=[long])]
    pages = pdftotext(render_pdf(report), tmp_path).split("\f")
    with_rows = [page for page in pages if "Rad " in page]
    assert len(with_rows) >= 2
    assert all("Rubrikkolumn" in page for page in with_rows)


@poppler
def test_the_english_pdf_shows_figures_the_english_way(tmp_path):
    text = pdftotext(render_pdf(make_report("en")), tmp_path)
    assert "SEK 1,234,567" in text and "12.5%" in text
    assert "Page 1 of" in text and "Contents" in text


@poppler
def test_the_pdf_declares_pdf_a_and_is_tagged(swedish_pdf, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(swedish_pdf)
    metadata = subprocess.run(["pdfinfo", "-meta", str(path)], capture_output=True, check=True, text=True).stdout
    assert re.search(r'pdfaid:part(="|>)3', metadata) and re.search(r'pdfaid:conformance(="|>)B', metadata)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True).stdout
    assert re.search(r"^Tagged:\s+yes", info, re.MULTILINE)


@poppler
def test_every_font_in_the_pdf_is_embedded_and_shipped_with_the_project(swedish_pdf, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(swedish_pdf)
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout.splitlines()
    fonts = lines[2:]
    assert fonts
    for line in fonts:
        assert "DejaVu-Sans" in line.split()[0], line
        assert line.split()[-5] == "yes", line  # the "emb" column


def test_the_fetcher_refuses_everything_but_the_static_files(settings):
    from cooperation.reports.render.pdf import STATIC_DIR, StaticOnlyFetcher

    fetcher = StaticOnlyFetcher()
    font = STATIC_DIR / "fonts" / "dejavu" / "DejaVuSans.ttf"
    assert fetcher.fetch(font.as_uri()).read(4)
    assert fetcher.fetch("data:text/plain;base64,aGVq").read() == b"hej"
    outside = [
        "https://example.org/spy.png",
        "http://127.0.0.1:9/x.css",
        "ftp://example.org/x",
        (settings.BASE_DIR / "manage.py").as_uri(),
        STATIC_DIR.as_uri() + "/../manage.py",
        "file://example.org" + str(font),
    ]
    for url in outside:
        with pytest.raises(ValueError, match="Refused"):
            fetcher.fetch(url)


def test_the_pdf_fetches_nothing_a_section_text_names(monkeypatch):
    from cooperation.reports.render import pdf

    asked = []
    original = pdf.StaticOnlyFetcher.fetch

    def spy(self, url, headers=None):
        asked.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(pdf.StaticOnlyFetcher, "fetch", spy)
    render_pdf(make_report("sv"))
    assert asked and all(url.startswith(("data:", "file:")) for url in asked)
    assert not any("example.org" in url for url in asked)
    # The fonts are the project's own files, loaded by @font-face, whatever fonts the system has.
    assert any(url.endswith("/static/fonts/dejavu/DejaVuSans.ttf") for url in asked)


@poppler
def test_a_section_text_is_shown_as_text_not_markup(swedish_pdf, tmp_path):
    assert '<img src="https://example.org/spy.png">' in pdftotext(swedish_pdf, tmp_path)


def test_the_workbook_keeps_numbers_and_dates_with_a_frozen_header():
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(render_xlsx(make_report("sv"))))
    assert book.sheetnames[0] == "Innehåll"
    assert len(book.sheetnames) == 1 + 3
    assert all(len(name) <= 31 for name in book.sheetnames)
    sheet = book["funding_per_source"]
    assert [cell.value for cell in sheet[1]] == ["Källa", "Beviljat", "Andel", "Beslut", "Projekt"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:E3"
    money, share, decided, count = sheet["B2"], sheet["C2"], sheet["D2"], sheet["E2"]
    assert money.data_type == "n" and money.value == 1234567 and "kr" in money.number_format
    assert share.data_type == "n" and share.value == pytest.approx(0.125) and "%" in share.number_format
    assert decided.is_date and decided.value.date() == date(2026, 3, 4) and decided.number_format == "yyyy-mm-dd"
    assert count.data_type == "n" and count.value == 3
    assert sheet["B4"].value == pytest.approx(1484567.40) and sheet["A4"].font.bold
    contents = book["Innehåll"]
    listed = [row[0].value for row in contents.iter_rows(min_row=2)]
    assert listed == book.sheetnames[1:]


def test_a_text_that_looks_like_a_formula_stays_text():
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(render_xlsx(make_report("sv"))))
    cell = book["funding_per_source"]["A3"]
    assert cell.value == "=cmd|' /C calc'!A0"
    assert cell.data_type == "s"
    assert cell.quotePrefix


def test_an_empty_table_gets_a_sheet_that_says_so():
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(render_xlsx(make_report("sv"))))["visits"]
    assert [cell.value for cell in sheet[1]] == ["Månad", "Besök"]
    assert sheet["A2"].value == "Inga besök detta år."


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_word_document_holds_every_section_heading_and_table(language):
    from docx import Document

    document = Document(io.BytesIO(render_docx(make_report(language))))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for title in HEADINGS[language]:
        assert any(title in heading for heading in headings), title
    assert any(p.style.name == "Heading 2" and HEADINGS[language][2] in p.text for p in document.paragraphs)
    assert document.paragraphs[0].style.name == "Title"
    funding = document.tables[1]
    assert [cell.text for cell in funding.rows[0].cells] == ["Källa", "Beviljat", "Andel", "Beslut", "Projekt"]
    expected = "1 234 567 kr" if language == "sv" else "SEK 1,234,567"
    assert funding.rows[1].cells[1].text.replace("\xa0", " ") == expected
    assert len(document.inline_shapes) == 1  # the chart, as a picture beside its table


def kinds_report(language="sv"):
    """Counts beside a median in one column, and fees in currencies of their own."""
    figures = Table(
        key="key_figures",
        caption="Nyckeltal",
        columns=[Column("Nyckeltal"), Column("2026", Kind.DECIMAL), Column("2025", Kind.DECIMAL)],
        rows=[["Projekt som pågått", 29, 1234], ["Median arbetsdagar", Decimal("2.5"), Decimal("3")]],
    )
    fees = Table(
        key="fees",
        caption="Medlemsavgifter",
        columns=[Column("Organisation"), Column("Avgift", Kind.MONEY)],
        rows=[["CEMR", Money(Decimal("2000"), "EUR")], ["Eurocities", Money(Decimal("10000"), "SEK")]],
    )
    return Report(
        title="Tal",
        municipality="Teststads kommun",
        year=2026,
        language=language,
        sections=[Section("key", "Nyckeltal", blocks=[figures, fees])],
    )


@poppler
def test_counts_show_as_integers_and_fees_with_their_currency_in_the_pdf(tmp_path):
    text = pdftotext(render_pdf(kinds_report()), tmp_path, "-layout")
    counts = next(line for line in text.splitlines() if "Projekt som pågått" in line).split()
    assert counts[-3:] == ["29", "1", "234"]  # "1 234" with its space split; no "29,0"
    assert "29,0" not in text and "2,5" in text and "3,0" in text
    assert "2 000 EUR" in text and "10 000 kr" in text


def test_counts_are_integers_and_fees_keep_their_currency_in_the_workbook():
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(render_xlsx(kinds_report())))
    figures, fees = book["key_figures"], book["fees"]
    assert isinstance(figures["B2"].value, int) and figures["B2"].value == 29
    assert figures["B2"].number_format == "#,##0" and figures["B3"].number_format == "#,##0.0"
    assert figures["B3"].value == pytest.approx(2.5)
    assert fees["B2"].value == 2000 and "EUR" in fees["B2"].number_format
    assert fees["B3"].value == 10000 and '"kr"' in fees["B3"].number_format


@pytest.mark.parametrize(("language", "count", "fee"), [("sv", "29", "2 000 EUR"), ("en", "29", "EUR 2,000")])
def test_counts_and_fees_in_the_word_document(language, count, fee):
    from docx import Document

    grid, fees = Document(io.BytesIO(render_docx(kinds_report(language)))).tables
    assert grid.rows[1].cells[1].text == count
    assert fees.rows[1].cells[1].text.replace("\xa0", " ") == fee


def listing_report(rows=10):
    """A report whose appendix lists `rows` projects: a listing the PDF and Word shorten, the workbook keeps whole."""
    listing = Table(
        key="items_projects",
        caption="Projekt under året",
        columns=[Column("Projekt"), Column("Start", Kind.DATE)],
        rows=[[f"Projekt nummer {n:02d}", date(2025, 1, 1) + timedelta(days=n)] for n in range(rows)],
        listing=True,
    )
    return Report(
        title="Uppföljning 2025",
        municipality="Teststads kommun",
        year=2025,
        language="sv",
        sections=[Section("appendix", "Bilaga", blocks=[listing, funding_table()])],
    )


@poppler
def test_the_pdf_lists_a_listings_first_rows_and_says_the_workbook_has_them_all(settings, tmp_path):
    settings.REPORT_LISTED_ROWS = 3
    text = pdftotext(render_pdf(listing_report(1234)), tmp_path)
    assert [n for n in range(1234) if f"Projekt nummer {n:02d}" in text] == [0, 1, 2]
    assert "De första 3 av 1 234 raderna visas; Excelfilen listar alla på bladet ”items_projects”." in " ".join(
        text.split()
    )
    assert "Interreg Öresund-Kattegat-Skagerrak" in text  # a table that is not a listing is shown whole


def test_the_workbook_holds_every_row_of_a_listing(settings):
    from openpyxl import load_workbook

    settings.REPORT_LISTED_ROWS = 3
    book = load_workbook(io.BytesIO(render_xlsx(listing_report(10))))
    sheet = book["items_projects"]
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == [f"Projekt nummer {n:02d}" for n in range(10)]
    assert sheet["B11"].value.date() == date(2025, 1, 10) and sheet["B11"].number_format == "yyyy-mm-dd"
    assert sheet.auto_filter.ref == "A1:B11" and sheet.freeze_panes == "A2"
    contents = book["Innehåll"]
    links = [(cell.coordinate, cell.hyperlink.target) for cell in contents["A"][1:]]
    assert links == [("A2", "#'items_projects'!A1"), ("A3", "#'funding_per_source'!A1")]


def test_word_lists_a_listings_first_rows_and_says_the_workbook_has_them_all(settings):
    from docx import Document

    settings.REPORT_LISTED_ROWS = 3
    document = Document(io.BytesIO(render_docx(listing_report(10))))
    listing = document.tables[0]
    assert [row.cells[0].text for row in listing.rows] == ["Projekt", *(f"Projekt nummer {n:02d}" for n in range(3))]
    note = "De första 3 av 10 raderna visas; Excelfilen listar alla på bladet ”items_projects”."
    assert note in [paragraph.text for paragraph in document.paragraphs]


def test_the_pdf_tells_of_each_page_it_lays_out():
    import logging

    pages = []
    render_pdf(make_report("sv"), progress=pages.append)
    assert pages == list(range(1, len(pages) + 1)) and len(pages) >= 4  # each page once, though laid out twice
    logger = logging.getLogger("weasyprint.progress")
    assert logger.propagate and not logger.handlers  # as it was before


@poppler
def test_a_wide_table_gets_landscape_pages(tmp_path):
    wide = Table("wide", "Bred tabell", [Column(f"Kolumn {n}") for n in range(11)], [[f"v{n}" for n in range(11)]])
    report = Report(title="Uppföljning 2025", municipality="Teststad", year=2025, language="sv")
    report.sections = [Section("narrow", "Smal", blocks=[funding_table()]), Section("wide", "Bred", blocks=[wide])]
    path = tmp_path / "report.pdf"
    path.write_bytes(render_pdf(report))
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "9", str(path)], capture_output=True, check=True, text=True)
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info.stdout)
    landscape = [float(width) > float(height) for width, height in sizes]
    assert landscape[0] is False and landscape[-1] is True  # the cover upright, the wide table's page across
    assert "v10" in pdftotext(path.read_bytes(), tmp_path)
