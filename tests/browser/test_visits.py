"""An official registers a study visit through the form in a real browser, finds it, and edits it."""

import re

import pytest
from playwright.sync_api import expect

from cooperation.visits.models import Visit
from tests.browser.helpers import serious_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def save(page):
    page.locator("form.object-form .form-actions button[type=submit]").click()


def test_official_registers_and_edits_a_study_visit(live_server, page, official_a, org):
    sign_in(page, live_server, "official_a")
    page.goto(f"{live_server.url}/besok/nytt/")
    expect(page.locator("#id_hosts-0-unit")).to_have_value(str(org.unit_a.pk))  # their own unit, pre-filled
    assert serious_violations(page) == []
    page.locator("#id_title").fill("Studiebesök från Tartu")
    page.locator("#id_kind").select_option("study")
    page.locator("#id_start_date").fill("2026-09-14")
    page.locator("#id_country").select_option("EE")
    page.locator("#id_delegation_size").fill("3")
    page.locator("#id_delegation-0-name").fill("Mari Tamm")
    page.locator("#id_gifts-0-direction").select_option("given")
    page.locator("#id_gifts-0-description").fill("Bok om staden")
    save(page)

    visit = Visit.objects.get(title="Studiebesök från Tartu")
    expect(page).to_have_url(f"{live_server.url}{visit.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Studiebesök från Tartu")
    expect(page.get_by_text("Mari Tamm")).to_be_visible()
    expect(page.get_by_text("Bok om staden")).to_be_visible()
    assert serious_violations(page) == []

    page.locator(f"a[href='/besok/{visit.pk}/andra/']").click()
    expect(page.locator("#id_title")).to_have_value("Studiebesök från Tartu")
    page.locator("#id_title").fill("Studiebesök från Tartu stad")
    save(page)
    expect(page).to_have_url(re.compile(rf"/besok/{visit.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Studiebesök från Tartu stad")

    page.goto(f"{live_server.url}/besok/")
    expect(page.get_by_role("link", name="Studiebesök från Tartu stad")).to_be_visible()
    assert serious_violations(page) == []
