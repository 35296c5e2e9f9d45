"""Single sign-on against a fake OpenID Connect provider: a real HTTP server on 127.0.0.1 in a thread, with its own
RSA key, discovery document, JWKS, authorization, token and userinfo endpoints. The portal talks to it through
`requests` exactly as it would to Entra ID or Keycloak; the test plays the browser between the two."""

import base64
import hashlib
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from cooperation.core.models import AuditEvent, AuditEventKind
from cooperation.organisation import oidc
from cooperation.organisation.choices import Role
from cooperation.organisation.models import ProviderGroupRole, RoleAssignment, User
from tests.conftest import PASSWORD, make_user
from tests.test_deploy import ROOT, check_deploy, documented_environment

CLIENT_ID, CLIENT_SECRET = "intl-portal", "client-secret-for-tests"
BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend", oidc.BACKEND]


def new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class FakeProvider:
    """An identity provider that signs in whoever `claims` describes, and can be told to misbehave (`tamper`)."""

    def __init__(self):
        self.key, self.kid = new_key(), "key-1"
        self.claims: dict = {}
        self.tamper: set[str] = set()
        self.codes: dict[str, dict] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self.handler())
        self.issuer = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def answer(self, status, body=None, headers=None):
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                data = json.dumps(body).encode() if body is not None else b""
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):  # noqa: N802
                url = urlsplit(self.path)
                query = {name: values[0] for name, values in parse_qs(url.query).items()}
                if url.path == "/.well-known/openid-configuration":
                    self.answer(200, provider.discovery())
                elif url.path == "/jwks":
                    self.answer(200, provider.jwks())
                elif url.path == "/authorize":
                    self.answer(302, headers={"Location": provider.authorize(query)})
                elif url.path == "/userinfo":
                    code = self.headers.get("Authorization", "").removeprefix("Bearer at-")
                    found = provider.codes.get(code)
                    self.answer(200, found["claims"]) if found else self.answer(401, {"error": "invalid_token"})
                else:
                    self.answer(404, {})

            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length", 0))
                form = {name: values[0] for name, values in parse_qs(self.rfile.read(length).decode()).items()}
                status, body = provider.token(form)
                self.answer(status, body)

        return Handler

    def discovery(self):
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
        }

    def jwks(self):
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**jwk, "kid": self.kid, "alg": "RS256", "use": "sig"}]}

    def authorize(self, query) -> str:
        """Signs in `claims` at once and sends the browser back with a code."""
        code = uuid.uuid4().hex
        self.codes[code] = {"query": query, "claims": dict(self.claims)}
        back = {"code": code, "state": query["state"]}
        return f"{query['redirect_uri']}?{urlencode(back)}"

    def token(self, form):
        found = self.codes.pop(form.get("code"), None)
        if found is None or form.get("client_secret") != CLIENT_SECRET or form.get("client_id") != CLIENT_ID:
            return 400, {"error": "invalid_grant"}
        challenge = base64.urlsafe_b64encode(hashlib.sha256(form.get("code_verifier", "").encode()).digest())
        if challenge.rstrip(b"=").decode() != found["query"].get("code_challenge"):
            return 400, {"error": "invalid_grant", "error_description": "PKCE"}
        self.codes["spent-" + form["code"]] = found
        now = int(time.time())
        payload = {
            "iss": "http://evil.example" if "issuer" in self.tamper else self.issuer,
            "sub": found["claims"]["sub"],
            "aud": "another-client" if "audience" in self.tamper else CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": "a-nonce-never-sent" if "nonce" in self.tamper else found["query"]["nonce"],
            self.groups_claim: found["claims"].get(self.groups_claim, []),
        }
        key = new_key() if "signature" in self.tamper else self.key
        id_token = jwt.encode(payload, key, algorithm="RS256", headers={"kid": self.kid})
        return 200, {"access_token": f"at-spent-{form['code']}", "token_type": "Bearer", "id_token": id_token}

    groups_claim = "groups"


@pytest.fixture
def provider(settings):
    fake = FakeProvider()
    fake.thread.start()
    settings.OIDC_ENABLED = True
    settings.OIDC_PROVIDER_NAME = "Testkommunens konto"
    settings.OIDC_OP_ISSUER = fake.issuer
    for name in oidc.DISCOVERED:
        setattr(settings, name, "")  # found through discovery
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = CLIENT_ID, CLIENT_SECRET
    settings.AUTHENTICATION_BACKENDS = BACKENDS
    yield fake
    fake.server.shutdown()
    fake.server.server_close()
    oidc._discovery.clear()


