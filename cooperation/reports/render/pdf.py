"""The report as a PDF/A through WeasyPrint: an ordinary template, the project's own stylesheet and fonts, and
nothing fetched from outside (only files under static/ and the charts' data: URIs the renderer wrote itself)."""

import base64
import logging
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from ..document import Chart, Report
from . import cells, charts

STATIC_DIR = Path(settings.BASE_DIR) / "static"
STYLESHEET = STATIC_DIR / "css" / "report_pdf.css"
# WeasyPrint writes one variant at a time: PDF/A-3b, with the tags of a structured (tagged) PDF added.
PDF_VARIANT = "pdf/a-3b"
# A table of this many columns gets landscape pages of its own, where its words need not be hyphenated letter by letter.
WIDE_COLUMNS = 9


def static_file(url: str) -> Path | None:
    """The file under the project's static/ folder that a file: URL names, or None for every other URL."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(url2pathname(parts.path)).resolve()  # resolved, so ../ and links cannot leave static/
    return path if path.is_relative_to(STATIC_DIR.resolve()) and path.is_file() else None


class StaticOnlyFetcher(URLFetcher):
    """Fetches the project's files under static/ and data: URIs; refuses everything else (web, other files)."""

    def __init__(self):
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)

    def fetch(self, url, headers=None):
        if not (url.startswith("data:") or static_file(url)):
            raise ValueError(f"Refused to fetch {url}")
        return super().fetch(url, headers)


@contextmanager
def pages_laid_out(progress: Callable[[int], None] | None):
    """Calls `progress(page)` as WeasyPrint lays out each new page (it logs that), so a long layout shows it moves.
    When it lays the pages out again (to fill in the page numbers) the progress stays where it was."""
    if progress is None:
        yield
        return

    class PageHandler(logging.Handler):
        highest = 0

        def emit(self, record):
            if record.msg.startswith("Step 5 - Creating layout - Page") and record.args:
                if (page := int(record.args[0])) > self.highest:
                    self.highest = page
                    progress(page)

    handler, logger = PageHandler(), logging.getLogger("weasyprint.progress")
    kept = logger.level, logger.propagate
    logger.setLevel(logging.INFO)
    logger.propagate = False  # heard here only, not written to the site's log
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(kept[0])
        logger.propagate = kept[1]


def write_pdf(report: Report, progress: Callable[[int], None] | None = None) -> bytes:
    """The report as PDF/A-3b bytes, tagged; `progress(page)` hears of each page laid out."""
    fetcher = StaticOnlyFetcher()
    with translation.override(report.language):
        html = render_to_string("reports/report_pdf.html", context(report))
        # The page numbers' words are translated, so that part of the page style is written here.
        page, of = (word.replace('"', "") for word in (_("Page"), _("of")))
    rule = f'@page {{ @bottom-right {{ content: "{page} " counter(page) " {of} " counter(pages); }} }}'
    document = HTML(string=html, url_fetcher=fetcher, base_url=STATIC_DIR.as_uri() + "/")
    fonts = FontConfiguration()  # where the stylesheet's @font-face rules put the shipped fonts
    stylesheets = [
        CSS(filename=str(STYLESHEET), url_fetcher=fetcher, font_config=fonts),
        CSS(string=rule, url_fetcher=fetcher, font_config=fonts),
    ]
    with pages_laid_out(progress):
        return document.write_pdf(stylesheets=stylesheets, font_config=fonts, pdf_variant=PDF_VARIANT, pdf_tags=True)


def context(report: Report) -> dict:
    """The template's context: the report and its sections flattened in order, numbered, with their blocks."""
    anchors = set()
    entries = []
    sheets = cells.sheet_names(report)

    def walk(sections, prefix, depth):
        for index, section in enumerate(sections, 1):
            number = f"{prefix}{index}"
            entries.append(
                {
                    "number": number,
                    "depth": depth,
                    "level": min(depth + 2, 6),  # h1 is the cover's title
                    "anchor": "section-" + number.replace(".", "-"),
                    "section": section,
                    "blocks": [_block(block, report.language, anchors, sheets) for block in section.blocks],
                }
            )
            walk(section.subsections, number + ".", depth + 1)

    walk(report.sections, "", 0)
    return {"report": report, "entries": entries}


def _block(block, language, anchors, sheets) -> dict:
    table = block.table if isinstance(block, Chart) else block
    anchor = base = "table-" + (slugify(table.key) or "t")
    while anchor in anchors:
        anchor = f"{base}-{len(anchors)}"
    anchors.add(anchor)
    view = cells.view(table, language)
    note = cells.left_out_note(view, sheets[id(table)], language) if view.left_out else ""
    wide = len(table.columns) >= WIDE_COLUMNS and bool(view.rows)
    shown = {"chart": None, "table": view, "anchor": anchor, "note": note, "wide": wide}
    if isinstance(block, Chart) and charts.has_figures(block):
        image = base64.b64encode(charts.svg(block, language)).decode("ascii")
        shown["chart"] = {"title": block.title, "src": f"data:image/svg+xml;base64,{image}"}
    elif isinstance(block, Chart):
        shown["chart"] = {"title": block.title, "src": None}
    return shown
