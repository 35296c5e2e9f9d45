"""An official registers a consultation their unit received, then records progress; every page passes axe-core."""

import pytest
from playwright.sync_api import expect

from cooperation.consultations.models import Consultation
from tests.browser.helpers import serious_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_official_registers_and_updates_a_consultation(live_server, page, official_a, org):
    sign_in(page, live_server, "official_a")
    page.goto(f"{live_server.url}/remisser/")
    expect(page.locator("h1")).to_contain_text("Remisser")
    assert serious_violations(page) == []

    page.locator('main a[href="/remisser/ny/"]').first.click()
    expect(page.locator("#id_title")).to_be_visible()
    assert serious_violations(page) == []
    page.fill("#id_title", "Samråd om EU:s vattenresiliensstrategi")
    page.select_option("#id_origin", "commission")
    page.fill("#id_eu_initiative", "EU:s strategi för vattenresiliens")
    page.select_option("#id_unit", str(org.unit_a.pk))
    page.fill("#id_received_on", "2025-05-02")
    page.fill("#id_deadline", "2025-04-30")  # before it was received: refused beside the field
    page.locator('label[for="id_brussels_office_involved"]').click()  # FKUI draws the box on the label
    page.locator("form.object-form .form-actions button[type=submit]").click()

    expect(page.locator("#id_deadline_error")).to_contain_text("får inte vara före datumet då remissen inkom")
    assert serious_violations(page) == []
    page.fill("#id_deadline", "2025-06-13")
    page.locator("form.object-form .form-actions button[type=submit]").click()

    expect(page.locator("h1")).to_contain_text("Samråd om EU:s vattenresiliensstrategi")
    expect(page.locator("main")).to_contain_text("Miljöförvaltningen")
    expect(page.locator("main")).to_contain_text("2025-06-13")
    assert serious_violations(page) == []

    consultation = Consultation.objects.get(title="Samråd om EU:s vattenresiliensstrategi")
    page.locator(f'a[href="{consultation.get_absolute_url()}andra/"]').click()
    page.select_option("#id_status", "in_progress")
    page.locator("form.object-form .form-actions button[type=submit]").click()

    expect(page.locator("h1")).to_contain_text("under arbete")
    expect(page.locator(".history")).to_contain_text("mottagen")
    consultation.refresh_from_db()
    assert (consultation.status, consultation.brussels_office_involved) == ("in_progress", True)
    assert consultation.history.count() == 2
