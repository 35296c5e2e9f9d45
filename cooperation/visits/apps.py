from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cooperation.core.registry import Register


class VisitsConfig(AppConfig):
    name = "cooperation.visits"
    verbose_name = _("Visits")
    registers = [Register("visits.Visit", 20, _("New visit"))]
