"""A coordinator takes a city relation from no paper to an adopted one, KS adopts, a new draft is compared."""

import pytest
from playwright.sync_api import expect

from cooperation.cities.models import CityRelation
from tests.browser.helpers import serious_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_position_paper_cycle(live_server, browser, coordinator, ks_user, org):
    relation = CityRelation.objects.create(city="Bergen", country="NO", kind="twin_town", decision=org.kf_decision)
    office = browser.new_page(locale="sv-SE")
    sign_in(office, live_server, "coordinator")
    office.goto(f"{live_server.url}/styrdokument/positionspapper/nytt/?city_relation={relation.pk}")
    assert serious_violations(office) == []
    office.fill("#id_title", "Positionspapper för vänorten Bergen")
    office.get_by_role("button", name="Spara").click()
    office.get_by_role("link", name="Version 1").click()
    office.get_by_role("link", name="Ändra utkastet").click()
    assert serious_violations(office) == []
    office.fill("#id_purpose", "Utbyte inom skola och kultur.")
    office.get_by_role("button", name="Spara").click()
    draft_url = office.url

    board = browser.new_page(locale="sv-SE")
    sign_in(board, live_server, "ks_user")
    board.goto(draft_url)
    board.get_by_role("link", name="Registrera antagandet").click()
    assert serious_violations(board) == []
    board.fill("#id_date", "2026-06-05")
    board.fill("#id_paragraph", "173")
    board.fill("#id_next_review_on", "2026-12-31")
    board.get_by_role("button", name="Anta").click()
    expect(board.locator("main")).to_contain_text("KS 2026-06-05 § 173")

    office.goto(f"{live_server.url}{relation.positionpapers.get().get_absolute_url()}")
    office.get_by_role("button", name="Starta ett nytt utkast från den antagna texten").click()
    office.get_by_role("link", name="Ändra utkastet").click()
    office.fill("#id_purpose", "Utbyte inom skola, klimat och kultur.")
    office.get_by_role("button", name="Spara").click()
    office.get_by_role("link", name="Jämför med versionen före").click()
    expect(office.locator("ins").first).to_contain_text("klimat")
    assert serious_violations(office) == []

    office.goto(f"{live_server.url}/")
    expect(office.locator("main")).to_contain_text("Positionspapper för vänorten Bergen")
