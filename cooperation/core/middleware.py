from django.conf import settings
from django.utils import translation


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
