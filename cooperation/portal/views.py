from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.views.generic import TemplateView

from cooperation.core.queries import last_change, last_changes, scalars
from cooperation.organisation.roles import assignments
from cooperation.organisation.signin import sign_in_options
from cooperation.visits.calendar import described

from . import search
from .dashboard import sections_for
from .forms import SearchForm, YearForm
from .registers import register_counts, registers_for


class HomeView(LoginRequiredMixin, TemplateView):
    """The start page: who you are, for which units, and the registers."""

    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        year = YearForm(self.request.GET).chosen()
        # the registers' sizes and the portfolio's last change (which keys the cached key figures): one query
        snapshot = scalars(**register_counts(), **last_changes())
        return super().get_context_data(
            assignments=assignments(user),
            registers=registers_for(user, snapshot),
            **sections_for(user, year=year, changed=last_change(snapshot)),
            **kwargs,
        )


class SearchView(LoginRequiredMixin, TemplateView):
    """The header's search across every register this user may open (`portal.search`)."""

    template_name = "portal/search.html"

    def get_context_data(self, **kwargs):
        registers = search.searchables(self.request.user)
        form = SearchForm(self.request.GET or None, registers)
        results = None
        if form.is_valid() and form.cleaned_data["q"]:
            chosen = form.cleaned_data["register"]
            within = [each for each in registers if each.key == chosen] if chosen else registers
            results = search.search(
                self.request, form.cleaned_data["q"], within, year=form.cleaned_data["year"], one=bool(chosen)
            )
        return super().get_context_data(form=form, results=results, registers=registers, **kwargs)


class ProfileView(LoginRequiredMixin, TemplateView):
    """My profile: who I am, my roles and units, my language, and my calendar links."""

    template_name = "portal/profile.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            assignments=assignments(user),
            calendar_links=described(list(user.calendar_feeds.all())),
            **kwargs,
        )


def locked_out(request, response=None, credentials=None):
    """The sign-in page with the lockout's message (django-axes calls this once the limit is passed): 429."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    context = {
        **sign_in_options(),
        "form": AuthenticationForm(request, initial={"username": username}),
        "next": request.POST.get("next", ""),
        "locked_out": True,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "registration/login.html", context, status=429)


def favicon(request):
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
