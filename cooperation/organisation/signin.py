"""The sign-in page: a password form, "Logga in med <provider>", or both, as LOCAL_LOGIN_ENABLED and OIDC_ENABLED say.

With local passwords switched off the password form is not shown and a password posted anyway is refused (403), on
this page and on the admin's own sign-in page alike.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

PASSWORDS_OFF = _("Signing in with a password is switched off here: sign in with {provider}.")


def sign_in_options() -> dict:
    """What the sign-in page offers."""
    return {
        "local_login_enabled": settings.LOCAL_LOGIN_ENABLED,
        "oidc_enabled": settings.OIDC_ENABLED,
        "provider_name": settings.OIDC_PROVIDER_NAME,
    }


def passwords_off(request):
    """The sign-in page, offering only the provider, with a message saying why the password was not taken: 403."""
    context = {
        **sign_in_options(),
        "next": request.POST.get("next", ""),
        "refusal": PASSWORDS_OFF.format(provider=settings.OIDC_PROVIDER_NAME),
    }
    return render(request, "registration/login.html", context, status=403)


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if not settings.LOCAL_LOGIN_ENABLED:
            return passwords_off(request)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**sign_in_options(), **kwargs)


def admin_login(request, extra_context=None):
    """The admin's sign-in page while passwords are on; otherwise its visitors go to the sign-in page (and a
    password posted to it is refused)."""
    if settings.LOCAL_LOGIN_ENABLED:
        return admin.site.login(request, extra_context)
    if request.method == "POST":
        return passwords_off(request)
    if request.user.is_authenticated:
        if request.user.is_staff:  # the admin sends them on to `next`
            return admin.site.login(request, extra_context)
        raise PermissionDenied  # not the sign-in page: it would send a signed-in user straight back here
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"))