@pytest.fixture
def groups(org):
    """The administrators' table: officials of unit A, officials of unit B, readers, coordinators."""
    rows = [
        ("g-unit-a", Role.OFFICIAL, org.unit_a),
        ("g-unit-b", Role.OFFICIAL, org.unit_b),
        ("g-readers", Role.READER, None),
        ("/intl/samordnare", Role.COORDINATOR, org.central),
    ]
    for group, role, unit in rows:
        ProviderGroupRole.objects.create(group=group, role=role, unit=unit)


def claims(*groups, sub="a1b2c3-anna", **extra):
    return {
        "sub": sub,
        "given_name": "Anna",
        "family_name": "Ek",
        "email": "anna.ek@teststad.example",
        "groups": list(groups),
        **extra,
    }


def sign_in(client, provider, person: dict, state=None):
    """The browser's round trip: the portal sends it to the provider, which sends it back with a code."""
    provider.claims = person
    start = client.get(reverse("oidc_authentication_init"), {"next": "/projekt/"})
    assert start.status_code == 302, start.content
    answer = requests.get(start["Location"], allow_redirects=False, timeout=5)
    back = urlsplit(answer.headers["Location"])
    query = parse_qs(back.query)
    if state is not None:
        query["state"] = [state]
    return client.get(back.path, {name: values[0] for name, values in query.items()})


def held(user) -> set[tuple[str, str | None, bool]]:
    return {
        (assignment.role, assignment.unit.name if assignment.unit else None, assignment.from_provider)
        for assignment in RoleAssignment.objects.filter(user=user).select_related("unit")
    }


def signed_in_as(client):
    return User.objects.filter(pk=client.session.get("_auth_user_id")).first()


@pytest.mark.django_db
def test_first_sign_in_creates_the_user_with_the_mapped_roles(client, provider, groups, org):
    response = sign_in(client, provider, claims("g-unit-a", "g-readers", "not-mapped"))
    assert response.status_code == 302 and response["Location"] == "/projekt/"
    user = User.objects.get(username="a1b2c3-anna")
    assert (user.first_name, user.last_name, user.email) == ("Anna", "Ek", "anna.ek@teststad.example")
    assert not user.has_usable_password() and not user.is_staff
    assert held(user) == {(Role.OFFICIAL, "Miljöförvaltningen", True), (Role.READER, None, True)}
    assert signed_in_as(client) == user
    assert client.get(reverse("home")).status_code == 200
    event = AuditEvent.objects.get(event=AuditEventKind.SIGN_IN)
    assert (event.user, event.details) == (user, {"via": "oidc"})
    assert user.history.filter(history_type="+").count() == 1 and RoleAssignment.history.count() == 2


@pytest.mark.django_db
def test_a_group_change_moves_the_roles(client, provider, groups, org):
    sign_in(client, provider, claims("g-unit-a"))
    client.logout()
    response = sign_in(client, provider, claims("g-unit-b", "/intl/samordnare", family_name="Ek Berg"))
    assert response.status_code == 302
    user = User.objects.get(username="a1b2c3-anna")
    assert held(user) == {
        (Role.OFFICIAL, "Kulturförvaltningen", True),
        (Role.COORDINATOR, "Stadsledningskontoret", True),
    }
    names = list(user.history.order_by("history_id").values_list("last_name", flat=True))
    assert (names[0], names[-1], len(set(names))) == ("Ek", "Ek Berg", 2)  # created, then renamed
    removed = RoleAssignment.history.get(history_type="-")
    assert (removed.unit_id, removed.history_change_reason) == (org.unit_a.pk, "single sign-on")


@pytest.mark.django_db
def test_roles_given_by_hand_are_kept(client, provider, groups, org):
    user = make_user("a1b2c3-anna", Role.KS)  # an account an administrator made before single sign-on
    RoleAssignment.objects.create(user=user, role=Role.OFFICIAL, unit=org.unit_a)
    sign_in(client, provider, claims("g-unit-a", "g-readers"))
    assert held(user) == {
        (Role.KS, None, False),
        (Role.OFFICIAL, "Miljöförvaltningen", False),  # held by hand already: not given twice
        (Role.READER, None, True),
    }
    client.logout()
    response = sign_in(client, provider, claims())  # in no mapped group any more
    assert response.status_code == 302 and signed_in_as(client) == user
    assert held(user) == {(Role.KS, None, False), (Role.OFFICIAL, "Miljöförvaltningen", False)}


