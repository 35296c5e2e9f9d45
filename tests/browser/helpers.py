"""What the browser tests share: signing in through the real login page, and axe-core's verdict."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.conftest import PASSWORD


def sign_in(page, live_server, username, password=PASSWORD):
    """Sign in as `username` through the login page and land on the start page (the demo accounts: pass
    DEMO_PASSWORD)."""
    base = getattr(live_server, "url", live_server)
    page.goto(f"{base}/logga-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(f"{base}/")


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page, as readable lines."""
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
