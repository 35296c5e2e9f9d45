from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cooperation.core.registry import Register


class OrganisationConfig(AppConfig):
    name = "cooperation.organisation"
    verbose_name = _("Organisation")
    registers = [Register("organisation.Decision", 70, _("New decision"))]
