"""Reading an uploaded file into rows of cells (an Excel workbook through tablib, CSV in any of the usual separators
and encodings through the csv module), and finding the row that holds its headers below any title rows a
municipality's sheet starts with."""

import csv
import io
import zipfile

import tablib
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .cells import shown

EXCEL = "xlsx"
CSV = "csv"
HEADER_SEARCH_ROWS = 15  # how far down a sheet its header row may be
UNPACKED_TIMES = 20  # a workbook is a zip archive: what it unpacks to may be this many times the largest file


class Refused(ValueError):
    """The file cannot be imported at all; the message says why."""


def kind_of(name: str, content: bytes) -> str:
    """ "xlsx" or "csv" by what the file holds, not only its name; anything else is refused."""
    lowered = name.lower()
    if content[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                if "xl/workbook.xml" in archive.namelist():
                    unpacked = sum(member.file_size for member in archive.infolist())
                    if unpacked > UNPACKED_TIMES * settings.IMPORT_MAX_BYTES:
                        raise Refused(
                            _("The workbook unpacks to {size}, more than an import reads.").format(
                                size=filesizeformat(unpacked)
                            )
                        )
                    return EXCEL
        except zipfile.BadZipFile:
            pass
    elif lowered.endswith((".csv", ".txt")) and b"\x00" not in content[:4096]:
        return CSV
    if lowered.endswith(".xls") or content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise Refused(_("The file is in the old Excel format (.xls): save it as .xlsx or CSV and upload it again."))
    raise Refused(_("The file is neither CSV nor an Excel workbook (.xlsx)."))


def check_size(size: int) -> None:
    if size > settings.IMPORT_MAX_BYTES:
        raise Refused(
            _("The file is too large: {size}; the most that can be imported at once is {limit}.").format(
                size=filesizeformat(size), limit=filesizeformat(settings.IMPORT_MAX_BYTES)
            )
        )
    if size == 0:
        raise Refused(_("The file is empty."))


def decoded(content: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):  # Excel's "CSV UTF-8", or its older Windows default
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Refused(_("The CSV file's characters cannot be read: save it as “CSV UTF-8”."))


def rows_of(name: str, content: bytes) -> list[list]:
    """The file's rows, every row as long as the longest; empty rows kept, so that an index is the sheet's row."""
    check_size(len(content))
    kind = kind_of(name, content)
    try:
        if kind == EXCEL:
            book = tablib.Dataset().load(io.BytesIO(content), format="xlsx", headers=False, read_only=False)
            rows = [list(row) for row in book]  # merged cells: the value in the first, None in the others
        else:
            text = decoded(content)
            try:
                delimiter = csv.Sniffer().sniff(text[:8192], delimiters=";,\t").delimiter
            except csv.Error:
                delimiter = ";"  # what Swedish Excel writes
            # the csv module itself: a row may be shorter or longer than the others, as spreadsheets write them
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except Refused:
        raise
    except Exception as error:  # a damaged workbook or CSV: openpyxl and csv raise many kinds
        error = str(error) or type(error).__name__
        raise Refused(
            _("The file could not be read as {kind}: {error}").format(kind=kind.upper(), error=error)
        ) from None
    width = max((len(row) for row in rows), default=0)
    return [row + [None] * (width - len(row)) for row in rows]


def is_empty(row) -> bool:
    return not any(shown(cell) for cell in row)


def header_index(rows: list[list], importer, remembered: dict) -> int:
    """Which of the first rows holds the headers: the one naming the most of the register's columns. A sheet's
    merged title rows above it name none."""
    best, best_count = None, 0
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        count = sum(1 for cell in row if importer.match(cell, remembered)[0])
        if count > best_count:
            best, best_count = index, count
    if best is None:
        raise Refused(
            _(
                "No header in the file names a column of {register}: download the template to see the headers, "
                "or check that the file is for this register."
            ).format(register=importer.label.lower())
        )
    return best
