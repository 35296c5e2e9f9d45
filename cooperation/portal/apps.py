from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The top layer: the start pages, the main menu, the accessibility page and the demo data."""

    name = "cooperation.portal"
    verbose_name = _("Portal")
