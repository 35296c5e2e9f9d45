"""The crawl (issue 12): each role follows every link from the start page, one page per URL shape, on the demo data.
No link leads to a refusal or a missing page, and no page is wider than the window at 1280 or at 390 px (measured
as `scrollWidth`, the window resized on each page)."""

import re
from urllib.parse import urljoin, urlsplit

import pytest

from cooperation.portal.demo import DEMO_PASSWORD
from tests.browser.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 390)
# Not pages to measure: signing out, the admin (Django's own pages), files, and a list's filters, sorts and pages
# (their layout is the list's, measured on every list by test_lists_fit).
SKIP = re.compile(r"/logga-ut/|/admin/|/kalender/|\.ics$|\.pdf$|/dokument/|/fil/|/ladda-ner/|\?|#")
LINKS = "links => links.filter(link => !link.hasAttribute('download')).map(link => link.getAttribute('href'))"
TOO_WIDE = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def crawl(page, base: str, username: str) -> tuple[dict, dict, int]:
    """Sign in as a demo account and follow its links: (pages wider than the window by how much, links that failed
    with where they were found, pages measured)."""
    sign_in(page, base, username, DEMO_PASSWORD)
    queue, shapes, wide, failed, measured = [("/", "")], set(), {}, {}, 0
    while queue:
        path, found_on = queue.pop(0)
        shape = re.sub(r"\d+", "N", path)
        if shape in shapes:
            continue
        shapes.add(shape)
        response = page.goto(f"{base}{path}")
        if response.status >= 400:
            failed[path] = (response.status, found_on)
            continue
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        measured += 1
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            if (extra := page.evaluate(TOO_WIDE)) > 0:
                wide[f"{width} {path}"] = extra
        for href in page.locator("a[href]").evaluate_all(LINKS):
            url = urlsplit(urljoin(f"{base}{path}", href))
            if f"{url.scheme}://{url.netloc}" == base and not SKIP.search(href):
                queue.append((url.path, path))
    return wide, failed, measured


@pytest.mark.parametrize("username", ["samordnare", "handlaggare", "ks", "lasare"])
def test_every_page_a_role_reaches_opens_and_fits(demo, page, username):
    wide, failed, measured = crawl(page, demo.url, username)
    assert failed == {}
    assert wide == {}
    assert measured >= 25, measured
