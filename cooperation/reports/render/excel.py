"""The report's tables as an Excel workbook: a contents sheet, then one sheet per table with real numbers and dates,
the header row frozen and filterable."""

import io
import re

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from ..document import Column, Kind, Report, Table
from . import cells

# A text starting with one of these would be taken for a formula if someone edits the cell (OWASP's list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")


def write_xlsx(report: Report) -> bytes:
    """The workbook's bytes."""
    with translation.override(report.language):
        book = Workbook()
        book.properties.title = report.title
        book.properties.creator = report.municipality
        contents = book.active
        contents.title = _("Contents")
        contents.append([_("Sheet"), _("Table")])
        for cell in contents[1]:
            cell.font = BOLD
        used = {contents.title.lower()}
        for table in report.tables():
            name = sheet_name(table.key, used)
            _write_sheet(book.create_sheet(name), table, report.language)
            contents.append([name, table.caption])
            link = contents.cell(row=contents.max_row, column=1)
            link.hyperlink = f"#'{name}'!A1"
            link.style = "Hyperlink"
        contents.freeze_panes = "A2"
        _widths(contents, [[cell.value or "" for cell in column] for column in contents.iter_cols()])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sheet_name(key: str, used: set[str]) -> str:
    """`key` as an allowed sheet name (at most 31 characters, none of []:*?/\\), unique in the workbook."""
    base = NOT_IN_SHEET_NAMES.sub("_", key).strip("'") or "table"
    name, counter = base[:31], 1
    while name.lower() in used:
        counter += 1
        suffix = f"-{counter}"
        name = base[: 31 - len(suffix)] + suffix
    used.add(name.lower())
    return name


def _write_sheet(sheet, table: Table, language: str):
    sheet.append([column.label for column in table.columns])
    for cell in sheet[1]:
        cell.font, cell.fill = BOLD, HEADER_FILL
    formats = [
        number_format(column, cells.money_places(table, index) if column.kind == Kind.MONEY else 0, language)
        for index, column in enumerate(table.columns)
    ]
    for row in table.rows:
        _append(sheet, row, formats)
    last = get_column_letter(len(table.columns))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{last}{1 + len(table.rows)}"
    if table.totals:
        _append(sheet, table.totals, formats)
        for cell in sheet[sheet.max_row]:
            cell.font = BOLD
    if not table.rows:
        sheet.append([table.empty_text or _("Nothing to show for this year.")])
        sheet["A2"].font = Font(italic=True)
    view = cells.view(table, language)
    shown = [[header.text for header in view.headers]] + [[cell.text for cell in row] for row in view.rows]
    _widths(sheet, list(zip(*shown, strict=True)))


def _append(sheet, row, formats):
    sheet.append(list(row))  # numbers (Decimals stay exact) and dates as themselves
    for cell, number_format_ in zip(sheet[sheet.max_row], formats, strict=True):
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
            cell.data_type = "s"  # openpyxl took it for a formula; it is text
            cell.quotePrefix = True  # and stays text if someone edits it in Excel
        elif number_format_ and cell.value is not None and not isinstance(cell.value, str):
            cell.number_format = number_format_


def number_format(column: Column, places: int, language: str) -> str | None:
    """Excel's number format for a column: kronor, percent with one decimal, ISO dates."""
    decimals = "." + "0" * places if places else ""
    if column.kind == Kind.MONEY:
        currency = "kr" if language.startswith("sv") and column.currency == "SEK" else column.currency
        if language.startswith("sv"):
            return f'#,##0{decimals} "{currency}"'
        return f'"{currency} "#,##0{decimals}'
    return {
        Kind.INTEGER: "#,##0",
        Kind.DECIMAL: "#,##0.0",
        Kind.PERCENT: "0.0 %",
        Kind.DATE: "yyyy-mm-dd",
    }.get(column.kind)


def _widths(sheet, columns):
    for index, values in enumerate(columns, 1):
        longest = max((len(str(value)) for value in values), default=8)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 8), 60)
