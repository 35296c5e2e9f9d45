"""The yearly cycle: opening a year, the units' accounts, assessments, builds, KS's receipt and the frozen version."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from cooperation.notices.reminders import send_reminders
from cooperation.organisation.choices import GoalKind, Role
from cooperation.organisation.models import Policy, PolicyGoal
from cooperation.reports import render, services
from cooperation.reports.choices import BuildState, FollowUpState, Verdict
from cooperation.reports.models import FollowUp, GoalAssessment, ReportBuild, ReportVersion, UnitReport
from tests.conftest import make_user
from tests.helpers import assert_refused

pytestmark = pytest.mark.django_db
D = datetime.date
FROZEN = "Versionen är mottagen av KS och låst: en rättelse görs som en ny version."


@pytest.fixture
def follow_up(org, project_a, coordinator):
    return services.open_follow_up(2025, D(2026, 2, 13), coordinator)


def test_opening_gives_a_task_to_every_unit_with_items_in_the_year(client, org, project_a, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("reports:followup_add"), {"year": 2025, "deadline": "2026-02-13"})
    assert response.status_code == 302
    follow_up = FollowUp.objects.get(pk=2025)
    assert follow_up.opened_by == coordinator
    assert [task.unit for task in follow_up.unit_reports.all()] == [org.unit_a]  # unit B had nothing in 2025


def test_only_coordinators_open_a_follow_up(client, official_a, project_a):
    client.force_login(official_a)
    response = client.post(reverse("reports:followup_add"), {"year": 2025, "deadline": "2026-02-13"})
    assert response.status_code == 403
    assert "Inte tillåtet" in response.content.decode()  # in the site's layout
    assert not FollowUp.objects.exists()


def test_the_deadline_cannot_come_before_the_year(org):
    assert_refused(
        FollowUp(year=2025, deadline=D(2024, 12, 1)),
        "deadline",
        "Sista dag: enheterna kan inte redovisa året innan det har börjat.",
    )


def test_an_unknown_year_is_not_found(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("reports:followup_detail", args=[2031])).status_code == 404
    assert client.get(reverse("reports:followup_compile", args=[2031])).status_code == 404


def test_the_task_shows_what_is_missing(client, follow_up, official_a):
    client.force_login(official_a)
    task = follow_up.unit_reports.get()
    page = client.get(task.get_absolute_url()).content.decode()
    assert "Fossilfria hamnar" in page
    assert "inget beslut registrerat" in page
    assert "inga resultat skrivna" in page


def test_submitting_twice_updates_the_account_and_history_keeps_both(client, follow_up, official_a):
    client.force_login(official_a)
    task = follow_up.unit_reports.get()
    url = task.get_absolute_url()
    assert client.post(url, {"achieved": "Två ansökningar", "lessons": "", "next_year": ""}).status_code == 302
    assert client.post(url, {"achieved": "Tre ansökningar", "lessons": "Tidigt", "next_year": ""}).status_code == 302
    assert UnitReport.objects.count() == 1
    task.refresh_from_db()
    assert (task.achieved, task.submitted_by) == ("Tre ansökningar", official_a)
    submitted = [row.achieved for row in task.history.filter(submitted_at__isnull=False).order_by("history_date")]
    assert submitted == ["Två ansökningar", "Tre ansökningar"]


def test_an_empty_account_is_refused_on_its_field(client, follow_up, official_a):
    client.force_login(official_a)
    task = follow_up.unit_reports.get()
    response = client.post(task.get_absolute_url(), {"achieved": " ", "lessons": "", "next_year": ""})
    assert response.status_code == 200
    assert "Vad som uppnåtts: skriv vad enheten uppnådde under året." in response.context["form"].errors["achieved"]
    task.refresh_from_db()
    assert task.submitted_at is None


def test_a_contact_person_submits_only_for_their_own_units(client, org, follow_up, official_a, official_b):
    task = follow_up.unit_reports.get()
    contact = make_user("kontakt_a", Role.CONTACT_PERSON, org.unit_a)
    data = {"achieved": "Klart", "lessons": "", "next_year": ""}
    client.force_login(official_b)  # another unit's official
    assert client.get(task.get_absolute_url()).status_code == 403
    assert client.post(task.get_absolute_url(), data).status_code == 403
    client.force_login(official_a)  # the unit has a contact person: it submits, not its officials
    assert client.post(task.get_absolute_url(), data).status_code == 403
    page = client.get(task.get_absolute_url()).content.decode()
    assert "Enhetens internationella kontaktperson (Kontakt_A) lämnar in redovisningen" in page
    assert 'name="achieved"' not in page
    client.force_login(contact)
    assert client.post(task.get_absolute_url(), data).status_code == 302
    task.refresh_from_db()
    assert task.submitted_by == contact


def test_the_coordinator_assesses_the_goals_of_the_policy_in_force(client, org, follow_up, coordinator):
    policy = Policy.objects.create(municipality=org.municipality, title="Policy", valid_from=D(2020, 1, 1))
    goal = PolicyGoal.objects.create(policy=policy, title="Ökad EU-finansiering", kind=GoalKind.GOAL)
    sub_goal = PolicyGoal.objects.create(policy=policy, parent=goal, title="Fler ansökningar", kind=GoalKind.SUB_GOAL)
    client.force_login(coordinator)
    url = reverse("reports:assessment_edit", args=[2025])
    data = {f"goal_{goal.pk}_verdict": Verdict.PARTLY, f"goal_{goal.pk}_text": "Två av tre", "area_projects": "Bra år"}
    assert client.post(url, data).status_code == 302
    assessment = GoalAssessment.objects.get()
    assert (assessment.goal, assessment.verdict) == (goal, Verdict.PARTLY)
    assert follow_up.area_assessments.get().text == "Bra år"
    response = client.post(url, {f"goal_{sub_goal.pk}_text": "Utan bedömning"})
    assert response.status_code == 200
    assert (
        "Fler ansökningar: välj om målet uppfyllts innan du motiverar."
        in response.context["form"].errors[f"goal_{sub_goal.pk}_verdict"]
    )


def test_compiling_builds_the_report_in_the_background_and_shows_its_progress(
    client, follow_up, coordinator, fake_report
):
    client.force_login(coordinator)
    response = client.post(reverse("reports:followup_compile", args=[2025]), {"language": "sv"})
    build = ReportBuild.objects.get()
    assert response["Location"] == build.get_absolute_url()
    # the content's progress is scaled into the build's first 70 %, with its step
    assert fake_report == [(7, "Steg 10"), (35, "Steg 50"), (70, "Steg 100")]
    assert (build.state, build.progress, build.result.number) == (BuildState.DONE, 100, 1)
    version = build.result
    assert version.pdf.read() == b"%PDF-1.7 Uppf\xc3\xb6ljning 2025 "
    assert len(version.sha256) == 64
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUpState.COMPILED
    page = client.get(build.get_absolute_url()).content.decode()
    assert reverse("reports:version_pdf", args=[version.pk]) in page
    assert 'http-equiv="refresh"' not in page
    assert client.get(reverse("reports:version_xlsx", args=[version.pk])).getvalue() == b"PK xlsx"


def test_a_running_build_refreshes_its_page(client, follow_up, reader):
    build = ReportBuild.objects.create(follow_up=follow_up, state=BuildState.RUNNING, progress=40, step="PDF")
    client.force_login(reader)
    page = client.get(build.get_absolute_url()).content.decode()
    # a script fetches the page's state every two seconds; without JavaScript the page reloads itself
    assert 'data-refresh-ms="2000"' in page and "js/build_progress.js" in page
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page
    assert 'value="40"' in page
    assert "Rapporten tas fram." in page


def test_the_same_report_is_never_built_twice_at_once(client, follow_up, coordinator, fake_report):
    ReportBuild.objects.create(follow_up=follow_up, state=BuildState.RUNNING)
    client.force_login(coordinator)
    response = client.post(reverse("reports:followup_compile", args=[2025]), {"language": "sv"})
    assert response.status_code == 200
    assert "Rapporten håller redan på att tas fram; vänta tills den är klar." in response.content.decode()
    assert ReportBuild.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportBuild.objects.create(follow_up=follow_up, state=BuildState.QUEUED)
    # another language, or the same report once the first is done, is built
    assert services.start_build(follow_up, coordinator, language="en").state == BuildState.DONE


def test_a_failed_build_says_so_and_offers_no_file(client, follow_up, coordinator, fake_report, monkeypatch):
    def broken(report):
        raise RuntimeError("typsnittet saknas")

    monkeypatch.setattr(render, "render_docx", broken)
    client.force_login(coordinator)
    client.post(reverse("reports:followup_compile", args=[2025]), {"language": "sv"})
    build = ReportBuild.objects.get()
    assert build.state == BuildState.FAILED
    assert "typsnittet saknas" in build.error
    assert not ReportVersion.objects.exists()
    page = client.get(build.get_absolute_url()).content.decode()
    assert "Rapporten kunde inte tas fram." in page
    assert "version_pdf" not in page and "/versioner/" not in page


def test_ks_records_receipt_and_the_version_is_frozen(client, org, follow_up, coordinator, ks_user, fake_report):
    version = services.start_build(follow_up, coordinator).result
    before = version.pdf.read()
    data = {"date": "2026-03-10", "paragraph": "45", "case_number": "KS 2026/12"}
    client.force_login(coordinator)
    assert client.post(reverse("reports:followup_receipt", args=[2025]), data).status_code == 403
    client.force_login(ks_user)
    assert client.post(reverse("reports:followup_receipt", args=[2025]), data).status_code == 302
    follow_up.refresh_from_db()
    version.refresh_from_db()
    assert follow_up.state == FollowUpState.RECEIVED
    assert (follow_up.ks_decision.body, follow_up.ks_decision.paragraph) == (org.ks, "45")
    assert follow_up.case_number == "KS 2026/12"
    assert version.received_in == follow_up.ks_decision
    # frozen on every path: a save, a form's clean and a delete are refused
    version.sha256 = "f" * 64
    with pytest.raises(ValidationError, match="låst"):
        version.save()
    assert_refused(version, "__all__", FROZEN)
    with pytest.raises(ValidationError):
        version.delete()
    # a correction is a new version; the frozen one keeps its bytes
    correction = services.start_build(follow_up, coordinator).result
    assert correction.number == 2 and not correction.is_frozen
    frozen = ReportVersion.objects.get(pk=version.pk)
    assert frozen.pdf.read() == before and frozen.received_in_id


def test_ks_records_receipt_and_the_kf_decision_where_ks_reports_on(
    client, org, follow_up, coordinator, ks_user, fake_report
):
    services.start_build(follow_up, coordinator)
    client.force_login(ks_user)
    data = {"date": "2026-03-10", "paragraph": "45", "kf_date": "2026-04-20", "kf_paragraph": "12"}
    assert client.post(reverse("reports:followup_receipt", args=[2025]), data).status_code == 302
    follow_up.refresh_from_db()
    assert (follow_up.kf_decision.body, follow_up.kf_decision.paragraph) == (org.kf, "12")


def test_there_is_nothing_to_receive_before_the_report_is_compiled(client, follow_up, ks_user):
    client.force_login(ks_user)
    response = client.post(reverse("reports:followup_receipt", args=[2025]), {"date": "2026-03-10", "paragraph": "45"})
    assert response.status_code == 200
    assert "Det finns ingen sammanställd rapport att ta emot än" in response.content.decode()
    assert FollowUp.objects.get().ks_decision is None


def test_a_committee_report_is_built_by_its_own_people(client, org, follow_up, official_a, official_b, fake_report):
    url = reverse("reports:committee_report", args=[2025, org.committee_a.pk])
    client.force_login(official_b)
    assert client.post(url, {"language": "sv"}).status_code == 403
    client.force_login(official_a)
    assert client.post(url, {"language": "sv"}).status_code == 302
    version = ReportVersion.objects.get()
    assert version.body == org.committee_a
    assert b"Milj\xc3\xb6n\xc3\xa4mnden" in version.pdf.read()
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUpState.OPEN  # a committee's report does not compile the whole


def test_a_year_with_no_data_still_builds(org, coordinator, fake_report):
    follow_up = services.open_follow_up(2019, D(2020, 2, 1), coordinator)
    assert not follow_up.unit_reports.exists()
    assert services.start_build(follow_up, coordinator).state == BuildState.DONE


@pytest.mark.django_db(transaction=True)
def test_the_database_backend_worker_runs_a_build(settings, org, coordinator, fake_report):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    follow_up = services.open_follow_up(2025, D(2026, 2, 13), coordinator)
    build = services.start_build(follow_up, coordinator)
    assert build.state == BuildState.QUEUED  # waiting for the worker
    call_command("db_worker", "--batch", verbosity=0)
    build.refresh_from_db()
    assert (build.state, build.progress) == (BuildState.DONE, 100)
    assert build.result.pdf.read().startswith(b"%PDF")


def test_units_that_have_not_submitted_are_reminded_as_the_deadline_nears(org, follow_up, settings):
    settings.FOLLOW_UP_REMINDER_WORKING_DAYS = 5
    task = follow_up.unit_reports.get()
    assert [d for d in send_reminders(D(2026, 1, 26)) if d.kind == "follow_up"] == []  # 14 working days ahead
    due = [d for d in send_reminders(D(2026, 2, 9)) if d.kind == "follow_up"]  # four working days ahead
    assert [d.item for d in due] == [task]
    assert [d for d in send_reminders(D(2026, 2, 10)) if d.kind == "follow_up"] == []  # reminded once
    services.submit(task, None, achieved="Klart", lessons="", next_year="")
    assert [d for d in send_reminders(D(2026, 2, 20)) if d.kind == "follow_up"] == []


def test_a_build_stuck_past_the_timeout_is_given_up_and_no_longer_blocks_a_new_one(
    client, settings, follow_up, coordinator, fake_report
):
    settings.REPORT_BUILD_TIMEOUT_MINUTES = 30
    now = timezone.now()
    stuck = ReportBuild.objects.create(
        follow_up=follow_up, state=BuildState.RUNNING, requested_at=now - datetime.timedelta(minutes=31)
    )
    recent = ReportBuild.objects.create(
        follow_up=follow_up, language="en", state=BuildState.QUEUED, requested_at=now - datetime.timedelta(minutes=29)
    )
    client.force_login(coordinator)
    page = client.get(stuck.get_absolute_url()).content.decode()
    assert "Rapporten var inte klar 30 minuter efter beställningen" in page
    assert 'http-equiv="refresh"' not in page and "data-refresh-ms" not in page
    assert reverse("reports:followup_compile", args=[2025]) in page  # "Ta fram rapporten igen"
    stuck.refresh_from_db()
    recent.refresh_from_db()
    assert (stuck.state, recent.state) == (BuildState.TIMED_OUT, BuildState.QUEUED)
    assert stuck.history.first().state == BuildState.TIMED_OUT  # the change is in the build's history
    # the same report is built again at once; the recent build of the other language still holds its own
    response = client.post(reverse("reports:followup_compile", args=[2025]), {"language": "sv"})
    assert response.status_code == 302
    assert ReportBuild.objects.filter(language="sv").latest("requested_at").state == BuildState.DONE
    response = client.post(reverse("reports:followup_compile", args=[2025]), {"language": "en"})
    assert "Rapporten håller redan på att tas fram" in response.content.decode()


def test_a_request_gives_up_a_stuck_queued_build_and_the_worker_then_skips_it(settings, follow_up, coordinator):
    settings.REPORT_BUILD_TIMEOUT_MINUTES = 30
    stuck = ReportBuild.objects.create(
        follow_up=follow_up, state=BuildState.QUEUED, requested_at=timezone.now() - datetime.timedelta(hours=2)
    )
    assert services.give_up_stuck_builds() == 1
    services.run_build(stuck.pk)  # the task delivered late by a restarted worker
    stuck.refresh_from_db()
    assert (stuck.state, stuck.result) == (BuildState.TIMED_OUT, None)
    assert services.give_up_stuck_builds() == 0


def test_the_follow_up_pages_read_well(client, follow_up, coordinator, official_a):
    client.force_login(coordinator)
    page = client.get(follow_up.get_absolute_url()).content.decode()
    assert "arbetet 2025" in page  # the year without a thousands separator
    assert "Inlämnad" in page and "inte inlämnad" in page
    response = client.post(reverse("reports:assessment_edit", args=[2025]), {}, follow=True)
    assert "Inget bedömdes" in response.content.decode()
    client.force_login(official_a)
    response = client.post(follow_up.unit_reports.get().get_absolute_url(), {"achieved": " "})
    assert response.status_code == 200
    assert 'id="error-summary"' in response.content.decode()
    assert "Redovisningen är inte inlämnad än." in response.content.decode()


def test_receipt_is_offered_only_while_the_latest_version_awaits_it(
    client, follow_up, coordinator, ks_user, fake_report
):
    client.force_login(ks_user)
    receipt = reverse("reports:followup_receipt", args=[2025])
    assert receipt not in client.get(follow_up.get_absolute_url()).content.decode()
    assert 'name="paragraph"' not in client.get(receipt).content.decode()
    services.start_build(follow_up, coordinator)
    assert receipt in client.get(follow_up.get_absolute_url()).content.decode()
    page = client.get(receipt).content.decode()
    assert 'name="paragraph"' in page and "låses version 1 av rapporten (svenska" in page
    client.post(receipt, {"date": "2026-03-10", "paragraph": "45"})
    assert receipt not in client.get(follow_up.get_absolute_url()).content.decode()
    page = client.get(receipt).content.decode()
    assert 'name="paragraph"' not in page and "KS har redan tagit emot den senaste versionen" in page
