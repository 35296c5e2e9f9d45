"""Every register's list fits the window at 1280 and at 390 px: the page never scrolls sideways, and at 1280 px no
column hides behind the table's own scroll. The filters fold on a phone; axe-core finds nothing on two lists."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from cooperation.portal.demo import DEMO_PASSWORD
from cooperation.portal.registers import register_lists
from tests.browser.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDE, PHONE = 1280, 390
TOO_WIDE = """() => {
    const page = document.documentElement.scrollWidth - window.innerWidth;
    const table = document.querySelector("main table");
    return {page, table: table ? table.scrollWidth - table.clientWidth : 0};
}"""


def test_every_list_fits_at_1280_and_390_px(demo, page):
    sign_in(page, demo, "samordnare", DEMO_PASSWORD)
    lists = [url for _name, url in register_lists()]
    overflow, with_rows = {}, set()
    for width in (WIDE, PHONE):
        page.set_viewport_size({"width": width, "height": 900})
        for url in lists:
            page.goto(f"{demo.url}{url}")
            if page.locator("main table tbody tr").count():
                with_rows.add(url)
            measured = page.evaluate(TOO_WIDE)
            if measured["page"] > 0 or (width == WIDE and measured["table"] > 0):
                overflow[f"{width} {url}"] = measured
    assert len(with_rows) >= 10  # the demo leaves a few registers empty (action plans); the rest are measured full
    assert overflow == {}


def test_the_filters_fold_on_a_phone_and_count_what_is_active(demo, page):
    sign_in(page, demo, "samordnare", DEMO_PASSWORD)
    page.set_viewport_size({"width": WIDE, "height": 900})
    page.goto(f"{demo.url}/projekt/?q=a&status=ongoing")
    filters = page.locator("details.register__filters")
    assert filters.evaluate("details => details.open")
    assert filters.locator("summary").inner_text() == "Filter (2)"
    page.set_viewport_size({"width": PHONE, "height": 800})
    page.goto(f"{demo.url}/projekt/?q=a&status=ongoing")
    assert not filters.evaluate("details => details.open")
    assert not page.locator("#id_q").is_visible()
    toggle = filters.locator("summary").bounding_box()
    gap = page.locator("main table").bounding_box()["y"] - (toggle["y"] + toggle["height"])
    assert 0 < gap < 100, "on a phone the first rows follow the folded filters"
    filters.locator("summary").click()
    assert page.locator("#id_q").is_visible()


@pytest.mark.parametrize("width", [WIDE, PHONE])
def test_axe_finds_nothing_on_the_project_list_and_the_inbox(demo, page, width):
    sign_in(page, demo, "samordnare", DEMO_PASSWORD)
    page.set_viewport_size({"width": width, "height": 900})
    found = {}
    for url in ("/projekt/", "/anmalningar/"):
        page.goto(f"{demo.url}{url}")
        violations = Axe().run(page).response["violations"]
        if violations:
            found[url] = [f"{each['id']} ({each['impact']}): {each['help']}" for each in violations]
    assert found == {}
