"""Single sign-on through the municipality's OpenID Connect provider (mozilla-django-oidc).

The provider says who the person is and which groups they are in; the administrators' table of provider groups
(`ProviderGroupRole`) turns the groups into roles. Users are created at their first sign-in; the role assignments
that came from the provider follow the groups at every sign-in, and assignments given by hand are left alone.
"""

import jwt
import requests
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect, resolve_url
from django.utils.translation import gettext_lazy as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from cooperation.core import audit
from cooperation.core.models import AuditEventKind

from .models import ProviderGroupRole, RoleAssignment, User

BACKEND = "cooperation.organisation.oidc.ProviderBackend"

# The provider's discovery document's names for the endpoints mozilla-django-oidc reads from settings.
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",  # nosec B105  # a discovery document's key, no secret
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
_discovery: dict[str, dict] = {}

FAILURES = {
    "provider_error": _("Signing in with {provider} was cancelled or refused there. Try again."),
    "provider_unreachable": _("{provider} could not be reached. Try again in a while."),
    "no_role": _(
        "You are signed in at {provider}, but none of your groups there gives you a role in this service. Ask the "
        "administrator for one."
    ),
    "inactive": _("Your account in this service is switched off. Ask the administrator."),
}
FAILED = _("Signing in with {provider} did not succeed. Try again; if it keeps failing, tell the administrator.")


class SignInRefused(Exception):
    """A sign-in through the provider that ends without a signed-in user; `reason` goes to the audit log."""

    def __init__(self, reason: str, username: str = ""):
        super().__init__(reason)
        self.reason, self.username = reason, username

    def message(self) -> str:
        return str(FAILURES.get(self.reason, FAILED)).format(provider=settings.OIDC_PROVIDER_NAME)


def discovery() -> dict:
    """The provider's discovery document, fetched once per process (the endpoints and keys' address rarely move)."""
    issuer = settings.OIDC_OP_ISSUER
    if issuer not in _discovery:
        response = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
        if document.get("issuer", "").rstrip("/") != issuer:
            raise SuspiciousOperation("The discovery document names another issuer.")
        _discovery[issuer] = document
    return _discovery[issuer]


def provider_setting(attr, *default):
    """A mozilla-django-oidc setting; an endpoint left empty comes from the issuer's discovery document."""
    value = import_from_settings(attr, *default)
    if attr in DISCOVERED and not value and settings.OIDC_OP_ISSUER:
        return discovery()[DISCOVERED[attr]]
    return value


def provider_groups(claims) -> set[str]:
    """The groups claim as a set of names (a provider may send one group as a string)."""
    groups = claims.get(settings.OIDC_GROUPS_CLAIM) or []
    if isinstance(groups, str):
        groups = [groups]
    return {group.strip() for group in groups if isinstance(group, str) and group.strip()}


def mapped_roles(groups) -> set[tuple[str, int | None]]:
    """(role, unit id) for every row of the administrators' table that names one of the groups."""
    return set(ProviderGroupRole.objects.filter(group__in=groups).values_list("role", "unit_id"))


def sync_roles(user, wanted: set[tuple[str, int | None]]) -> None:
    """Give the user the provider's roles they lack and take away those the provider no longer gives; assignments
    given by hand are never touched (and a role held by hand is not given twice)."""
    held = {(assignment.role, assignment.unit_id): assignment for assignment in user.role_assignments.all()}
    for key, assignment in held.items():
        if assignment.from_provider and key not in wanted:
            assignment._change_reason = "single sign-on"
            assignment.delete()
    for role, unit_id in sorted(wanted - held.keys(), key=str):
        assignment = RoleAssignment(user=user, role=role, unit_id=unit_id, from_provider=True)
        assignment._change_reason = "single sign-on"
        assignment.save()


