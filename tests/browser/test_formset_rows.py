"""A second host unit for a new visit and a second partner for a new project, added before the first save: at once
with JavaScript, by a round trip without it; the saved item has both rows."""

import pytest
from playwright.sync_api import expect

from cooperation.projects.models import Project
from cooperation.visits.models import Visit
from tests.browser.helpers import serious_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def javascript(request):
    return request.param


@pytest.fixture
def browser_context_args(browser_context_args, javascript):
    return {**browser_context_args, "java_script_enabled": javascript}


def add_row(page, section: str, javascript: bool):
    """Presses the section's "add a row" button: with JavaScript the row appears without leaving the page."""
    formset = page.locator(f"section[aria-labelledby='formset-{section}']")
    button = formset.get_by_role("button", name="Lägg till en rad")
    if javascript:
        page.evaluate("window.stillTheSamePage = true")  # a page loaded anew would not have it
        button.click()
        assert page.evaluate("window.stillTheSamePage === true")
    else:
        with page.expect_navigation():  # the page comes back from the server
            button.click()


def test_a_new_visit_gets_a_second_host_unit_before_the_first_save(live_server, page, official_a, org, javascript):
    sign_in(page, live_server, "official_a")
    page.goto(f"{live_server.url}/besok/nytt/")
    page.fill("#id_title", "Studiebesök från Tartu")
    page.select_option("#id_kind", "study")
    page.fill("#id_start_date", "2026-09-14")
    page.select_option("#id_country", "EE")
    page.fill("#id_delegation_size", "3")
    page.locator("label[for=id_hosts-0-is_main]").click()  # FKUI draws the checkbox on its label
    expect(page.locator("#id_hosts-1-unit")).to_have_count(0)

    add_row(page, "hosts", javascript)

    expect(page.locator("#id_title")).to_have_value("Studiebesök från Tartu")  # what was typed is kept
    expect(page.locator("#id_hosts-0-unit")).to_have_value(str(org.unit_a.pk))
    expect(page.locator("#id_hosts-0-is_main")).to_be_checked()
    expect(page.locator("#id_hosts-1-unit")).to_be_visible()
    if javascript:
        expect(page.locator("#id_hosts-1-unit")).to_be_focused()
    expect(page.locator(".label__message--error")).to_have_count(0)
    assert Visit.objects.count() == 0
    if javascript:  # axe runs as a script, and page.evaluate waits forever where scripts are off
        assert serious_violations(page) == []
    page.select_option("#id_hosts-1-unit", str(org.unit_b.pk))
    page.get_by_role("button", name="Spara").click()

    expect(page.locator("h1")).to_have_text("Studiebesök från Tartu")
    visit = Visit.objects.get()
    assert sorted(visit.hosts.values_list("unit__name", "is_main")) == [
        ("Kulturförvaltningen", False),
        ("Miljöförvaltningen", True),
    ]


def test_a_new_project_gets_a_second_partner_before_the_first_save(live_server, page, official_a, org, javascript):
    sign_in(page, live_server, "official_a")
    page.goto(f"{live_server.url}/projekt/nytt/")
    page.fill("#id_title", "Klimatsmarta skolor")
    page.select_option("#id_owner", str(org.unit_a.pk))
    page.select_option("#id_funding_source", "eu")
    page.fill("#id_total_budget", "1 200 000")
    page.fill("#id_partners-0-name", "Tallinna Linnavalitsus")
    page.select_option("#id_partners-0-country", "EE")
    expect(page.locator("#id_team-0-name")).to_be_visible()  # the team offers a row too

    add_row(page, "partners", javascript)

    expect(page.locator("#id_partners-0-name")).to_have_value("Tallinna Linnavalitsus")
    expect(page.locator("#id_total_budget")).to_have_value("1 200 000")
    assert Project.objects.count() == 0
    page.fill("#id_partners-1-name", "Rīgas valstspilsēta")
    page.select_option("#id_partners-1-country", "LV")
    page.locator("#id_title").press("Enter")  # Enter in a field saves; it does not add a row

    expect(page.locator("h1")).to_contain_text("Klimatsmarta skolor")
    project = Project.objects.get()
    assert sorted(project.partners.values_list("name", "country")) == [
        ("Rīgas valstspilsēta", "LV"),
        ("Tallinna Linnavalitsus", "EE"),
    ]
