"""The report's files: one `document.Report` written as PDF/A, Excel and Word.

Each format has its module here (`pdf`, `excel`, `word`); `cells` formats numbers and dates for the report's
language and `charts` draws the charts. The heavy libraries are imported only when a file is made.
"""

from ..document import Report


def render_pdf(report: Report, progress=None) -> bytes:
    """The report as a PDF/A document with cover, contents, running header and page numbers; `progress(page)` is
    called as each page is laid out."""
    from .pdf import write_pdf

    return write_pdf(report, progress)


def render_xlsx(report: Report) -> bytes:
    """The report's tables as an Excel workbook, one sheet per table."""
    from .excel import write_xlsx

    return write_xlsx(report)


def render_docx(report: Report) -> bytes:
    """The report's text and tables as a Word document."""
    from .word import write_docx

    return write_docx(report)