@pytest.mark.django_db
def test_those_signed_in_go_on_while_the_provider_is_down_and_a_switched_off_account_is_signed_out(
    client, provider, groups, settings
):
    sign_in(client, provider, claims("g-readers"))
    settings.OIDC_OP_ISSUER = "http://127.0.0.1:9"  # nothing listens on the discard port
    oidc._discovery.clear()
    assert client.get(reverse("home")).status_code == 200
    user = User.objects.get(username="a1b2c3-anna")
    user.is_active = False
    user.save()
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.django_db
def test_someone_in_no_mapped_group_is_refused_and_nothing_is_created(client, provider, groups):
    response = sign_in(client, provider, claims("not-mapped"))
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert not User.objects.filter(username="a1b2c3-anna").exists() and signed_in_as(client) is None
    page = client.get(response["Location"])
    assert "ingen av dina grupper där ger dig en roll" in page.content.decode()
    event = AuditEvent.objects.get(event=AuditEventKind.SIGN_IN_FAILED)
    assert (event.username, event.details) == ("a1b2c3-anna", {"via": "oidc", "reason": "no_role"})


@pytest.mark.django_db
def test_leaving_the_last_group_takes_the_roles_and_refuses(client, provider, groups):
    sign_in(client, provider, claims("g-readers"))
    client.logout()
    response = sign_in(client, provider, claims())
    assert response["Location"] == reverse("login") and signed_in_as(client) is None
    assert not RoleAssignment.objects.filter(user__username="a1b2c3-anna").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("tamper", ["nonce", "signature", "audience", "issuer"])
def test_a_tampered_id_token_is_refused_with_nothing_created(client, provider, groups, tamper):
    provider.tamper = {tamper}
    response = sign_in(client, provider, claims("g-unit-a"))
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert not User.objects.exists() and not RoleAssignment.objects.exists() and signed_in_as(client) is None
    assert "lyckades inte" in client.get(reverse("login")).content.decode()
    event = AuditEvent.objects.get(event=AuditEventKind.SIGN_IN_FAILED)
    assert event.details == {"via": "oidc", "reason": "invalid_response"}


@pytest.mark.django_db
def test_a_wrong_or_replayed_state_is_refused(client, provider, groups):
    response = sign_in(client, provider, claims("g-unit-a"), state="a-state-this-session-never-started")
    assert response["Location"] == reverse("login") and not User.objects.exists()
    # The right state, used twice: the first signs in, the second (a replay) is refused.
    provider.claims = claims("g-unit-a")
    start = client.get(reverse("oidc_authentication_init"))
    back = requests.get(start["Location"], allow_redirects=False, timeout=5).headers["Location"]
    path, query = urlsplit(back).path, parse_qs(urlsplit(back).query)
    assert client.get(path, {name: values[0] for name, values in query.items()})["Location"] == "/"
    client.logout()
    assert client.get(path, {name: values[0] for name, values in query.items()})["Location"] == reverse("login")
    reasons = list(AuditEvent.objects.filter(event=AuditEventKind.SIGN_IN_FAILED).values_list("details", flat=True))
    assert reasons == [{"via": "oidc", "reason": "invalid_state"}] * 2


@pytest.mark.django_db
def test_the_provider_saying_no_is_a_message_not_an_error(client, provider, groups):
    client.get(reverse("oidc_authentication_init"))
    state = next(iter(client.session["oidc_states"]))
    response = client.get(reverse("oidc_authentication_callback"), {"error": "access_denied", "state": state})
    assert response["Location"] == reverse("login")
    assert "oidc_states" not in client.session or state not in client.session["oidc_states"]


@pytest.mark.django_db
def test_two_first_sign_ins_at_once_end_in_a_message_not_an_error(client, provider, groups, monkeypatch):
    def made_by_the_other_tab(backend, claims):
        raise IntegrityError("UNIQUE constraint failed: organisation_user.username")

    monkeypatch.setattr(oidc.ProviderBackend, "create_user", made_by_the_other_tab)
    response = sign_in(client, provider, claims("g-unit-a"))
    assert response["Location"] == reverse("login") and signed_in_as(client) is None
    event = AuditEvent.objects.get(event=AuditEventKind.SIGN_IN_FAILED)
    assert event.details == {"via": "oidc", "reason": "try_again"}


