"""The yearly cycle in a real browser: the coordinator opens 2025, the unit's contact person submits its account, the
coordinator assesses and compiles, KS produces the report, watches it being built by the database backend's worker
and records its receipt; the frozen PDF downloads byte for byte as stored, also after a correction is compiled."""

import datetime
import hashlib
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cooperation.organisation.choices import GoalKind, Role
from cooperation.organisation.models import Policy, PolicyGoal
from cooperation.projects.models import FundingSource, Project
from cooperation.reports.models import ReportBuild, ReportVersion, UnitReport
from tests.browser.helpers import serious_violations, sign_in
from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def fits(page) -> bool:
    """Whether the page has no sideways scroll."""
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def checked(page) -> None:
    """The page in front has no serious axe violation and no sideways scroll at its width."""
    assert serious_violations(page) == [], page.url
    assert fits(page), page.url


def build_and_watch(page, worker) -> None:
    """Ask for the report on the page in front, see it waiting, run the worker, and let the page refresh to done."""
    page.get_by_role("button", name="Ta fram rapporten").click()
    expect(page.get_by_role("status")).to_contain_text("Rapporten tas fram. Sidan uppdateras av sig själv")
    expect(page.locator("label[for=build-progress]")).to_have_text("Väntar på sin tur")
    expect(page.locator("#build-state[data-refresh-ms]")).to_have_count(1)
    checked(page)
    worker()
    # no reload here: the page refreshes itself until the files are ready
    expect(page.get_by_role("status")).to_have_text("Rapporten är klar.", timeout=20_000)
    expect(page.locator("#build-state[data-refresh-ms]")).to_have_count(0)


def download(page, link_name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).first.click()
    return Path(info.value.path()).read_bytes()


def test_the_yearly_cycle(live_server, browser, settings, org, coordinator, ks_user):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    make_user("contact_a", Role.CONTACT_PERSON, org.unit_a)
    Project.objects.create(
        title="Fossilfria hamnar",
        owner=org.unit_a,
        funding_source=FundingSource.objects.get(code="eu"),
        start_date=datetime.date(2024, 3, 1),
        end_date=datetime.date(2026, 6, 30),
    )
    policy = Policy.objects.create(municipality=org.municipality, title="Policy", valid_from="2020-01-01")
    goal = PolicyGoal.objects.create(policy=policy, title="Ökad EU-finansiering", kind=GoalKind.GOAL)

    def worker():
        call_command("db_worker", "--batch", verbosity=0)

    base = live_server.url
    office = browser.new_page(locale="sv-SE")
    sign_in(office, live_server, "coordinator")
    office.get_by_role("link", name="Årsuppföljningar").first.click()
    office.get_by_role("link", name="Öppna uppföljningen av ett år").click()
    checked(office)
    office.fill("#id_year", "2025")
    office.fill("#id_deadline", "2026-02-13")
    office.get_by_role("button", name="Öppna", exact=True).click()
    expect(office.locator("main")).to_contain_text("Uppföljningen av 2025 är öppnad: 1 enhet har en uppgift.")
    expect(office.locator("main")).to_contain_text("0 av 1 enheter har lämnat in.")
    follow_up_url = office.url

    # the contact person, on a phone, finds the unit's task and submits its account
    unit = browser.new_page(locale="sv-SE", viewport=PHONE)
    sign_in(unit, live_server, "contact_a")
    unit.goto(follow_up_url)
    checked(unit)
    unit.get_by_role("link", name="Miljöförvaltningen").click()
    expect(unit.locator("main")).to_contain_text("Fossilfria hamnar")
    checked(unit)
    unit.fill("#id_achieved", "Ansökan om Interreg-medel för hamnarna beviljades.")
    unit.fill("#id_lessons", "Börja tidigare med partnersökningen.")
    unit.fill("#id_next_year", "Genomförandet börjar.")
    unit.get_by_role("button", name="Lämna in").click()
    expect(unit.locator("main")).to_contain_text("Redovisningen från Miljöförvaltningen är inlämnad.")
    checked(unit)
    assert UnitReport.objects.get().achieved.startswith("Ansökan om Interreg-medel")

    office.reload()
    expect(office.locator("main")).to_contain_text("1 av 1 enheter har lämnat in.")
    office.get_by_role("link", name="Bedöm målen och områdena").click()
    checked(office)
    office.select_option(f"#id_goal_{goal.pk}_verdict", "partly")
    office.fill(f"#id_goal_{goal.pk}_text", "Två ansökningar av tre beviljades.")
    office.fill("#id_area_projects", "Hamnprojektet kom i gång.")
    office.get_by_role("button", name="Spara").click()
    expect(office.locator("main")).to_contain_text("Ökad EU-finansiering: delvis uppfyllt")
    office.get_by_role("link", name="Sammanställ rapporten").click()
    checked(office)
    build_and_watch(office, worker)

    # KS produces the report afresh, watches it being built, and records its receipt
    board = browser.new_page(locale="sv-SE")
    sign_in(board, live_server, "ks_user")
    board.goto(follow_up_url)
    board.get_by_role("link", name="Sammanställ rapporten").click()
    build_and_watch(board, worker)
    made = ReportBuild.objects.latest("requested_at").result
    assert made.number == 2
    board.locator(".breadcrumb a").click()
    board.get_by_role("link", name="Registrera KS:s mottagande").click()
    checked(board)
    board.fill("#id_date", "2026-03-10")
    board.fill("#id_paragraph", "45")
    board.fill("#id_case_number", "KS 2026/00123")
    board.get_by_role("button", name="Registrera mottagandet").click()
    expect(board.locator("main")).to_contain_text("KS 2026/00123")
    expect(board.locator("main")).to_contain_text("låst")
    checked(board)

    frozen = ReportVersion.objects.get(received_in__isnull=False)
    assert frozen.pk == made.pk
    stored = frozen.pdf.read()
    assert stored.startswith(b"%PDF")
    downloaded = download(board, "PDF")  # the versions table lists the newest first
    assert downloaded == stored
    assert hashlib.sha256(downloaded).hexdigest() == frozen.sha256

    # a correction is a new version; the frozen one keeps its bytes and checksum
    office.goto(follow_up_url)
    office.get_by_role("link", name="Sammanställ rapporten").click()
    build_and_watch(office, worker)
    assert ReportVersion.objects.count() == 3
    again = ReportVersion.objects.get(pk=frozen.pk)
    assert (again.received_in_id, again.sha256) == (frozen.received_in_id, frozen.sha256)
    office.goto(follow_up_url)
    row = office.locator("main tr", has=office.locator("th", has_text="2")).filter(has_text="låst")
    with office.expect_download() as info:
        row.get_by_role("link", name="PDF").click()
    assert Path(info.value.path()).read_bytes() == stored

    # every page of the cycle fits a phone without sideways scroll
    office.set_viewport_size(PHONE)
    for url in (
        "/uppfoljning/",
        follow_up_url,
        f"{follow_up_url}bedomning/",
        f"{follow_up_url}sammanstall/",
        UnitReport.objects.get().get_absolute_url(),
        ReportBuild.objects.latest("requested_at").get_absolute_url(),
    ):
        office.goto(url if url.startswith("http") else f"{base}{url}")
        assert fits(office), url
