"""A table's cells as text in the report's language, for the formats that show text (PDF and Word).

Swedish: 1 234 567 kr, 2 000 EUR, 12,5 %, dates as ISO 8601; English: SEK 1,234,567, 12.5%. Counts are integers
("29", never "29,0"). The spaces are non-breaking so a figure never wraps inside itself.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils import numberformat
from django.utils.formats import get_format

from ..document import Cell, Column, Kind, Money, Table

NUMERIC = {Kind.INTEGER, Kind.MONEY, Kind.PERCENT, Kind.DECIMAL}
NBSP = "\xa0"


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
        rows=[line(row) for row in table.rows],
        totals=line(table.totals) if table.totals else None,
    )


def _all_rows(table: Table):
    yield from table.rows
    if table.totals:
        yield table.totals
