from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cooperation.core.registry import Register


class NetworksConfig(AppConfig):
    name = "cooperation.networks"
    verbose_name = _("Organisations and networks")
    registers = [
        Register("networks.Membership", 40, _("New membership")),
        Register("networks.Organisation", 50, _("New organisation or network")),
    ]
