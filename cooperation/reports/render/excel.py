"""The report's tables as an Excel workbook: a contents sheet, then one sheet per table with real numbers and dates,
the header row frozen and filterable."""

import io

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from cooperation.core.exports import FORMULA_STARTS

from ..document import Column, Kind, Money, Report, Table
from . import cells

# A text starting with one of these would be taken for a formula if someone edits the cell (OWASP's list).
BOLD = Font(bold=True)
ITALIC = Font(italic=True)
HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")


def write_xlsx(report: Report) -> bytes:
    """The workbook's bytes, written row by row (openpyxl's write-only mode), so a long listing costs no memory."""
    with translation.override(report.language):
        book = Workbook(write_only=True)
        book.properties.title = report.title
        book.properties.creator = report.municipality
        names = cells.sheet_names(report)
        contents = book.create_sheet(_("Contents"))
        _widths(contents, [[_("Sheet"), *names.values()], [_("Table"), *(t.caption for t in report.tables())]])
        contents.freeze_panes = "A2"
        contents.append([_styled(contents, _("Sheet"), font=BOLD), _styled(contents, _("Table"), font=BOLD)])
        for row, table in enumerate(report.tables(), 2):
            link = _styled(contents, names[id(table)], style="Hyperlink")
            link.row, link.column = row, 1  # the link's cell reference is taken when it is set
            link.hyperlink = f"#'{names[id(table)]}'!A1"
            contents.append([link, table.caption])
        for table in report.tables():
            _write_sheet(book.create_sheet(names[id(table)]), table, report.language)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _styled(sheet, value, **style) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _write_sheet(sheet, table: Table, language: str):
    # A write-only sheet takes its widths, frozen pane and filter before its rows.
    view = cells.view(table, language)  # a listing's first rows: enough to size the columns
    shown = [[header.text for header in view.headers]] + [[cell.text for cell in row] for row in view.rows]
    _widths(sheet, list(zip(*shown, strict=True)))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{1 + len(table.rows)}"
    sheet.append([_styled(sheet, column.label, font=BOLD, fill=HEADER_FILL) for column in table.columns])
    places = [cells.money_places(table, i) if c.kind == Kind.MONEY else 0 for i, c in enumerate(table.columns)]
    for row in table.rows:
        sheet.append(_cells(sheet, row, table.columns, places, language))
    if table.totals:
        sheet.append(_cells(sheet, table.totals, table.columns, places, language, font=BOLD))
    if not table.rows:
        sheet.append([_styled(sheet, table.empty_text or _("Nothing to show for this year."), font=ITALIC)])


def _cells(sheet, row, columns, places, language, **style) -> list:
    """A row's values as cells: numbers (Decimals stay exact) and dates as themselves, an amount in a currency of
    its own as its amount, formula-like text as text."""
    out = []
    for value, column, places_ in zip(row, columns, places, strict=True):
        plain = value.amount if isinstance(value, Money) else value
        if isinstance(plain, str) and plain.startswith(FORMULA_STARTS):
            cell = _styled(sheet, plain, quotePrefix=True, **style)  # stays text if someone edits it in Excel
            cell.data_type = "s"  # openpyxl took it for a formula; it is text
        elif plain is not None and not isinstance(plain, str):
            cell = _styled(sheet, plain, **style)
            cell.number_format = number_format(value, column, places_, language) or cell.number_format
        else:
            cell = _styled(sheet, plain, **style) if style else plain  # a plain value costs no cell object
        out.append(cell)
    return out


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
