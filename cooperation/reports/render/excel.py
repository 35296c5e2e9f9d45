"""The report's tables as an Excel workbook: a contents sheet, then one sheet per table with real numbers and dates,
the header row frozen and filterable."""

import io
import re

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from ..document import Column, Kind, Money, Report, Table
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
    places = [cells.money_places(table, i) if c.kind == Kind.MONEY else 0 for i, c in enumerate(table.columns)]
    for row in table.rows:
        _append(sheet, row, table.columns, places, language)
    last = get_column_letter(len(table.columns))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{last}{1 + len(table.rows)}"
    if table.totals:
        _append(sheet, table.totals, table.columns, places, language)
        for cell in sheet[sheet.max_row]:
            cell.font = BOLD
    if not table.rows:
        sheet.append([table.empty_text or _("Nothing to show for this year.")])
        sheet["A2"].font = Font(italic=True)
    view = cells.view(table, language)
    shown = [[header.text for header in view.headers]] + [[cell.text for cell in row] for row in view.rows]
    _widths(sheet, list(zip(*shown, strict=True)))


def _append(sheet, row, columns, places, language):
    # numbers (Decimals stay exact) and dates as themselves; an amount in a currency of its own as its amount
    sheet.append([value.amount if isinstance(value, Money) else value for value in row])
    for cell, value, column, places_ in zip(sheet[sheet.max_row], row, columns, places, strict=True):
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
            cell.data_type = "s"  # openpyxl took it for a formula; it is text
            cell.quotePrefix = True  # and stays text if someone edits it in Excel
        elif cell.value is not None and not isinstance(cell.value, str):
            cell.number_format = number_format(value, column, places_, language) or cell.number_format


def number_format(value, column: Column, places: int, language: str) -> str | None:
    """Excel's number format for a cell: money with its currency, counts as integers, percent with one decimal,
    ISO dates."""
    decimals = "." + "0" * places if places else ""
    if column.kind == Kind.MONEY:
        currency = cells.currency_of(value, column)
        if language.startswith("sv"):
            return '#,##0{} "{}"'.format(decimals, "kr" if currency == "SEK" else currency)
        return f'"{currency} "#,##0{decimals}'
    if column.kind == Kind.DECIMAL:
        return "#,##0.0" if cells.places_of(value, column) else "#,##0"
    return {Kind.INTEGER: "#,##0", Kind.PERCENT: "0.0 %", Kind.DATE: "yyyy-mm-dd"}.get(column.kind)


def _widths(sheet, columns):
    for index, values in enumerate(columns, 1):
        longest = max((len(str(value)) for value in values), default=8)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 8), 60)
