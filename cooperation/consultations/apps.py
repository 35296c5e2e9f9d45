from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cooperation.core.registry import Register


class ConsultationsConfig(AppConfig):
    name = "cooperation.consultations"
    verbose_name = _("Monitoring and advocacy")
    registers = [Register("consultations.Consultation", 60, _("New consultation"))]
