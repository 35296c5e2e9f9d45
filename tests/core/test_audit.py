"""The audit log: each event as a JSON line on the `intl_portal.audit` logger and a row for the audit log page."""

import datetime
import json
import logging
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from model_bakery import baker

from cooperation.core import audit
from cooperation.core.models import AuditEvent, AuditEventKind
from cooperation.organisation.choices import Role
from cooperation.organisation.models import Decision
from cooperation.visits.models import DelegationMember
from tests.conftest import PASSWORD, make_user
from tests.reports.matrix import objects as report_objects

pytestmark = pytest.mark.django_db
ADDRESS = "192.0.2.44"


@pytest.fixture
def lines(caplog):
    """The audit logger's lines, parsed: each must be one JSON object."""
    caplog.set_level(logging.INFO, logger="intl_portal.audit")

    def parsed():
        return [json.loads(r.getMessage()) for r in caplog.records if r.name == "intl_portal.audit"]

    return parsed


def only_event() -> AuditEvent:
    return AuditEvent.objects.get()


def test_a_sign_in_is_logged_with_user_and_address(client, official_a, lines):
    response = client.post(reverse("login"), {"username": "official_a", "password": PASSWORD}, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 302
    event = only_event()
    assert (event.event, event.user, event.username, event.address) == ("sign_in", official_a, "official_a", ADDRESS)
    [line] = lines()
    assert line["event"] == "sign_in"
    assert (line["user_id"], line["username"], line["address"], line["path"]) == (
        official_a.pk,
        "official_a",
        ADDRESS,
        "/logga-in/",
    )


def test_a_failed_sign_in_is_logged_with_the_name_given_and_never_the_password(client, official_a, lines):
    client.post(reverse("login"), {"username": "official_a", "password": "hunter2-secret"}, REMOTE_ADDR=ADDRESS)
    event = only_event()
    assert (event.event, event.user, event.username, event.address) == ("sign_in_failed", None, "official_a", ADDRESS)
    assert "hunter2-secret" not in json.dumps(lines())
    assert "hunter2-secret" not in json.dumps(event.details)


def test_a_sign_out_is_logged(client, official_a, lines):
    client.force_login(official_a)
    AuditEvent.objects.all().delete()
    assert client.post(reverse("logout"), REMOTE_ADDR=ADDRESS).status_code == 302
    event = only_event()
    assert (event.event, event.user, event.address) == ("sign_out", official_a, ADDRESS)
    assert lines()[-1]["event"] == "sign_out"


def test_a_lockout_is_logged(client, official_a, settings, lines):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        client.post(reverse("login"), {"username": "official_a", "password": "wrong"}, REMOTE_ADDR=ADDRESS)
    lockout = AuditEvent.objects.get(event=AuditEventKind.LOCKOUT)
    assert (lockout.username, lockout.address) == ("official_a", ADDRESS)
    assert "lockout" in [line["event"] for line in lines()]


def test_a_refusal_is_logged_with_user_address_and_page(client, org, official_b, lines):
    decision = Decision.objects.create(body=org.committee_a, date=datetime.date(2024, 1, 9), paragraph="3", title="X")
    client.force_login(official_b)
    url = reverse("organisation:decision_edit", args=[decision.pk])
    assert client.get(url, REMOTE_ADDR=ADDRESS).status_code == 403
    event = AuditEvent.objects.get(event=AuditEventKind.REFUSAL)
    assert (event.user, event.address, event.path, event.details) == (official_b, ADDRESS, url, {"method": "GET"})
    assert lines()[-1] == {**lines()[-1], "event": "refusal", "user_id": official_b.pk, "path": url}


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.2"),  # no proxy configured: the header is the client's own, ignored
        (1, "203.0.113.9", "203.0.113.9"),  # one proxy wrote the address it saw
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # what the client wrote before it is ignored
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.1", "203.0.113.9"),  # two proxies: the outer one's entry
        (2, "203.0.113.9", "10.0.0.2"),  # fewer entries than proxies: the request came round them
        (1, "not-an-address", None),
    ],
)
def test_the_forwarded_address_is_read_only_behind_configured_proxies(rf, settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXIES = proxies
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.2")
    assert audit.client_address(request) == expected


def test_axes_counts_failures_by_the_forwarded_address(client, official_a, settings):
    settings.TRUSTED_PROXIES = 1
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        client.post(
            reverse("login"),
            {"username": "nobody", "password": "wrong"},
            HTTP_X_FORWARDED_FOR="203.0.113.9",
            REMOTE_ADDR="10.0.0.2",
        )
    lockout = AuditEvent.objects.get(event=AuditEventKind.LOCKOUT)
    assert lockout.address == "203.0.113.9"
    # another client behind the same proxy still signs in
    response = client.post(
        reverse("login"),
        {"username": "official_a", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.3",
        REMOTE_ADDR="10.0.0.2",
    )
    assert response.status_code == 302


def test_a_deletion_is_logged_with_the_model_and_id_not_the_name(client, org, coordinator, lines):
    decision = Decision.objects.create(
        body=org.committee_a, date=datetime.date(2024, 1, 9), paragraph="3", title="Hemligt namn"
    )
    client.force_login(coordinator)
    response = client.post(reverse("organisation:decision_delete", args=[decision.pk]), REMOTE_ADDR=ADDRESS)
    assert response.status_code == 302
    event = AuditEvent.objects.get(event=AuditEventKind.DELETION)
    assert (event.user, event.address) == (coordinator, ADDRESS)
    assert event.details == {"model": "organisation.decision", "id": decision.pk}
    assert "Hemligt namn" not in json.dumps(lines())


def test_deletions_in_the_admin_are_logged_as_the_pages_deletions_are(admin_client, org, lines):
    first, second = (
        Decision.objects.create(body=org.committee_a, date=datetime.date(2024, 1, 9), paragraph=str(n), title="Namn")
        for n in (1, 2)
    )
    response = admin_client.post(
        reverse("admin:organisation_decision_delete", args=[first.pk]), {"post": "yes"}, REMOTE_ADDR=ADDRESS
    )
    assert response.status_code == 302
    response = admin_client.post(
        reverse("admin:organisation_decision_changelist"),
        {"action": "delete_selected", "_selected_action": [second.pk], "post": "yes"},
        REMOTE_ADDR=ADDRESS,
    )
    assert response.status_code == 302
    events = AuditEvent.objects.filter(event=AuditEventKind.DELETION).order_by("pk")
    assert [e.details for e in events] == [
        {"model": "organisation.decision", "id": first.pk, "via": "admin"},
        {"model": "organisation.decision", "id": second.pk, "via": "admin"},
    ]
    assert {e.address for e in events} == {ADDRESS}
    assert "Namn" not in json.dumps(lines())


def test_a_user_deleted_in_the_admin_is_logged(admin_client, official_b):
    response = admin_client.post(reverse("admin:organisation_user_delete", args=[official_b.pk]), {"post": "yes"})
    assert response.status_code == 302
    event = AuditEvent.objects.get(event=AuditEventKind.DELETION)
    assert event.details == {"model": "organisation.user", "id": official_b.pk, "via": "admin"}


def test_an_export_is_logged(client, org, reader):
    version = report_objects(org)["report_version"]
    client.force_login(reader)
    response = client.get(reverse("reports:version_xlsx", args=[version.pk]), REMOTE_ADDR=ADDRESS)
    assert response.status_code == 200
    event = AuditEvent.objects.get(event=AuditEventKind.EXPORT)
    assert (event.user, event.address) == (reader, ADDRESS)
    assert event.details == {"model": "reports.reportversion", "id": version.pk, "format": "xlsx"}


def test_an_erasure_is_logged_with_the_count_and_no_names(org, lines):
    visit = baker.make("visits.Visit", kind="study", direction="incoming")
    DelegationMember.objects.create(visit=visit, name="Kim Example", erase_on=datetime.date(2026, 6, 1))
    call_command("erase_personal_data", "--date", "2026-11-22", stdout=StringIO())
    event = AuditEvent.objects.get(event=AuditEventKind.ERASURE)
    assert (event.user, event.address, event.path) == (None, None, "")
    assert event.details == {"model": "visits.delegationmember", "count": 1, "until": "2026-11-22"}
    assert "Kim Example" not in json.dumps(lines())


def test_record_takes_any_event_with_details_for_later_exports(rf, official_a, lines):
    request = rf.get("/projekt/export/", {"q": "Kim Example"}, REMOTE_ADDR=ADDRESS)
    request.user = official_a
    audit.record(AuditEventKind.EXPORT, request, model="projects.project", rows=12)
    event = only_event()
    assert event.path == "/projekt/export/"  # the query string may hold names: it is left out
    assert event.details == {"model": "projects.project", "rows": 12}
    assert lines()[-1]["rows"] == 12


# The audit log page: staff accounts with the permission, filtered and paginated.


def staff(username, *, superuser=False, permission=True):
    user = make_user(username, Role.READER, is_staff=True, is_superuser=superuser)
    if permission:
        user.user_permissions.add(Permission.objects.get(codename="view_auditevent"))
    return user


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("superuser", 200), ("staff_with_permission", 200), ("staff_without_permission", 403), ("not_staff", 403)],
)
def test_the_audit_log_is_for_staff_with_the_permission(client, org, kind, expected):
    if kind == "not_staff":
        user = make_user("dpo", Role.READER)
        user.user_permissions.add(Permission.objects.get(codename="view_auditevent"))
    else:
        user = staff("dpo", superuser=kind == "superuser", permission=kind != "staff_without_permission")
    client.force_login(user)
    response = client.get(reverse("core:auditevent_list"))
    assert response.status_code == expected
    menu = client.get(reverse("home")).content.decode()
    assert (reverse("core:auditevent_list") in menu) == (expected == 200)


