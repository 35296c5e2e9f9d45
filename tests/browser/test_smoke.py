"""A person signs in through the real login page in a real browser and reaches the start page."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import serious_violations
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_and_reach_the_start_page(live_server, page, official_a, org):
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/logga-in/?next=/")
    assert serious_violations(page) == []

    page.get_by_label("Användarnamn").fill("official_a")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Välkommen, Official_A")
    expect(page.get_by_text("Miljöförvaltningen")).to_be_visible()
    assert serious_violations(page) == []


def test_keyboard_user_can_skip_to_content(live_server, page):
    page.goto(f"{live_server.url}/logga-in/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hoppa till innehållet")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()


def test_the_accessibility_check_can_fail(page):
    page.set_content('<html lang="sv"><body><main><img src="logo.png"><button></button></main></body></html>')
    found = serious_violations(page)
    assert any(violation.startswith("image-alt") for violation in found)
    assert any(violation.startswith("button-name") for violation in found)


def test_the_content_security_policy_check_can_fail(live_server, page, csp_violations):
    page.goto(f"{live_server.url}/logga-in/")
    with page.expect_console_message(lambda message: "Content Security Policy" in message.text):
        page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">inline</p>')")
    assert any("style" in violation for violation in csp_violations)
    csp_violations.clear()  # seen: the page fixture need not fail the test
