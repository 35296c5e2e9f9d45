"""The production safeguards every page shares: the Content-Security-Policy and its report view, no caching of
signed-in pages, and the session's idle and fixed limits."""

import json
import logging
import time
from types import SimpleNamespace

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cooperation.core.middleware import RENEWED_AT, SIGNED_IN_AT
from cooperation.core.models import AuditEvent, AuditEventKind
from cooperation.core.views import CSP_REPORT_MAX_BYTES, CSP_REPORTS_PER_MINUTE
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

VIOLATION = {
    "csp-report": {
        "document-uri": "https://internationellt.kommun.example/projekt/",
        "violated-directive": "style-src-attr",
        "blocked-uri": "inline",
        "source-file": "https://internationellt.kommun.example/projekt/",
        "line-number": 12,
        "original-policy": "default-src 'self'",
    }
}


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


def test_every_page_has_a_strict_policy(client):
    policy = directives(client.get(reverse("login")))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"
    assert policy["report-uri"] == reverse("csp_report")
    assert "unsafe-inline" not in " ".join(policy.values())
    assert "unsafe-eval" not in " ".join(policy.values())
    # Style attributes: only the one the admin's history list needs, by its hash
    assert policy["style-src-attr"] == "'unsafe-hashes' 'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='"


def test_signed_in_pages_are_kept_out_of_caches(client, official_a):
    client.force_login(official_a)
    cache_control = client.get(reverse("home"))["Cache-Control"]
    assert "private" in cache_control
    assert "no-store" in cache_control


def test_public_pages_and_static_files_may_be_cached(client, official_a, settings):
    assert "no-store" not in client.get(reverse("accessibility")).get("Cache-Control", "")
    settings.WHITENOISE_USE_FINDERS = True  # a new client's WhiteNoise serves from static/ without collectstatic
    signed_in = Client()
    signed_in.force_login(official_a)
    response = signed_in.get("/static/css/site.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_signing_in_starts_the_fixed_limit(client, official_a):
    before = int(time.time())
    response = client.post(reverse("login"), {"username": official_a.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session[SIGNED_IN_AT] >= before


def age_session(client, **seconds_ago):
    session = client.session
    for key, ago in seconds_ago.items():
        session[key] = int(time.time()) - ago
    session.save()


def test_a_session_past_its_fixed_limit_is_signed_out(client, official_a, settings):
    client.force_login(official_a)
    age_session(client, signed_in_at=settings.SESSION_MAX_AGE + 5, renewed_at=10)
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session
    assert "Logga in igen" in response.content.decode()
    assert AuditEvent.objects.filter(event=AuditEventKind.SIGN_OUT, user=official_a).exists()


def test_a_session_within_its_fixed_limit_goes_on(client, official_a, settings):
    client.force_login(official_a)
    age_session(client, signed_in_at=settings.SESSION_MAX_AGE - 60, renewed_at=10)
    assert client.get(reverse("home")).status_code == 200


def session_expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_activity_renews_the_idle_limit_at_most_once_a_minute(client, official_a, settings):
    client.force_login(official_a)
    age_session(client, renewed_at=30)
    before = session_expiry(client)
    client.get(reverse("home"))
    assert session_expiry(client) == before  # renewed half a minute ago: nothing written
    age_session(client, renewed_at=120)
    soon = timezone.now() + timezone.timedelta(minutes=1)
    Session.objects.filter(session_key=client.session.session_key).update(expire_date=soon)
    client.get(reverse("home"))
    expected = timezone.now() + timezone.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert abs((session_expiry(client) - expected).total_seconds()) < 10
    assert client.session[RENEWED_AT] >= int(time.time()) - 5


def test_an_idle_session_is_signed_out(client, official_a):
    client.force_login(official_a)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timezone.timedelta(seconds=1)
    )
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.fixture
def csp_log(caplog):
    cache.clear()
    caplog.set_level(logging.WARNING, logger="intl_portal.csp")
    return lambda: [json.loads(record.getMessage()) for record in caplog.records if record.name == "intl_portal.csp"]


def post_report(body, content_type="application/csp-report"):
    # Browsers send no CSRF token: the view must accept a POST without one.
    return Client(enforce_csrf_checks=True).post(reverse("csp_report"), body, content_type=content_type)


def test_a_violation_is_logged_as_json(csp_log):
    assert post_report(json.dumps(VIOLATION)).status_code == 204
    assert csp_log() == [
        {
            "event": "csp_violation",
            "document": "https://internationellt.kommun.example/projekt/",
            "directive": "style-src-attr",
            "blocked": "inline",
            "source": "https://internationellt.kommun.example/projekt/",
            "line": "12",
        }
    ]


def test_the_reporting_apis_format_is_logged_too(csp_log):
    reports = [
        {"type": "csp-violation", "body": {"documentURL": "https://x.example/", "effectiveDirective": "img-src"}}
    ]
    assert post_report(json.dumps(reports), "application/reports+json").status_code == 204
    assert csp_log() == [{"event": "csp_violation", "document": "https://x.example/", "directive": "img-src"}]


@pytest.mark.parametrize(
    "body",
    [b"not json", b"\xff\xfe", b"[]", b'"text"', b'{"csp-report": "text"}', b"[" * 3000 + b"]" * 3000],
    ids=["text", "bytes", "empty-list", "string", "report-not-an-object", "deeply-nested"],
)
def test_a_malformed_report_is_refused_and_nothing_logged(csp_log, body):
    response = post_report(body)
    assert response.status_code in {400, 413}
    assert csp_log() == []


def test_an_oversized_report_is_refused_unread(csp_log):
    padded = {"csp-report": {**VIOLATION["csp-report"], "script-sample": "x" * CSP_REPORT_MAX_BYTES}}
    assert post_report(json.dumps(padded)).status_code == 413
    assert csp_log() == []


def test_a_long_value_is_cut(csp_log):
    long_report = {"csp-report": {"document-uri": "https://x.example/?" + "q" * 5000}}
    assert post_report(json.dumps(long_report)).status_code == 204
    assert len(csp_log()[0]["document"]) == 500


def test_a_flood_of_reports_logs_only_so_many_a_minute(csp_log, monkeypatch):
    monkeypatch.setattr("cooperation.core.views.time", SimpleNamespace(time=lambda: 1_800_000_030.0))
    for _ in range(CSP_REPORTS_PER_MINUTE // 10 + 5):
        post_report(json.dumps([{"body": VIOLATION["csp-report"]}] * 10), "application/reports+json")
    assert len(csp_log()) == CSP_REPORTS_PER_MINUTE


def test_the_report_view_only_takes_posts(client):
    assert client.get(reverse("csp_report")).status_code == 405
