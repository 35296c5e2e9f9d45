"""On a phone, an official registers a project with a partner another unit already works with and is told so, then
finds both from the header's search; the coordinator sees the overlap on the start page and dismisses it with a
reason. Every page passes axe-core and fits the screen."""

import datetime

import pytest
from playwright.sync_api import expect

from cooperation.notices.models import Overlap
from cooperation.projects.models import FundingSource, Project, ProjectPartner
from tests.browser.helpers import serious_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_shared_partner_is_told_found_and_dismissed(live_server, page, org, official_a, coordinator):
    theirs = Project.objects.create(
        title="Kulturhamnar",
        owner=org.unit_b,
        funding_source=FundingSource.objects.get(code="eu"),
        start_date=datetime.date(2025, 1, 1),
        description="Ett utbyte om hamnstäder och kultur.",
    )
    ProjectPartner.objects.create(project=theirs, name="Nordic Urban Lab", country="DK")  # commits: keys kept
    page.set_viewport_size(PHONE)

    sign_in(page, live_server, "official_a")
    page.goto(f"{live_server.url}/projekt/nytt/")
    page.fill("#id_title", "Klimathamnar")
    page.select_option("#id_owner", str(org.unit_a.pk))
    page.select_option("#id_funding_source", "eu")
    page.fill("#id_start_date", "2025-03-01")
    page.fill("#id_partners-0-name", "Nordic Urban-Lab")
    page.select_option("#id_partners-0-country", "DK")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator("h1")).to_contain_text("Klimathamnar")
    expect(page.get_by_role("status").first).to_contain_text(
        "Möjliga synergier: Kulturförvaltningen har internationellt projekt ”Kulturhamnar” med samma partner"
    )

    search = page.get_by_role("search", name="Sök i alla register")
    search.get_by_label("Sök efter").fill("hamn")
    search.get_by_role("button", name="Sök").click()
    expect(page.locator("h1")).to_have_text("Sök")
    hits = page.locator(".search-hit")
    expect(hits).to_have_count(3)  # both projects, and the notice raised about the official's own
    expect(hits.first.locator("mark").first).to_have_text("hamn", ignore_case=True)
    expect(page.get_by_role("link", name="Internationella projekt (2)")).to_be_visible()
    expect(page.get_by_role("link", name="Samordningsanmälningar (1)")).to_be_visible()
    assert fits(page)
    assert serious_violations(page) == []

    page.get_by_role("button", name="Logga ut").click()
    sign_in(page, live_server, "coordinator")
    box = page.locator("section", has=page.get_by_role("heading", name="Möjliga synergier mellan enheter"))
    expect(box).to_contain_text("samma partner ”Nordic Urban Lab”")
    box.get_by_role("link").first.click()
    expect(page.locator("h1")).to_have_text("Möjlig synergi")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Avfärda överlappet").click()
    expect(page.locator("main")).to_contain_text("Ange varför överlappet avfärdas.")
    page.get_by_label("Varför avfärdas det?").fill("Enheterna samarbetar redan genom hamnnätverket.")
    page.get_by_role("button", name="Avfärda överlappet").click()
    expect(page.get_by_role("status").first).to_contain_text("Den möjliga synergin avfärdades.")
    assert fits(page)
    partner = Overlap.objects.get(kind="partner")
    assert (partner.dismissed_by, partner.reason) == (coordinator, "Enheterna samarbetar redan genom hamnnätverket.")