class ProviderBackend(OIDCAuthenticationBackend):
    """Checks the provider's answer (signature, nonce, issuer, audience), finds or creates the user by the stable
    username claim (never by e-mail address) and brings their provider roles up to date."""

    get_settings = staticmethod(provider_setting)
    get_user = ModelBackend.get_user  # a switched-off account's session ends too (mozilla-django-oidc's does not)

    def __init__(self, *args, **kwargs):
        # Django makes a backend for every signed-in request (get_user): the endpoints are looked up only when
        # someone signs in, so a provider that is down never breaks the pages of those already signed in.
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None
        self.UserModel = User

    def authenticate(self, request, **kwargs):
        # Only the callback, with the nonce its session kept; never a password form that carries ?code=&state=.
        if "nonce" not in kwargs:
            return None
        for name in ("OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_USER_ENDPOINT", "OIDC_OP_JWKS_ENDPOINT"):
            setattr(self, name, self.get_settings(name))
        return super().authenticate(request, **kwargs)

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = [audience] if isinstance(audience, str) else list(audience or [])
        issuer = settings.OIDC_OP_ISSUER
        if self.OIDC_RP_CLIENT_ID not in audiences or "exp" not in payload:
            raise SuspiciousOperation("The ID token is not for this service, or never expires.")
        if issuer and payload.get("iss", "").rstrip("/") != issuer:
            raise SuspiciousOperation("The ID token comes from another issuer.")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        """The userinfo endpoint's claims, with the signed ID token's claims winning (Entra ID sends groups only
        there); both must be about the same subject."""
        info = super().get_userinfo(access_token, id_token, payload)
        if info.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("The userinfo is about another subject than the ID token.")
        return {**info, **payload}

    def username(self, claims) -> str:
        return str(claims.get(settings.OIDC_USERNAME_CLAIM) or "").strip()

    def verify_claims(self, claims):
        username = self.username(claims)
        if not username or len(username) > User._meta.get_field("username").max_length:
            raise SignInRefused("no_username")
        return True

    def filter_users_by_claims(self, claims):
        return User.objects.filter(username=self.username(claims))

    def create_user(self, claims):
        user = User(username=self.username(claims))
        user.set_unusable_password()
        self.update_user(user, claims)
        return user

    def update_user(self, user, claims):
        """Name and e-mail address as the provider has them; saved (and a history row written) only on a change."""
        fields = {
            "first_name": str(claims.get("given_name") or user.first_name)[:150],
            "last_name": str(claims.get("family_name") or user.last_name)[:150],
            "email": str(claims.get("email") or user.email)[:254],
        }
        if user.pk is None or any(getattr(user, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(user, name, value)
            user.save()
        return user

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        self.verify_claims(claims)
        username = self.username(claims)
        wanted = mapped_roles(provider_groups(claims))
        user = self.filter_users_by_claims(claims).first()
        if user is not None and not user.is_active:
            raise SignInRefused("inactive", username)
        if user is None and not wanted:
            raise SignInRefused("no_role", username)  # nothing created for someone the portal has no role for
        with transaction.atomic():
            user = self.update_user(user, claims) if user is not None else self.create_user(claims)
            sync_roles(user, wanted)
        if not user.is_superuser and not user.role_assignments.exists():
            raise SignInRefused("no_role", username)
        return user


class SignInView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider, with a new state, nonce and PKCE challenge kept in the session."""

    get_settings = staticmethod(provider_setting)

    def dispatch(self, request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        try:
            self.OIDC_OP_AUTH_ENDPOINT = self.get_settings("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except (requests.RequestException, ValueError, KeyError, SuspiciousOperation):
            return refuse(request, SignInRefused("provider_unreachable"))
        return super().get(request)

    def __init__(self, **kwargs):  # the endpoint is read in get(), where a provider that is down can be answered
        super(OIDCAuthenticationRequestView, self).__init__(**kwargs)
        self.OIDC_RP_CLIENT_ID = self.get_settings("OIDC_RP_CLIENT_ID")


def refuse(request, refused: SignInRefused):
    """Back to the sign-in page with a message saying why; the failure in the audit log."""
    audit.record(AuditEventKind.SIGN_IN_FAILED, request, username=refused.username, via="oidc", reason=refused.reason)
    messages.error(request, refused.message())
    return redirect("login")


def callback(request):
    """Where the provider sends the browser back: the state must be one this session started, the code is exchanged
    for tokens, and the user signed in. Every failure ends on the sign-in page with a message, never an error page.

    The provider checks the password and throttles guesses; django-axes counts local password guesses only, so this
    calls the backend itself rather than `auth.authenticate` (whose axes check would count a refused group as a
    failed password)."""
    if not settings.OIDC_ENABLED:
        raise Http404
    try:
        user = provider_sign_in(request)
    except SignInRefused as refused:
        return refuse(request, refused)
    next_url = request.session.pop("oidc_login_next", None)
    auth.login(request, user, backend=BACKEND)  # recorded as a sign-in by core.audit
    return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))


def provider_sign_in(request) -> User:
    states = request.session.get("oidc_states", {})
    state = request.GET.get("state", "")
    started = states.pop(state, None)  # used once, whatever happens next
    request.session.modified = True
    if request.GET.get("error"):
        raise SignInRefused("provider_error")
    if started is None or not request.GET.get("code"):
        raise SignInRefused("invalid_state")
    try:
        user = ProviderBackend().authenticate(
            request, nonce=started.get("nonce"), code_verifier=started.get("code_verifier")
        )
    except (SuspiciousOperation, jwt.PyJWTError, KeyError, ValueError):
        raise SignInRefused("invalid_response") from None
    except IntegrityError:  # the same person's first sign-in in two tabs at once: the other one made the account
        raise SignInRefused("try_again") from None
    except requests.RequestException:
        raise SignInRefused("provider_unreachable") from None
    if user is None:
        raise SignInRefused("invalid_response")
    return user
