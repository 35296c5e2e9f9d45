"""The audit log: sign-ins, failed sign-ins, sign-outs, lockouts, refusals, exports, deletions and erasures.

Each event is one JSON line on the `intl_portal.audit` logger and one `AuditEvent` row, which administrators read
on the audit log page. Only the user, the address, the page and ids: never an item's name or content.
"""

import ipaddress
import json
import logging

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.serializers.json import DjangoJSONEncoder
from django.dispatch import receiver
from django.utils.module_loading import import_string
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .models import AuditEvent, AuditEventKind

logger = logging.getLogger("intl_portal.audit")


def client_ip(request) -> str | None:
    """REMOTE_ADDR; behind TRUSTED_PROXIES reverse proxies, the address the outermost of them saw: X-Forwarded-For's
    entry that many places from the right (entries further left are the client's own to write). Axes uses it too."""
    hops = settings.TRUSTED_PROXIES
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if hops and len(forwarded) >= hops and forwarded[-hops]:
        return forwarded[-hops]
    return request.META.get("REMOTE_ADDR")


def client_address(request) -> str | None:
    """The client's address (client_ip) if it is an IP address, for the log."""
    address = client_ip(request) if request is not None else None
    try:
        return str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        return None


def record(event: str, request=None, *, user=None, username: str = "", **details) -> AuditEvent:
    """Log `event` (an AuditEventKind) with the request's user, address and page, and `details` (ids, counts)."""
    if user is None and request is not None:
        user = getattr(request, "user", None)
    if user is not None and not user.is_authenticated:
        user = None
    entry = AuditEvent.objects.create(
        event=event,
        user=user,
        username=(username or (user.get_username() if user else ""))[:150],
        address=client_address(request),
        path=request.path[:500] if request is not None else "",
        details=details,
    )
    line = {
        "event": entry.event,
        "at": entry.at,
        "user_id": entry.user_id,
        "username": entry.username,
        "address": entry.address,
        "path": entry.path,
        **details,
    }
    logger.info(json.dumps(line, cls=DjangoJSONEncoder, ensure_ascii=False))
    return entry


@receiver(user_logged_in, dispatch_uid="audit_sign_in")
def signed_in(sender, request, user, **kwargs):
    backend = request.session.get(BACKEND_SESSION_KEY) if request is not None else getattr(user, "backend", None)
    single_sign_on = bool(backend) and issubclass(import_string(backend), OIDCAuthenticationBackend)
    record(AuditEventKind.SIGN_IN, request, user=user, via="oidc" if single_sign_on else "password")


@receiver(user_login_failed, dispatch_uid="audit_sign_in_failed")
def sign_in_failed(sender, credentials, request=None, **kwargs):
    record(AuditEventKind.SIGN_IN_FAILED, request, username=str(credentials.get("username") or ""))


@receiver(user_logged_out, dispatch_uid="audit_sign_out")
def signed_out(sender, request, user, **kwargs):
    record(AuditEventKind.SIGN_OUT, request, user=user)


@receiver(user_locked_out, dispatch_uid="audit_lockout")
def locked_out(sender, request, username=None, ip_address=None, **kwargs):
    record(AuditEventKind.LOCKOUT, request, username=str(username or ""))


class RefusalMiddleware:
    """Every 403, wherever it was raised (a view's PermissionDenied, the admin, CSRF), with user, address and page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            record(AuditEventKind.REFUSAL, request, method=request.method)
        return response
