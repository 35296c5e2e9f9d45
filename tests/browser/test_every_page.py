"""Every register's list, a detail page, and the add and edit forms, as a coordinator: axe-core finds no serious
or critical violation on any of them, at 1280 px and on a 390 px phone."""

import pytest

from cooperation.portal.demo import DEMO_PASSWORD
from tests.browser.helpers import serious_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_register_page_passes_axe(demo, page):
    sign_in(page, demo, "samordnare", DEMO_PASSWORD)
    registers = page.locator("nav.site-nav a").evaluate_all("links => links.map(link => link.getAttribute('href'))")
    pages = ["/", "/tillganglighet/"]
    for register in registers:
        page.goto(f"{demo.url}{register}")
        pages.append(register)
        first = page.locator("main table tbody th[scope=row] a").first
        if first.count():
            detail = first.get_attribute("href")
            pages.append(detail)
            page.goto(f"{demo.url}{detail}")
            edit = page.locator(".page-heading__actions a", has_text="Ändra")
            if edit.count():
                pages.append(edit.first.get_attribute("href"))
        add = page.locator(".page-heading a.button--primary")
        page.goto(f"{demo.url}{register}")
        if add.count():
            pages.append(add.first.get_attribute("href"))
    failures = {}
    for url in dict.fromkeys(pages):
        response = page.goto(f"{demo.url}{url}")
        assert response.status == 200, url
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            found = serious_violations(page)
            if found:
                failures[f"{width} {url}"] = found
    assert failures == {}
    assert len(pages) > 30
