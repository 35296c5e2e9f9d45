"""Reading an uploaded file into rows of cells (an Excel workbook through openpyxl, row by row; CSV in any of the
usual separators and encodings through the csv module), and finding the sheet and the row that hold its headers,
below any title rows a municipality's sheet starts with."""

import csv
import io
import logging
import zipfile

import openpyxl
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .cells import shown

logger = logging.getLogger(__name__)

EXCEL = "xlsx"
CSV = "csv"
HEADER_SEARCH_ROWS = 15  # how far down a sheet its header row may be
ZIP_SIGNATURE = b"PK\x03\x04"  # an .xlsx is a zip archive
MAX_COLUMNS = 200  # a register has a few dozen; more is not a register's sheet
UNPACKED_TIMES = 20  # a workbook is a zip archive: what it unpacks to may be this many times the largest file


class Refused(ValueError):
    """The file cannot be imported at all; the message says why."""


def kind_of(name: str, content: bytes) -> str:
    """ "xlsx" or "csv" by what the file holds, not only its name; anything else is refused."""
    lowered = name.lower()
    if content.startswith(ZIP_SIGNATURE):
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


def sheets_of(name: str, content: bytes) -> list[tuple[str, list[list]]]:
    """The file's sheets (a CSV is one, named ""), each as its rows: every row as long as the longest, empty rows
    kept so that an index is the sheet's row. A sheet of more than `MAX_COLUMNS` columns or the settings' rows is
    refused, before more of it is read."""
    check_size(len(content))
    try:
        kind = kind_of(name, content)
        if kind == EXCEL:
            # read-only: row by row, never the whole sheet's grid; merged cells give their value in the first
            book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            try:
                most = settings.IMPORT_MAX_ROWS + HEADER_SEARCH_ROWS + 1  # one more than is read: is there more?
                sheets = [
                    (sheet.title, capped(sheet.iter_rows(max_row=most, max_col=MAX_COLUMNS + 1, values_only=True)))
                    for sheet in book.worksheets
                ]
            finally:
                book.close()
        else:
            text = decoded(content)
            try:
                delimiter = csv.Sniffer().sniff(text[:8192], delimiters=";,\t").delimiter
            except csv.Error:
                delimiter = ";"  # what Swedish Excel writes
            # the csv module: a row may be shorter or longer than the others, as spreadsheets write them
            sheets = [("", capped(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)))]
    except Refused:
        raise
    except Exception as error:  # a damaged workbook or CSV: zipfile, openpyxl and csv raise many kinds
        logger.info("An uploaded file could not be read: %r", error)
        raise Refused(_("The file could not be read as CSV or as an Excel workbook (.xlsx).")) from None
    return [(title, padded(rows)) for title, rows in sheets]


def rows_of(name: str, content: bytes, sheet: str = "") -> list[list]:
    """The rows of the file's sheet named `sheet` (its first where there is no such sheet)."""
    sheets = sheets_of(name, content)
    return next((rows for title, rows in sheets if title == sheet), sheets[0][1] if sheets else [])


def capped(rows) -> list[list]:
    """The rows, each without its trailing empty cells, refused past the limits."""
    kept = []
    for row in rows:
        cells = list(row[: MAX_COLUMNS + 1])
        while cells and not shown(cells[-1]):
            cells.pop()
        if len(cells) > MAX_COLUMNS:
            raise Refused(_("The file has more than {count} columns.").format(count=MAX_COLUMNS))
        if len(kept) >= settings.IMPORT_MAX_ROWS + HEADER_SEARCH_ROWS:
            if cells:
                raise Refused(
                    _("The file has more than {count} rows: import it in parts.").format(count=settings.IMPORT_MAX_ROWS)
                )
            continue  # empty rows a sheet's formatting reaches down to
        kept.append(cells)
    return kept


def padded(rows: list[list]) -> list[list]:
    while rows and not rows[-1]:
        rows.pop()
    width = max((len(row) for row in rows), default=0)
    return [row + [None] * (width - len(row)) for row in rows]


def is_empty(row) -> bool:
    return not any(shown(cell) for cell in row)


def header_row(rows: list[list], importer, remembered: dict) -> tuple[int | None, int]:
    """Which of the first rows holds the headers, and how many columns it names: the row naming the most of the
    register's columns. A sheet's merged title rows above it name none."""
    best, best_count = None, 0
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        count = sum(1 for cell in row if importer.match(cell, remembered)[0])
        if count > best_count:
            best, best_count = index, count
    return best, best_count


def best_sheet(sheets, importer, remembered: dict) -> tuple[str, list[list], int]:
    """The sheet whose header row names the most of the register's columns (a workbook saved while its
    instructions were open is still read from its data), its rows and that header row's index."""
    found = []
    for title, rows in sheets:
        index, count = header_row(rows, importer, remembered)
        if index is not None:
            found.append((count, -len(found), title, rows, index))
    if not found:
        raise Refused(
            _(
                "No header in the file names a column of {register}: download the template to see the headers, "
                "or check that the file is for this register."
            ).format(register=importer.label.lower())
        )
    _count, _order, title, rows, index = max(found, key=lambda each: each[:2])
    return title, rows, index
