"""Sign-in: failed attempts throttled per account and per address (django-axes), unlocked by time or by an
administrator; passwords hashed with Argon2."""

import datetime
import importlib

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import Argon2PasswordHasher, make_password
from django.core.management import call_command
from django.urls import reverse

from cooperation.core.models import AuditEvent, AuditEventKind
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOCKED = "För många misslyckade inloggningar för kontot eller från den här adressen."


def sign_in(client, username, password, address="192.0.2.10"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def lock_out(client, username, addresses):
    responses = [sign_in(client, username, "wrong", address) for address in addresses]
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    return responses[-1]


def test_five_wrong_passwords_lock_the_account_and_the_right_one_is_then_refused(client, official_a):
    last = lock_out(client, "official_a", ["192.0.2.10"] * 5)
    page = last.content.decode()
    assert LOCKED in page
    assert "Inloggningen är spärrad i 15 minuter" in page
    assert 'class="page-header site-header"' in page  # the site's own layout, not axes's bare page
    response = sign_in(client, "official_a", PASSWORD)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert not signed_in(client)
    assert AuditEvent.objects.filter(event=AuditEventKind.LOCKOUT, username="official_a").exists()


def test_the_account_is_locked_whatever_the_address(client, official_a):
    lock_out(client, "official_a", [f"192.0.2.{n}" for n in range(1, 6)])
    assert sign_in(client, "official_a", PASSWORD, "198.51.100.7").status_code == 429
    assert not signed_in(client)


def test_the_address_is_locked_whatever_the_account(client, official_a, official_b):
    for name in ["a", "b", "c", "d"]:
        assert sign_in(client, f"nobody_{name}", "wrong").status_code == 200
    assert sign_in(client, "official_b", "wrong").status_code == 429
    assert sign_in(client, "official_a", PASSWORD).status_code == 429
    assert not signed_in(client)
    # the accounts themselves have one failure at most: from another address official_a signs in
    assert sign_in(client, "official_a", PASSWORD, "198.51.100.7").status_code == 302
    assert signed_in(client)


def test_the_limit_and_the_cool_off_come_from_the_settings(client, settings, official_a):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
    assert sign_in(client, "official_a", "wrong").status_code == 200
    response = sign_in(client, "official_a", "wrong")
    assert response.status_code == 429
    assert "Inloggningen är spärrad i 30 minuter" in response.content.decode()


def age_attempts(minutes):
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= datetime.timedelta(minutes=minutes)
        attempt.save()


def test_the_lock_opens_after_the_cool_off_time(client, official_a):
    lock_out(client, "official_a", ["192.0.2.10"] * 5)
    age_attempts(14)
    assert sign_in(client, "official_a", PASSWORD).status_code == 429
    age_attempts(16)  # the last failure (the refused right password) is now more than 15 minutes old
    assert sign_in(client, "official_a", PASSWORD).status_code == 302
    assert signed_in(client)


def test_an_administrator_lifts_the_lock_in_the_admin(client, official_a, administrator):
    lock_out(client, "official_a", ["192.0.2.10"] * 5)
    admin_client = type(client)()
    admin_client.force_login(administrator)
    attempt = AccessAttempt.objects.get(username="official_a")
    delete_url = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert sign_in(client, "official_a", PASSWORD).status_code == 302
    assert signed_in(client)


def test_axes_reset_lifts_every_lock(client, official_a):
    lock_out(client, "official_a", ["192.0.2.10"] * 5)
    call_command("axes_reset", verbosity=0)
    assert sign_in(client, "official_a", PASSWORD).status_code == 302


def test_a_successful_sign_in_clears_the_accounts_failures(client, official_a):
    for _ in range(4):
        sign_in(client, "official_a", "wrong")
    assert sign_in(client, "official_a", PASSWORD).status_code == 302
    client.logout()
    assert sign_in(client, "official_a", "wrong").status_code == 200  # counting starts again: not locked


def test_production_settings_hash_with_argon2_and_still_read_pbkdf2():
    # the settings module as read from the environment; the tests' own fixture swaps in a fast hasher
    production = importlib.import_module("intl_portal.settings").PASSWORD_HASHERS
    assert production[0] == "cooperation.organisation.hashers.OwaspArgon2PasswordHasher"
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in production


def test_argon2_at_owasps_parameters_and_djangos_own_hashes_upgraded(client, settings, official_a):
    """Argon2id at 19 MiB, two passes, one lane (OWASP's first choice); a hash with Django's parameters (100 MiB,
    eight lanes) still signs in and is rehashed at OWASP's."""
    settings.PASSWORD_HASHERS = importlib.import_module("intl_portal.settings").PASSWORD_HASHERS
    official_a.password = make_password(PASSWORD, hasher=Argon2PasswordHasher())
    official_a.save()
    assert "$m=102400,t=2,p=8$" in official_a.password
    assert sign_in(client, "official_a", PASSWORD).status_code == 302
    official_a.refresh_from_db()
    assert official_a.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")


def test_an_old_pbkdf2_password_still_signs_in_and_is_rehashed_with_argon2(client, settings, official_a):
    settings.PASSWORD_HASHERS = importlib.import_module("intl_portal.settings").PASSWORD_HASHERS
    official_a.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    official_a.save()
    assert sign_in(client, "official_a", PASSWORD).status_code == 302
    official_a.refresh_from_db()
    assert official_a.password.startswith("argon2$argon2id$")
