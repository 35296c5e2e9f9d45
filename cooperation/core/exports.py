"""Every register's list as CSV and as Excel: the columns a register declares, written row by row as they come from
the database, so a list of 50,000 rows costs the memory of one chunk of rows.

Both formats read the same typed values (text, numbers, dates) through `cells()`; a text that a spreadsheet could
run as a formula is neutralised by one function, `neutralise()`, for both.
"""

import csv
import datetime
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import formats, timezone, translation
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .display import currency_of
from .models import MoneyField

CHUNK_SIZE = 2000  # rows fetched (and their related rows prefetched) at a time
CSV_LINES_A_PIECE = 500
CSV_BOM = "\ufeff"  # Swedish Excel reads the file as UTF-8 (å, ä, ö) only with it
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
WIDTHS = {"date": 12, "datetime": 17, "number": 12, "money": 15, "currency": 8}  # characters; text fits its header


class Kind:
    TEXT = "text"
    NUMBER = "number"
    MONEY = "money"
    CURRENCY = "currency"
    DATE = "date"
    DATETIME = "datetime"


@dataclass(frozen=True)
class Column:
    """One column of an export: its header (translatable), how a row's value is read, and what kind of value."""

    label: Any
    value: Callable[[Any], Any]
    kind: str = Kind.TEXT


def neutralise(text: str) -> str:
    """A text that begins like a formula (= + - @, a tab or a carriage return) is kept as text: a leading
    apostrophe, as OWASP advises, so neither Excel nor LibreOffice runs it. Numbers never pass through here."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def sek(obj, amount: Decimal | None) -> Decimal | None:
    """`amount` of `obj`'s currency in kronor: itself in SEK, else at the item's own `exchange_rate` where it keeps
    one; unknown (None) where it keeps none."""
    if amount is None:
        return None
    if currency_of(obj) == "SEK":
        return amount
    rate = getattr(obj, "exchange_rate", None)
    return (amount * rate).quantize(Decimal("0.01")) if rate else None


def field_columns(model, name: str, with_currency: bool) -> list[Column]:
    """The column(s) of model field `name`: an amount of money also in SEK, after its currency (once per row)."""
    field = model._meta.get_field(name)
    label = capfirst(getattr(field, "verbose_name", name))
    if isinstance(field, MoneyField):
        columns = [Column(label, lambda obj: getattr(obj, name), Kind.MONEY)]
        if with_currency:
            columns.append(Column(gettext_lazy("Currency"), currency_of, Kind.CURRENCY))
        sek_label = format_lazy("{} (SEK)", label)
        return [*columns, Column(sek_label, lambda obj: sek(obj, getattr(obj, name)), Kind.MONEY)]
    return [Column(label, reader(field), field_kind(field))]


def field_kind(field) -> str:
    if field.choices or field.primary_key:
        return Kind.TEXT
    if isinstance(field, models.DateTimeField):
        return Kind.DATETIME
    if isinstance(field, models.DateField):
        return Kind.DATE
    if isinstance(field, models.DecimalField | models.IntegerField | models.FloatField):
        return Kind.NUMBER
    return Kind.TEXT


def reader(field) -> Callable[[Any], Any]:
    """How a spreadsheet reads `field` of an item: choices by label, yes or no, related items by name. Labels are
    translated once, when the columns are made (in the request's language), not once a row."""
    name = field.name
    if field.many_to_many or field.one_to_many:
        return lambda obj: ", ".join(str(item) for item in getattr(obj, name).all())
    if field.choices or isinstance(field, models.BooleanField):
        labels = (
            {key: str(label) for key, label in field.flatchoices} if field.choices else {True: _("Yes"), False: _("No")}
        )
        return lambda obj: labels.get(getattr(obj, name))
    return lambda obj: plain(getattr(obj, name))


def plain(raw):
    """A stored value as a spreadsheet holds it: numbers and dates as such, the rest as text."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, datetime.datetime):
        return timezone.localtime(raw).replace(tzinfo=None)  # the municipality's clock; Excel keeps no zones
    if isinstance(raw, datetime.date | Decimal | int | float):
        return raw
    if hasattr(raw, "name") and hasattr(raw, "code"):  # a django-countries Country
        return str(raw.name)
    if isinstance(raw, models.fields.files.FieldFile):
        return raw.name.rsplit("/", 1)[-1]
    return str(raw)


def columns_for(model, declared: Iterable) -> list[Column]:
    """The columns of `declared`: model field names (the list's own columns) and `Column`s of the register's own."""
    columns, money_seen = [], False
    for each in declared:
        if isinstance(each, Column):
            columns.append(each)
            continue
        is_money = isinstance(model._meta.get_field(each), MoneyField)
        columns += field_columns(model, each, with_currency=is_money and not money_seen)
        money_seen = money_seen or is_money
    return columns


def unread_texts(model, declared: Iterable) -> list[str]:
    """The long texts (descriptions, analyses) no declared column reads, to leave in the database: a file of 10,000
    projects then fetches and builds a tenth of the data. None where a register's own `Column` may read anything."""
    declared = list(declared)
    if any(isinstance(each, Column) for each in declared):
        return []
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.TextField) and field.name not in declared
    ]


