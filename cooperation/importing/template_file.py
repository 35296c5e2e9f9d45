"""The template file of a register: its headers in Swedish, an example row, and a sheet that says what each column
takes (Excel), or the headers and the example only (CSV, semicolons as Swedish Excel writes them)."""

import tablib
from django.utils import timezone
from django.utils.translation import gettext as _

from .spec import Importer


def headers_and_example(importer: Importer) -> tuple[list[str], list[str]]:
    year = timezone.localdate().year
    headers, example = [], []
    for column in importer.columns:
        headers.append(f"{column.header} {year}" if column.yearly else column.header)
        example.append(column.example)
    return headers, example


def workbook(importer: Importer) -> bytes:
    headers, example = headers_and_example(importer)
    sheet = tablib.Dataset(example, headers=headers, title=_("Template")[:31])
    notes = tablib.Dataset(headers=[_("Column"), _("Required"), _("What it takes")], title=_("Instructions")[:31])
    for column in importer.columns:
        header = f"{column.header} ÅÅÅÅ" if column.yearly else column.header
        notes.append([header, _("yes") if column.required else "", str(column.help)])
    return tablib.Databook([sheet, notes]).export("xlsx")


def csv_file(importer: Importer) -> bytes:
    headers, example = headers_and_example(importer)
    sheet = tablib.Dataset(example, headers=headers)
    return ("\ufeff" + sheet.export("csv", delimiter=";")).encode("utf-8")
