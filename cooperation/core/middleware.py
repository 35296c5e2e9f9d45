import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _


class LanguageMiddleware:
    """Swedish unless the person chose English: the language switch's cookie, else their profile, else Swedish.

    Unlike Django's LocaleMiddleware the browser's Accept-Language is not consulted: officials with an
    English browser still expect the municipality's Swedish interface.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.available:
            user = getattr(request, "user", None)
            language = getattr(user, "language", None) if user and user.is_authenticated else None
        if language not in self.available:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


SIGNED_IN_AT = "signed_in_at"
RENEWED_AT = "renewed_at"
RENEW_EVERY = 60  # seconds: the idle limit is kept to the minute without writing the session on every request


def note_sign_in(sender, request, user, **kwargs):
    """Remember when the session's sign-in happened (connected to user_logged_in in apps.py)."""
    request.session[SIGNED_IN_AT] = request.session[RENEWED_AT] = int(time.time())


class SessionLimitsMiddleware:
    """Ends a signed-in session after SESSION_COOKIE_AGE seconds idle and SESSION_MAX_AGE seconds after sign-in.

    Saving a session moves its expiry SESSION_COOKIE_AGE ahead: a request renews it when the last renewal is more
    than a minute old. The fixed maximum is never renewed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            if now - session.setdefault(SIGNED_IN_AT, now) > settings.SESSION_MAX_AGE:
                logout(request)
                messages.info(request, _("You have been signed in for a long time. Sign in again to go on."))
            elif now - session.get(RENEWED_AT, 0) > RENEW_EVERY:
                session[RENEWED_AT] = now
        return self.get_response(request)


class PrivateCacheMiddleware:
    """Signed-in pages hold personal and internal data: no browser or proxy may keep a copy.

    Static files never reach this middleware: WhiteNoise answers them earlier, with their own caching.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
