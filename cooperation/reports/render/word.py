"""The report's text and tables as a Word document in Word's own styles (Title, Heading 1/2, Caption, Table Grid),
so the central office can paste it into the municipality's template for a KS case."""

import io

from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from ..document import Chart, Report, Table
from . import cells, charts


def write_docx(report: Report) -> bytes:
    """The document's bytes."""
    document = Document()
    properties = document.core_properties
    properties.title, properties.author, properties.language = report.title, report.municipality, report.language
    with translation.override(report.language):
        document.add_heading(report.title, level=0)
        if report.subtitle:
            document.add_paragraph(report.subtitle, style="Subtitle")
        document.add_paragraph(report.municipality)
        if report.case_number:
            document.add_paragraph(f"{_('Case number')}: {report.case_number}")
        if report.made_on:
            document.add_paragraph(f"{_('Date')}: {report.made_on.isoformat()}")
        _sections(document, report.sections, "", 1, report.language, cells.sheet_names(report))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _sections(document, sections, prefix, level, language, sheets):
    for index, section in enumerate(sections, 1):
        number = f"{prefix}{index}"
        document.add_heading(f"{number} {section.title}", level=min(level, 9))
        for paragraph in section.paragraphs:
            document.add_paragraph(paragraph)  # python-docx turns its line breaks into Word's
        for block in section.blocks:
            if isinstance(block, Chart):
                _chart(document, block, language)
            table = block.table if isinstance(block, Chart) else block
            _table(document, table, language, sheets[id(table)])
        _sections(document, section.subsections, number + ".", level + 1, language, sheets)


def _chart(document, chart: Chart, language):
    document.add_paragraph(chart.title, style="Caption")
    if not charts.has_figures(chart):
        return
    document.add_picture(io.BytesIO(charts.png(chart, language)), width=Cm(16))
    # The same words as the PDF's alt text (the template's blocktranslate), so one translation serves both.
    description = _("Chart: %(title)s. The figures are in the table that follows.") % {"title": chart.title}
    document.inline_shapes[-1]._inline.docPr.set("descr", description)  # the picture's alt text


def _table(document, table: Table, language, sheet: str):
    document.add_paragraph(table.caption, style="Caption")
    view = cells.view(table, language)
    if not view.rows:
        document.add_paragraph(table.empty_text or _("Nothing to show for this year."))
        return
    lines = [view.headers, *view.rows, *([view.totals] if view.totals else [])]
    grid = document.add_table(rows=len(lines), cols=len(view.headers))
    grid.style = "Table Grid"
    _repeat_as_header(grid.rows[0])
    for row, line in zip(grid.rows, lines, strict=True):
        for cell, shown in zip(row.cells, line, strict=True):
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(shown.text)
            run.bold = line is view.headers or line is view.totals
            if shown.numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if view.left_out:
        document.add_paragraph(cells.left_out_note(view, sheet, language))


def _repeat_as_header(row):
    """Word repeats the row at the top of each page the table runs over (and reads it as the header)."""
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)
