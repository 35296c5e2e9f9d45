"""An official registers a project in the browser, then edits it; every page passes axe-core."""

import re

import pytest
from playwright.sync_api import expect

from cooperation.projects.models import Project
from tests.browser.helpers import serious_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_official_creates_and_edits_a_project(live_server, page, official_a, org):
    sign_in(page, live_server, "official_a")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Internationella projekt").click()
    expect(page.locator("h1")).to_contain_text("Internationella projekt")
    assert serious_violations(page) == []

    page.get_by_role("link", name="Nytt projekt").click()
    assert serious_violations(page) == []
    page.fill("#id_title", "Klimatsmarta skolor")
    page.select_option("#id_owner", str(org.unit_a.pk))
    page.select_option("#id_funding_source", "eu")
    page.fill("#id_total_budget", "1 200 000")
    page.fill("#id_external_funding", "900 000")
    page.fill("#id_partners-0-name", "Tallinna Linnavalitsus")
    page.select_option("#id_partners-0-country", "EE")
    page.get_by_role("button", name="Spara").click()

    expect(page.locator("h1")).to_contain_text("Klimatsmarta skolor")
    expect(page.locator("main")).to_contain_text(re.compile(r"1\s200\s000 SEK"))
    assert serious_violations(page) == []

    page.get_by_role("link", name="Ändra").click()
    page.fill("#id_external_funding", "1 500 000")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("får inte överstiga den totala budgeten").first).to_be_visible()
    assert serious_violations(page) == []
    page.fill("#id_external_funding", "1 000 000")
    page.select_option("#id_status", "applied")
    page.get_by_role("button", name="Spara").click()

    expect(page.locator("h1")).to_contain_text("Klimatsmarta skolor")
    expect(page.locator(".history")).to_contain_text("ansökan inskickad")
    assert Project.objects.get(title="Klimatsmarta skolor").external_funding == 1_000_000
