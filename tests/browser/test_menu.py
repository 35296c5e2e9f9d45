"""The main menu in a real browser, for every role at 1280 and 390 px: its links are exactly the pages the role may
open, the phone menu is one button that opens with and without JavaScript, the header fits a phone, nothing scrolls
sideways, and axe-core finds no serious violation on the start page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cooperation.organisation.choices import Role
from tests.browser.helpers import serious_violations, sign_in
from tests.conftest import make_user
from tests.permissions import SIGNED_IN

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
LONG_NAME = "Upplands-Bro och Dals-Eds kommuner"  # longer than any municipality's name, to show it is not cut

EVERYONE = [
    "home",
    "projects:project_list",
    "visits:visit_list",
    "cities:cityrelation_list",
    "networks:membership_list",
    "networks:organisation_list",
    "consultations:consultation_list",
    "organisation:decision_list",
    "steering:positionpaper_list",
    "steering:actionplan_list",
    "steering:evaluation_list",
    "steering:policy_list",
    "reports:followup_list",
    "organisation",
]
# Who reads coordination notices (tests/notices/matrix.py), and who is staff with the audit permission.
NOTICE_READERS = {"official_a", "official_b", "coordinator", "ks_user", "administrator"}
STAFF = {"administrator"}
IMPORTERS = {"official_a", "official_b", "coordinator", "administrator"}  # tests/importing/matrix.py


def expected_links(role: str) -> set[str]:
    names = list(EVERYONE)
    if role in NOTICE_READERS:
        names.append("notices:notice_list")
    if role in STAFF:
        names += ["core:auditevent_list", "admin:index"]
    if role in IMPORTERS:
        names.append("importing:start")
    return {reverse(name) for name in names}


@pytest.fixture
def persona(request, org):
    org.municipality.name = LONG_NAME
    org.municipality.save()
    if request.param == "kf_user":
        return make_user("kf_user", Role.KF)
    return request.getfixturevalue(request.param)


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def menu_links(page) -> set[str]:
    return set(page.locator("nav.site-nav a").evaluate_all("links => links.map(link => link.getAttribute('href'))"))


def visible_links(page) -> int:
    return sum(1 for link in page.locator("nav.site-nav a").all() if link.is_visible())


def check_header_fits(page) -> None:
    """The municipality's name is whole and on screen, and so is the language switch."""
    name = page.locator(".site-header__municipality")
    expect(name).to_have_text(LONG_NAME)
    assert name.evaluate("el => el.scrollWidth <= el.clientWidth"), "the municipality's name is cut"
    for element in (name, page.locator(".language-switch button")):
        box = element.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"], box


def open_at(browser, live_server, state, viewport, javascript: bool):
    context = browser.new_context(
        storage_state=state, viewport=viewport, java_script_enabled=javascript, locale="sv-SE"
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    return context, page


@pytest.mark.parametrize("persona", SIGNED_IN, indirect=True)
def test_the_menu_fits_the_role_and_the_screen(live_server, browser, persona):
    expected = expected_links(persona.username)
    signing_in = browser.new_context(viewport=DESKTOP, locale="sv-SE")
    page = signing_in.new_page()
    sign_in(page, live_server, persona.username)
    state = signing_in.storage_state()
    signing_in.close()

    for javascript in (True, False):
        context, page = open_at(browser, live_server, state, DESKTOP, javascript)
        assert menu_links(page) == expected
        expect(page.locator(".site-nav__toggle")).to_be_hidden()
        assert visible_links(page) == len(expected), "on a wide screen the menu is open"
        check_header_fits(page)
        assert fits(page)
        if javascript:
            assert serious_violations(page) == []
            for href in expected:
                assert page.request.get(f"{live_server.url}{href}").status == 200, href
        context.close()

    for javascript in (True, False):
        context, page = open_at(browser, live_server, state, PHONE, javascript)
        assert menu_links(page) == expected
        toggle = page.get_by_text("Meny", exact=True)
        expect(toggle).to_be_visible()
        assert visible_links(page) == 0, "on a phone the menu starts closed"
        check_header_fits(page)
        assert fits(page)
        if javascript:
            assert serious_violations(page) == []
        toggle.click()
        assert visible_links(page) == len(expected)
        assert fits(page)
        if javascript:
            assert serious_violations(page) == []
        context.close()
