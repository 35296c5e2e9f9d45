"""A coordinator registers a twin town with its agreement in a real browser, then edits it."""

import re

import pytest
from playwright.sync_api import expect

from cooperation.cities.models import CityRelation
from tests.browser.helpers import serious_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_registers_and_edits_a_twin_town(live_server, page, coordinator, org):
    sign_in(page, live_server, "coordinator")

    page.goto(f"{live_server.url}/stader/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert serious_violations(page) == []

    page.goto(f"{live_server.url}/stader/ny/")
    page.locator("#id_city").fill("Bergen")
    page.locator("#id_country").select_option("NO")
    page.locator("#id_kind").select_option("twin_town")
    page.locator("#id_decision").select_option(str(org.kf_decision.pk))
    page.locator("#id_since_year").fill("1946")
    page.locator("#id_units").get_by_text("Miljöförvaltningen").click()  # the checkbox's label, as a person does
    page.locator("#id_agreements-0-kind").select_option("twin_town")
    page.locator("#id_agreements-0-title").fill("Vänortsavtal Bergen")
    page.locator("#id_agreements-0-decision").select_option(str(org.kf_decision.pk))
    page.locator("#id_agreements-0-valid_from").fill("2020-01-01")
    assert serious_violations(page) == []
    page.locator("form.object-form .form-actions button[type=submit]").click()

    relation = CityRelation.objects.get(city="Bergen")
    expect(page).to_have_url(re.compile(rf"{relation.get_absolute_url()}$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bergen")
    expect(page.locator(f"#agreement-{relation.agreements.get().pk}")).to_contain_text("Vänortsavtal Bergen")
    expect(page.get_by_text("Miljöförvaltningen").first).to_be_visible()
    assert serious_violations(page) == []

    page.goto(f"{live_server.url}{relation.get_absolute_url()}andra/")
    page.locator("#id_description").fill("Samarbete om hamnar och kultur.")
    assert serious_violations(page) == []
    page.locator("form.object-form .form-actions button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"{relation.get_absolute_url()}$"))
    expect(page.locator(".history")).to_contain_text("Samarbete om hamnar och kultur.")
    relation.refresh_from_db()
    assert list(relation.units.all()) == [org.unit_a]
    assert relation.description == "Samarbete om hamnar och kultur."
    assert relation.history.count() == 2
