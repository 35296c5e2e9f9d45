"""A KS user records a KS decision in the browser, meets the unique-citation rule, then edits it; every page passes
axe-core."""

import pytest
from playwright.sync_api import expect

from cooperation.organisation.models import Decision
from tests.browser.helpers import serious_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ks_user_records_and_edits_a_decision(live_server, page, ks_user, org):
    sign_in(page, live_server, "ks_user")
    page.goto(f"{live_server.url}/beslut/")
    expect(page.locator("h1")).to_contain_text("Beslut")
    assert serious_violations(page) == []

    page.locator('main a[href="/beslut/nytt/"]').first.click()
    expect(page.locator("#id_body option")).to_have_count(2)  # the empty choice and KS: no committee, no KF
    assert serious_violations(page) == []
    page.select_option("#id_body", str(org.ks.pk))
    page.fill("#id_date", "2024-03-12")
    page.fill("#id_paragraph", "1")  # KS 2024-03-12 § 1 is already recorded
    page.fill("#id_title", "Partnerstad Åbo")
    page.locator("form.object-form .form-actions button[type=submit]").click()

    expect(page.locator("#id_paragraph_error")).to_have_text(
        "Organet har redan ett beslut med det datumet och den paragrafen."
    )
    assert serious_violations(page) == []
    page.fill("#id_paragraph", "173")
    page.locator("form.object-form .form-actions button[type=submit]").click()

    expect(page.locator("h1")).to_have_text("KS 2024-03-12 § 173")
    expect(page.locator("main")).to_contain_text("Partnerstad Åbo")
    assert serious_violations(page) == []

    decision = Decision.objects.get(title="Partnerstad Åbo")
    page.locator(f'a[href="{decision.get_absolute_url()}andra/"]').click()
    page.fill("#id_case_number", "KS 2024/173")
    page.locator("form.object-form .form-actions button[type=submit]").click()

    expect(page.locator("h1")).to_have_text("KS 2024-03-12 § 173")
    expect(page.locator(".history")).to_contain_text("KS 2024/173")
    decision.refresh_from_db()
    assert decision.case_number == "KS 2024/173"
    assert decision.history.last().history_user == ks_user
