"""An official registers a network and the unit's sector-specific membership in it, then edits the membership."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cooperation.networks.models import Membership, Organisation
from tests.browser.helpers import serious_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def save(page):
    page.locator("form.object-form .form-actions button[type=submit]").click()


def test_official_registers_a_network_membership(live_server, page, official_a, org):
    base = live_server.url
    sign_in(page, base, "official_a")

    # The network first: officials may add one.
    page.goto(f"{base}{reverse('networks:organisation_list')}")
    page.locator(f"a[href='{reverse('networks:organisation_add')}']").first.click()
    page.locator("#id_name").fill("Eurocities")
    page.locator("#id_acronym").fill("EC")
    page.locator("#id_country").select_option("BE")
    assert serious_violations(page) == []
    save(page)
    network = Organisation.objects.get(name="Eurocities")
    expect(page).to_have_url(f"{base}{network.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Eurocities (EC)")
    assert serious_violations(page) == []
    page.goto(f"{base}{reverse('networks:organisation_list')}")
    expect(page.locator(".register__table")).to_contain_text("Eurocities")
    assert serious_violations(page) == []

    # Then the unit's membership, with a representative.
    page.goto(f"{base}{reverse('networks:membership_list')}")
    page.locator(f"a[href='{reverse('networks:membership_add')}']").first.click()
    page.locator("#id_organisation").select_option(str(network.pk))
    expect(page.locator("#id_unit")).to_have_value(str(org.unit_a.pk))
    page.locator("#id_member_since").fill("2024-01-01")
    page.locator("#id_decision").select_option(str(org.committee_a_decision.pk))
    page.locator("#id_annual_fee").fill("12 500")
    page.locator("#id_representatives-0-name").fill("Anna Berg")
    page.locator("#id_representatives-0-position").fill("Styrelseledamot")
    assert serious_violations(page) == []
    save(page)
    membership = Membership.objects.get(organisation=network)
    expect(page).to_have_url(f"{base}{membership.get_absolute_url()}")
    expect(page.locator("main")).to_contain_text("Anna Berg")
    expect(page.locator("main")).to_contain_text(re.compile(r"12\s500 SEK"))
    assert serious_violations(page) == []

    # Edit one field.
    page.locator(f"a[href='{reverse('networks:membership_edit', args=[membership.pk])}']").click()
    page.locator("#id_fee_basis").fill("Per invånare")
    save(page)
    expect(page).to_have_url(f"{base}{membership.get_absolute_url()}")
    expect(page.locator("main")).to_contain_text("Per invånare")
    page.goto(f"{base}{reverse('networks:membership_list')}")
    expect(page.locator(".register__table")).to_contain_text("Eurocities")
    assert serious_violations(page) == []
    membership.refresh_from_db()
    assert membership.fee_basis == "Per invånare"
    assert membership.history.count() == 2
