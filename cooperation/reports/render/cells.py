"""A table's cells as text in the report's language, for the formats that show text (PDF and Word).

Swedish: 1 234 567 kr, 2 000 EUR, 12,5 %, dates as ISO 8601; English: SEK 1,234,567, 12.5%. Counts are integers
("29", never "29,0"). The spaces are non-breaking so a figure never wraps inside itself.
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from ..document import Cell, Column, Kind, Money, Report, Table

NUMERIC = {Kind.INTEGER, Kind.MONEY, Kind.PERCENT, Kind.DECIMAL}
NBSP = "\xa0"
NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


@dataclass
class Shown:
    """One cell as shown: its text and whether it is a figure (right-aligned)."""

    text: str
    numeric: bool = False
    date: bool = False


@dataclass
class TableView:
    """A table ready to show: header, rows and totals as text."""

    table: Table
    headers: list[Shown]
    rows: list[list[Shown]]
    totals: list[Shown] | None
    left_out: int = 0  # rows of a listing that only the workbook shows


def money_places(table: Table, index: int) -> int:
    """Whole kronor, unless the column holds only small amounts with öre (such as funding per inhabitant)."""
    values = [amount for row in _all_rows(table) if (amount := amount_of(row[index])) is not None]
    if values and max(abs(value) for value in values) < 1000 and any(value % 1 for value in values):
        return 2
    return 0


def amount_of(value: Cell) -> Decimal | None:
    """A money cell's amount, whether a bare number or a `Money`; None for anything else."""
    if isinstance(value, Money):
        return value.amount
    return Decimal(value) if isinstance(value, int | Decimal) and not isinstance(value, bool) else None


def currency_of(value: Cell, column: Column) -> str:
    return value.currency if isinstance(value, Money) else column.currency


def places_of(value: Cell, column: Column) -> int:
    """Decimals a figure other than money is shown with: one in a decimal column, none for a count."""
    return 1 if column.kind == Kind.DECIMAL and not isinstance(value, int) else 0


def number(value: int | Decimal, places: int, language: str) -> str:
    """`value` rounded half up to `places` decimals, grouped by thousands in `language`'s way."""
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return numberformat.format(
        rounded,
        get_format("DECIMAL_SEPARATOR", language),
        decimal_pos=places,
        grouping=get_format("NUMBER_GROUPING", language),
        thousand_sep=get_format("THOUSAND_SEPARATOR", language),
        force_grouping=True,
    )


def show(value: Cell, column: Column, language: str, places: int = 0) -> Shown:
    """One cell as text in `language`."""
    if value is None or value == "":
        return Shown("", column.kind in NUMERIC)
    if isinstance(value, date):
        return Shown(value.isoformat(), date=True)
    if isinstance(value, str) or column.kind in (Kind.TEXT, Kind.DATE):
        return Shown(str(value))
    swedish = language.startswith("sv")
    if column.kind == Kind.MONEY:
        figure = number(amount_of(value), places, language)
        currency = currency_of(value, column)
        currency = "kr" if swedish and currency == "SEK" else currency
        return Shown(f"{figure}{NBSP}{currency}" if swedish else f"{currency}{NBSP}{figure}", True)
    if column.kind == Kind.PERCENT:
        figure = number(Decimal(value) * 100, 1, language)
        return Shown(f"{figure}{NBSP}%" if swedish else f"{figure}%", True)
    return Shown(number(value, places_of(value, column), language), True)


def view(table: Table, language: str) -> TableView:
    """`table` with every cell as text in `language`."""
    places = [money_places(table, i) if c.kind == Kind.MONEY else 0 for i, c in enumerate(table.columns)]

    def line(row):
        return [
            show(value, column, language, places[i])
            for i, (column, value) in enumerate(zip(table.columns, row, strict=True))
        ]

    headers = [Shown(column.label, column.kind in NUMERIC) for column in table.columns]
    return TableView(
        table=table,
        headers=headers,
        rows=[line(row) for row in listed_rows(table)],
        totals=line(table.totals) if table.totals else None,
        left_out=len(table.rows) - len(listed_rows(table)),
    )


def listed_rows(table: Table) -> list[list[Cell]]:
    """The rows the PDF and Word show: a listing's first settings.REPORT_LISTED_ROWS, every row of other tables."""
    return table.rows[: settings.REPORT_LISTED_ROWS] if table.listing else table.rows


def left_out_note(shown: TableView, sheet: str, language: str) -> str:
    """What a shortened listing says below itself: where the rest is."""
    return _(
        "The first {shown} of {total} rows are shown; the Excel workbook lists all of them on its sheet “{sheet}”."
    ).format(shown=number(len(shown.rows), 0, language), total=number(len(shown.table.rows), 0, language), sheet=sheet)


def sheet_names(report: Report) -> dict[int, str]:
    """Each table's Excel sheet (keyed by the table's id()): its key as an allowed, unique sheet name."""
    used = {_("Contents").lower()}
    return {id(table): sheet_name(table.key, used) for table in report.tables()}


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


def _all_rows(table: Table):
    yield from table.rows
    if table.totals:
        yield table.totals
