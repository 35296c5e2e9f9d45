from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class ImportingConfig(AppConfig):
    name = "cooperation.importing"
    verbose_name = _("Import from files")

    def ready(self):
        # Each register declares what it imports in its own importers.py, as it declares its permissions.
        autodiscover_modules("importers")
