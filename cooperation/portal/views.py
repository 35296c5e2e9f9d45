from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from .dashboard import sections_for
from .forms import YearForm
from .registers import registers_for


class HomeView(LoginRequiredMixin, TemplateView):
    """The start page: who you are, for which units, and the registers."""

    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        assignments = user.role_assignments.select_related("unit").order_by("role", "unit__name")
        year = YearForm(self.request.GET).chosen()
        return super().get_context_data(
            assignments=assignments, registers=registers_for(user), **sections_for(user, year=year), **kwargs
        )
