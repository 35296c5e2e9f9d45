"""The annual follow-up as a document: sections of text, tables and charts, independent of the file format.

`content.py` fills a `Report` from the figures (one module per concern in `figures/`); the renderers write the same
`Report` as PDF, Excel and Word. Every number in a table is a real number (int or Decimal) and every date a
`datetime.date`, so each format can keep them as numbers and dates; text is already translated.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum


class Kind(StrEnum):
    """What a column holds, so each format can show and keep it rightly."""

    TEXT = "text"
    INTEGER = "integer"
    MONEY = "money"  # a Decimal in the column's `currency` (SEK by default), or a `Money` with its own
    PERCENT = "percent"  # a Decimal fraction: Decimal("0.5") is 50 %
    DECIMAL = "decimal"  # one decimal; an int in the column (a count beside a median) is shown as an integer
    DATE = "date"


@dataclass(frozen=True)
class Money:
    """An amount in a currency of its own, for a column whose rows differ in currency (membership fees)."""

    amount: Decimal
    currency: str


Cell = str | int | Decimal | Money | date | None


@dataclass
class Column:
    label: str
    kind: Kind = Kind.TEXT
    currency: str = "SEK"


@dataclass
class Table:
    """A table with a caption; `key` names its Excel sheet and anchors it in the PDF."""

    key: str
    caption: str
    columns: list[Column]
    rows: list[list[Cell]]
    totals: list[Cell] | None = None
    empty_text: str = ""  # said instead of an empty table
    # A list of items (the appendix): PDF and Word show its first settings.REPORT_LISTED_ROWS, the workbook all.
    listing: bool = False


@dataclass
class Series:
    name: str
    values: list[int | Decimal]


@dataclass
class Chart:
    """A chart and, for those who cannot see it, the table of the same figures beside it."""

    key: str
    title: str
    kind: str  # "bar", "stacked_bar", "line" or "pie"
    labels: list[str]
    series: list[Series]
    table: Table


@dataclass
class Section:
    key: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    blocks: list[Table | Chart] = field(default_factory=list)
    subsections: list["Section"] = field(default_factory=list)


@dataclass
class Report:
    """The whole report: a cover, then its sections in order (the table of contents follows them)."""

    title: str  # "Uppföljning av det internationella arbetet 2026"
    municipality: str
    year: int
    language: str  # "sv" or "en"
    subtitle: str = ""  # e.g. the committee, for a per-committee report
    case_number: str = ""
    made_on: date | None = None
    sections: list[Section] = field(default_factory=list)

    def tables(self):
        """Every table, charts' tables included, in document order: one Excel sheet each."""

        def walk(sections):
            for section in sections:
                for block in section.blocks:
                    yield block.table if isinstance(block, Chart) else block
                yield from walk(section.subsections)

        return list(walk(self.sections))