def rows(columns: list[Column], queryset) -> Iterator[list]:
    """Each item's values, fetched a chunk at a time with its prefetched rows: constant memory, fixed queries."""
    for obj in queryset.iterator(chunk_size=CHUNK_SIZE):
        yield [column.value(obj) for column in columns]


def headers(columns: list[Column]) -> list[str]:
    return [str(column.label) for column in columns]


class Echo:
    """A file that hands back what is written to it: csv.writer formats a row, the response streams it."""

    def write(self, value):
        return value


def csv_text(value, kind: str, decimal_separator: str = ",") -> str:
    """A value as CSV text for Swedish Excel: a decimal comma, ISO dates, a text kept from running as a formula."""
    if value is None:
        return ""
    if kind in (Kind.MONEY, Kind.NUMBER):
        # no thousands separator: a spreadsheet reads "1 250 000" as text
        shown = f"{value:.2f}" if kind == Kind.MONEY else str(value)
        return shown.replace(".", decimal_separator)
    if kind == Kind.DATETIME:
        return value.strftime("%Y-%m-%d %H:%M")
    if kind == Kind.DATE:
        return value.isoformat()
    return neutralise(str(value))


def csv_lines(columns: list[Column], queryset) -> Iterator[str]:
    """The CSV file: the byte-order mark and the headers at once, then the rows as they are read, a few hundred
    lines to a piece (a piece per line would cost the server a write each)."""
    writer = csv.writer(Echo(), delimiter=";", lineterminator="\r\n")
    yield CSV_BOM + writer.writerow([neutralise(header) for header in headers(columns)])
    kinds = [column.kind for column in columns]
    separator = formats.get_format("DECIMAL_SEPARATOR")  # the language's: a comma in Swedish
    piece = []
    for values in rows(columns, queryset):
        cells = [csv_text(value, kind, separator) for value, kind in zip(values, kinds, strict=True)]
        piece.append(writer.writerow(cells))
        if len(piece) == CSV_LINES_A_PIECE:
            yield "".join(piece)
            piece = []
    if piece:
        yield "".join(piece)


def in_language(language: str, pieces: Iterator) -> Iterator:
    """`pieces` made in `language`: a streamed response is written after the view has returned."""
    with translation.override(language):
        yield from pieces


def xlsx_cell(sheet, value, kind: str):
    """A value as Excel keeps it: numbers and dates as such (formatted), a text never as a formula."""
    if value is None or kind == Kind.NUMBER:
        return value
    if kind in (Kind.MONEY, Kind.DATE, Kind.DATETIME):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = {Kind.MONEY: MONEY_FORMAT, Kind.DATE: DATE_FORMAT}.get(kind, DATETIME_FORMAT)
        return cell
    return neutralise(str(value))


def write_xlsx(columns: list[Column], queryset, title: str, file) -> None:
    """The workbook, written row by row (openpyxl's write-only mode keeps no rows in memory) into `file`: a frozen
    header row, an autofilter over every row, widths by the columns' kinds and headers."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31] or "Export")
    names = headers(columns)
    for index, (column, name) in enumerate(zip(columns, names, strict=True), start=1):
        width = max(WIDTHS.get(column.kind, 30 if len(name) > 12 else 16), len(name) + 2)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for name in names:
        cell = WriteOnlyCell(sheet, value=neutralise(name))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    kinds = [column.kind for column in columns]
    count = 0
    for values in rows(columns, queryset):
        sheet.append([xlsx_cell(sheet, value, kind) for value, kind in zip(values, kinds, strict=True)])
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(columns), 1))}{count + 1}"
    book.save(file)


def xlsx_file(columns: list[Column], queryset, title: str):
    """The workbook in an anonymous temporary file, rewound for a FileResponse to stream out and close (which
    deletes it). The file is whole before its first byte goes out: a zip's directory comes last."""
    file = tempfile.TemporaryFile(suffix=".xlsx")  # closed (and so deleted) by the response
    try:
        write_xlsx(columns, queryset, title, file)
    except BaseException:
        file.close()
        raise
    file.seek(0)
    return file
