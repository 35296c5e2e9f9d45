"""The lockout message on the sign-in page and the audit log page, in a real browser, pass axe-core."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import serious_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_lockout_message_is_shown_on_the_sign_in_page(live_server, page, official_a, settings):
    settings.AXES_FAILURE_LIMIT = 2
    page.goto(f"{live_server.url}/logga-in/")
    for _ in range(2):
        page.fill("#id_username", "official_a")
        page.fill("#id_password", "wrong")
        page.locator("main button[type=submit]").click()
    expect(page.get_by_role("alert")).to_contain_text("Inloggningen är spärrad i 15 minuter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in")
    assert serious_violations(page) == []


def test_the_audit_log_page_passes_axe(live_server, page, administrator):
    sign_in(page, live_server, "administrator")
    page.get_by_role("link", name="Granskningslogg").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Granskningslogg")
    expect(page.get_by_role("cell", name="Inloggning", exact=True)).to_be_visible()
    assert serious_violations(page) == []