@pytest.mark.django_db
def test_a_provider_that_cannot_be_reached_is_a_message(client, provider, settings):
    settings.OIDC_OP_ISSUER = "http://127.0.0.1:9"  # nothing listens on the discard port
    response = client.get(reverse("oidc_authentication_init"))
    assert response["Location"] == reverse("login")
    assert "kunde inte nås" in client.get(reverse("login")).content.decode()


@pytest.mark.django_db
def test_password_sign_ins_are_refused_when_local_login_is_off(client, provider, settings, official_a):
    settings.LOCAL_LOGIN_ENABLED = False
    settings.AUTHENTICATION_BACKENDS = [BACKENDS[0], oidc.BACKEND]
    page = client.get(reverse("login")).content.decode()
    assert "Logga in med Testkommunens konto" in page and 'name="password"' not in page
    response = client.post(reverse("login"), {"username": "official_a", "password": PASSWORD})
    assert response.status_code == 403 and signed_in_as(client) is None
    assert "inloggning med lösenord är avstängd" in response.content.decode().lower()
    admin_post = client.post("/admin/login/", {"username": "official_a", "password": PASSWORD})
    assert admin_post.status_code == 403 and signed_in_as(client) is None
    assert client.get("/admin/login/?next=/admin/")["Location"] == f"{reverse('login')}?next=/admin/"
    assert AuditEvent.objects.filter(event=AuditEventKind.REFUSAL).count() == 2


@pytest.mark.django_db
def test_with_both_on_the_sign_in_page_offers_both(client, provider, official_a):
    page = client.get(reverse("login")).content.decode()
    assert "Logga in med Testkommunens konto" in page and 'name="password"' in page
    response = client.post(reverse("login"), {"username": "official_a", "password": PASSWORD})
    assert response.status_code == 302 and signed_in_as(client) == official_a
    event = AuditEvent.objects.get(event=AuditEventKind.SIGN_IN)
    assert event.details == {"via": "password"}


@pytest.mark.django_db
def test_with_single_sign_on_off_the_sign_in_page_is_as_before(client, settings, official_a):
    assert settings.OIDC_ENABLED is False and settings.LOCAL_LOGIN_ENABLED is True
    page = client.get(reverse("login")).content.decode()
    assert reverse("oidc_authentication_init") not in page and 'name="password"' in page
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    assert client.get(reverse("oidc_authentication_callback"), {"code": "x", "state": "y"}).status_code == 404
    response = client.post(reverse("login"), {"username": "official_a", "password": PASSWORD})
    assert response.status_code == 302 and signed_in_as(client) == official_a


@pytest.mark.django_db
def test_a_unit_role_in_the_table_names_a_unit(org):
    with pytest.raises(ValidationError, match="välj en"):
        ProviderGroupRole(group="g", role=Role.OFFICIAL).full_clean()
    ProviderGroupRole(group="g", role=Role.READER).full_clean()


def documented_single_sign_on() -> dict[str, str]:
    """.env.example's production environment with its commented single sign-on lines switched on and filled in."""
    lines = (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
    pairs = [line[1:].split("=", 1) for line in lines if line.startswith(("#OIDC_", "#LOCAL_LOGIN_ENABLED="))]
    assert {name for name, _value in pairs} >= {"OIDC_ENABLED", "OIDC_ISSUER", "LOCAL_LOGIN_ENABLED"}
    documented = {name: value.strip('"') for name, value in pairs}
    return {**documented_environment(), **documented, "OIDC_CLIENT_ID": CLIENT_ID, "OIDC_CLIENT_SECRET": "s3cret"}


def test_check_deploy_is_clean_with_single_sign_on_on_and_passwords_off():
    result = check_deploy(documented_single_sign_on())
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"OIDC_CLIENT_SECRET": ""}, "OIDC_ENABLED needs OIDC_CLIENT_ID"),
        ({"OIDC_ISSUER": ""}, "OIDC_ENABLED needs OIDC_CLIENT_ID"),
        ({"OIDC_ENABLED": "false"}, "LOCAL_LOGIN_ENABLED=false needs OIDC_ENABLED=true"),
    ],
)
def test_an_incomplete_single_sign_on_setup_is_refused_at_start(change, message):
    result = check_deploy({**documented_single_sign_on(), **change})
    assert result.returncode == 1 and message in result.stderr
