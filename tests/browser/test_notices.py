"""An official's new project informs the central office; a coordinator acknowledges; the official sees it."""

import pytest
from playwright.sync_api import expect

from cooperation.notices.models import Notice
from tests.browser.helpers import serious_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_project_notice_is_acknowledged_and_the_official_sees_it(live_server, browser, official_a, coordinator, org):
    official = browser.new_page(locale="sv-SE")
    sign_in(official, live_server, "official_a")
    official.goto(f"{live_server.url}/projekt/nytt/")
    official.fill("#id_title", "Klimatsmarta skolor")
    official.select_option("#id_owner", str(org.unit_a.pk))
    official.select_option("#id_funding_source", "eu")
    official.get_by_role("button", name="Spara").click()
    notice = Notice.objects.get()
    expect(official.get_by_role("status").first).to_contain_text(notice.number)

    office = browser.new_page(locale="sv-SE")
    sign_in(office, live_server, "coordinator")
    office.goto(f"{live_server.url}/anmalningar/")
    assert serious_violations(office) == []
    office.get_by_role("link", name=notice.number).click()
    assert serious_violations(office) == []
    office.get_by_role("button", name="Ta upp för handläggning").click()
    office.fill("#id_comment", "Bra initiativ, vi kopplar ihop er med Utbildningsförvaltningen.")
    office.get_by_role("button", name="Kvittera").click()
    expect(office.locator("h1")).to_contain_text(notice.number)

    official.goto(f"{live_server.url}/projekt/{notice.project_id}/")
    trail = official.locator(".item-notices")
    expect(trail).to_contain_text("kvitterad")
    expect(trail).to_contain_text("Bra initiativ")
    assert serious_violations(official) == []
