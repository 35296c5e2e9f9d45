"""Reading one cell of a spreadsheet as the register's form would have it typed: dates as Swedish offices write
them, amounts with a decimal comma and spaces between thousands, yes and no, a choice by its name, a unit, a
country or a related item by its name. A cell that cannot be read raises `CellError` with a message in the
language of the import, naming what was found and what is expected."""

import datetime
import functools
import re
from decimal import Decimal

from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django_countries import countries

from cooperation.core.forms import parse_money


class CellError(ValueError):
    pass


MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "january", "jan"),
            ("februari", "february", "feb"),
            ("mars", "march", "mar"),
            ("april", "apr"),
            ("maj", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("augusti", "august", "aug"),
            ("september", "sept", "sep"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
YES = {"ja", "j", "x", "yes", "y", "1", "sant", "true"}
NO = {"nej", "n", "no", "0", "falskt", "false"}
SEPARATORS = re.compile(r"\s*[;\n]\s*")  # between several values in one cell


def shown(raw) -> str:
    """A cell's value as the person sees it in their spreadsheet, for messages."""
    if isinstance(raw, datetime.datetime):
        return raw.date().isoformat() if raw.time() == datetime.time() else raw.isoformat(sep=" ")
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return "" if raw is None else str(raw).strip()


def normalised(text) -> str:
    """For comparing names: case, spaces and a trailing full stop do not matter."""
    return " ".join(shown(text).casefold().replace("\u00a0", " ").split()).rstrip(".")


def text(raw) -> str:
    return shown(raw)


def date(raw) -> str:
    """A date, as Excel stores it or as text: 2025-03-01, 20250301, 1/3/2025, 1.3.2025, 1 mars 2025."""
    if isinstance(raw, datetime.datetime):
        return raw.date().isoformat()
    if isinstance(raw, datetime.date):
        return raw.isoformat()
    value = shown(raw)
    if not value:
        return ""
    found = None
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?", value):
        found = int(match[1]), int(match[2]), int(match[3])
    elif match := re.fullmatch(r"(\d{4})(\d{2})(\d{2})", value):
        found = int(match[1]), int(match[2]), int(match[3])
    elif match := re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", value):
        found = int(match[3]), int(match[2]), int(match[1])
    elif match := re.fullmatch(r"(\d{1,2})\s+([^\W\d_]+)\.?\s+(\d{4})", value.casefold()):
        if match[2] in MONTHS:
            found = int(match[3]), MONTHS[match[2]], int(match[1])
    if found:
        try:
            return datetime.date(*found).isoformat()
        except ValueError:
            pass
    raise CellError(
        _("“{value}” is not a date: write it as YYYY-MM-DD, e.g. 2025-03-01, or as a date cell.").format(value=value)
    )


def amount(raw) -> str:
    """An amount as the register's pages read one (`core.forms.parse_money`): 12500, 12 500 or 12 500,50, and a
    currency after it (12 500 kr) left out; a number cell as it is."""
    if isinstance(raw, float):
        return str(Decimal(f"{raw:.15g}"))  # as Excel shows a calculated amount: 3,3, not 3.3000000000000003
    if isinstance(raw, int | Decimal) and not isinstance(raw, bool):
        return str(Decimal(raw))
    value = shown(raw)
    if not value:
        return ""
    number = parse_money(re.sub(r"(?i)\s*(kr|sek|eur|€|:-)\s*$", "", value), "sv")
    if number is None:
        raise CellError(_("“{value}” is not an amount: write digits, e.g. 12 500,50.").format(value=value))
    return str(number)


def whole_number(raw) -> str:
    value = shown(raw)
    if value and not re.fullmatch(r"\d{1,9}", value.replace(" ", "")):
        raise CellError(_("“{value}” is not a whole number.").format(value=value))
    return value.replace(" ", "")


def boolean(raw) -> str:
    if isinstance(raw, bool):
        return "on" if raw else ""
    value = normalised(raw)
    if value in YES:
        return "on"
    if not value or value in NO:
        return ""
    raise CellError(_("“{value}” is neither yes nor no: write ja or nej.").format(value=shown(raw)))


def listed(choices):
    """A choice column's values for the template's instructions, in the language of the request that reads them."""
    return lazy(lambda: ", ".join(str(label) for _code, label in choices.choices), str)()


def choice(choices):
    """A reader for one of a TextChoices' values, by its label in Swedish or English or by its code."""

    @functools.cache
    def codes() -> dict[str, str]:
        """Each code and label, normalised, in both languages: worked out at the first cell, not at every one."""
        found = {}
        for language in ("sv", "en"):
            with translation.override(language):
                found |= {normalised(str(label)): code for code, label in choices.choices}
        return found | {normalised(code): code for code, _label in choices.choices}

    def read(raw) -> str:
        value = normalised(raw)
        if not value:
            return ""
        if value in codes():
            return codes()[value]
        allowed = ", ".join(str(label) for _code, label in choices.choices)
        raise CellError(_("“{value}” is not one of: {allowed}.").format(value=shown(raw), allowed=allowed))

    return read


def country(raw) -> str:
    """A country by its ISO code or its name in Swedish or English."""
    value = shown(raw)
    if not value:
        return ""
    if len(value) == 2 and value.upper() in countries:
        return value.upper()
    for language in ("sv", "en"):
        code = countries.by_name(value, language=language)
        if code:
            return code
    raise CellError(
        _("“{value}” is not a country: write its name or its two-letter code, e.g. DE.").format(value=value)
    )


def several(raw) -> list[str]:
    """Several values in one cell, between semicolons or on lines of their own."""
    return [part for part in SEPARATORS.split(shown(raw)) if part]


NAMED = []  # every Named reader, for forget()


def forget() -> None:
    """Each import reads the rows afresh: a unit or decision added since the last one is found."""
    for named in NAMED:
        named._index = None


class Named:
    """Finds rows of a model by a name the file gives: any of `fields`, case and spaces aside. The rows are read
    once per import (see `forget`); `queryset` narrows them (e.g. the active units)."""

    def __init__(self, queryset, *fields, what: str):
        self.queryset, self.fields, self.what = queryset, fields, what
        self._index = None
        NAMED.append(self)

    def index(self) -> dict[str, set]:
        if self._index is None:
            index = {}  # built whole before it is shared: another thread never sees half of it
            for row in self.queryset.values("pk", *self.fields):
                for field in self.fields:
                    if row[field]:
                        index.setdefault(normalised(row[field]), set()).add(row["pk"])
            self._index = index
        return self._index

    def __call__(self, raw) -> str:
        value = normalised(raw)
        if not value:
            return ""
        found = self.index().get(value, set())
        if len(found) == 1:
            return str(next(iter(found)))
        if found:
            raise CellError(
                _("“{value}” names more than one {what}: write it in full.").format(value=shown(raw), what=self.what)
            )
        raise CellError(_("Unknown {what}: “{value}”.").format(value=shown(raw), what=self.what))

    def many(self, raw) -> list[str]:
        return [self(part) for part in several(raw)]
