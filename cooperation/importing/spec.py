"""What a register declares it can import, and finding those declarations.

A register's `importers.py` calls `register(Importer(...))`: the columns of its template file, each read by a
function of `cells`, and how a row's values become the data its own edit page would post. The import then runs
that page's forms, formsets and rules, so an imported item passes exactly the checks a typed one does."""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from cooperation.core.permissions import Action, allowed

from .cells import normalised

YEAR_IN_HEADER = re.compile(r"^(.*?)[\s:_-]*((?:19|20|21)\d\d)$")


def year_in(header) -> int | None:
    """The year a header ends with ("Beviljat 2025"), None where it ends with none."""
    found = YEAR_IN_HEADER.match(normalised(header))
    return int(found[2]) if found else None


@dataclass(frozen=True)
class Column:
    key: str  # the name the importer's `data` reads the value by
    header: str  # the template's header, in Swedish as the municipality's files have it
    read: Callable  # cells.text, cells.date … : the raw cell -> the value
    required: bool = False
    example: str = ""
    help: str = ""  # what the template's instructions say about it
    yearly: bool = False  # the header ends with the year it is for: "Beviljat 2025"
    field: str = ""  # the form field or formset its errors are reported on; the key where empty

    @property
    def name(self) -> str:
        return self.header

    def named_by(self, text: str) -> bool:
        """Whether a file's header (normalised) is this column's."""
        return text == normalised(self.header)


@dataclass
class Importer:
    key: str  # in URLs and in the batch: "projekt"
    model: str  # "projects.Project"
    view: type  # the register's edit view: its forms, formsets and validate_together are the import's checks
    columns: list[Column]
    # the values of one row, by column key (yearly ones as {year: value}) -> the data the edit page would post
    data: Callable[[dict], dict]
    # the column whose text names the item in the dry run's list of rows
    name_column: str = ""
    # items already in the register that a valid form's cleaned_data would duplicate; the column to name
    duplicates: Callable | None = None
    duplicate_column: str = ""
    # what makes two rows of one file the same item, from a valid form's cleaned_data
    identity: Callable | None = None

    @property
    def model_class(self):
        return apps.get_model(self.model)

    @property
    def label(self) -> str:
        return str(self.model_class._meta.verbose_name_plural).capitalize()

    def column(self, key: str) -> Column | None:
        return next((column for column in self.columns if column.key == key), None)

    def may_import(self, user) -> bool:
        return allowed(user, Action.ADD, self.model_class)

    def match(self, header, remembered: dict[str, str] | None = None) -> tuple[str, int | None]:
        """The column key a file's header names and the year it carries ("" where none), a remembered choice
        first; a yearly column's header must end with its year."""
        text = normalised(header)
        if not text:
            return "", None
        year_match = YEAR_IN_HEADER.match(text)
        year = int(year_match[2]) if year_match else None
        if remembered and text[:200] in remembered:
            key = remembered[text[:200]]
            column = self.column(key)
            if column is not None and (not column.yearly or year):
                return key, year if column.yearly else None
            if not key:
                return "", None  # remembered as not imported
        for column in self.columns:
            if not column.yearly and column.named_by(text):
                return column.key, None
        if year_match:
            base = year_match[1].strip()
            for column in self.columns:
                if column.yearly and column.named_by(base):
                    return column.key, year
        return "", None


IMPORTERS: dict[str, Importer] = {}


def register(importer: Importer) -> Importer:
    IMPORTERS[importer.key] = importer
    return importer


def importers(user=None) -> list[Importer]:
    """Every declared importer, in menu order; those the user may import into where a user is given."""
    found = sorted(IMPORTERS.values(), key=lambda importer: importer.label)
    return [importer for importer in found if user is None or importer.may_import(user)]


def importer_for(key: str) -> Importer | None:
    return IMPORTERS.get(key)


NOT_IMPORTED = _("— not imported —")
