"""The position paper as a PDF through WeasyPrint: an ordinary template, our own stylesheet, nothing fetched."""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cooperation.organisation.models import get_municipality

STYLESHEET = Path(settings.BASE_DIR) / "static" / "css" / "pdf.css"


def refuse_fetch(url, *args, **kwargs):
    """The PDF needs nothing from outside: every fetch is refused."""
    raise ValueError(f"Refused to fetch {url}")


def position_paper_pdf(version) -> tuple[str, str, bytes]:
    """(filename, content type, bytes) of a position paper version."""
    from weasyprint import CSS, HTML

    municipality = get_municipality()
    html = render_to_string(
        "steering/position_paper_pdf.html",
        {
            "version": version,
            "paper": version.paper,
            "municipality": municipality,
        },
    )
    document = HTML(string=html, url_fetcher=refuse_fetch, base_url=str(settings.BASE_DIR))
    # The page numbers' words are translated, so that part of the page style is written here.
    page, of = (word.replace('"', "") for word in (_("Page"), _("of")))
    rule = f'@page {{ @bottom-right {{ content: "{page} " counter(page) " {of} " counter(pages); }} }}'
    numbers = CSS(string=rule, url_fetcher=refuse_fetch)
    content = document.write_pdf(stylesheets=[CSS(filename=str(STYLESHEET), url_fetcher=refuse_fetch), numbers])
    filename = f"{slugify(version.paper.title)}-{_('version')}-{version.number}.pdf"
    return filename, "application/pdf", content