def test_the_audit_log_filters_by_event_user_and_date_and_pages(client, org, official_a):
    viewer = staff("dpo")
    old = timezone.now() - datetime.timedelta(days=40)
    AuditEvent.objects.create(event=AuditEventKind.SIGN_IN_FAILED, username="official_a", address=ADDRESS, at=old)
    for _ in range(55):
        AuditEvent.objects.create(event=AuditEventKind.REFUSAL, user=official_a, username="official_a")
    client.force_login(viewer)
    url = reverse("core:auditevent_list")
    page = client.get(url)
    assert page.context["paginator"].count == 57  # the viewer's own sign-in too
    assert len(page.context["object_list"]) == 50
    assert "Nekad åtkomst" in page.content.decode()
    failed = client.get(url, {"event": "sign_in_failed", "username": "OFFICIAL_A"})
    assert [e.at for e in failed.context["object_list"]] == [old]
    assert ADDRESS in failed.content.decode()
    day = timezone.localdate(old).isoformat()
    dated = client.get(url, {"at_min": day, "at_max": day})
    assert [e.event for e in dated.context["object_list"]] == ["sign_in_failed"]
    bad = client.get(url, {"event": "nonsense", "at_min": "2026-13-45"})
    assert bad.status_code == 200
    assert bad.context["filter"].form.errors
