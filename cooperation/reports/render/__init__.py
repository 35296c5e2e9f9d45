"""The report's files: one `document.Report` written as PDF/A, Excel and Word. The `render` branch writes this
module; the signatures are what the others build against."""

from .document import Report


def render_pdf(report: Report) -> bytes:
    """The report as a PDF/A document with cover, contents, running header and page numbers."""
    raise NotImplementedError  # replaced in this session by the `render` branch; never lands as is


def render_xlsx(report: Report) -> bytes:
    """The report's tables as an Excel workbook, one sheet per table."""
    raise NotImplementedError


def render_docx(report: Report) -> bytes:
    """The report's text and tables as a Word document."""
    raise NotImplementedError
