from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "cooperation.consultations"
    verbose_name = _("Monitoring and advocacy")
