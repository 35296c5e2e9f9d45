"""The Django admin under the Content-Security-Policy: the page fixture fails the test on anything it blocks."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_admin_works_under_the_policy(live_server, page, admin_user, official_a):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", admin_user.username)
    page.fill("#id_password", "password")
    page.locator("input[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/admin/")
    user = f"/admin/organisation/user/{official_a.pk}"
    for url in [
        "/admin/",
        "/admin/projects/project/",
        "/admin/projects/project/add/",
        f"{user}/change/",
        f"{user}/history/",
    ]:
        response = page.goto(f"{live_server.url}{url}")
        assert response.status == 200, url
        page.wait_for_load_state("networkidle")
