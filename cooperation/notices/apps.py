from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from cooperation.core.registry import Register


class NoticesConfig(AppConfig):
    name = "cooperation.notices"
    verbose_name = _("Coordination notices")
    registers = [Register("notices.Notice", 80, _("New coordination notice"))]

    def ready(self):
        from cooperation.core.signals import item_page, item_saved

        from . import synergies
        from .services import item_notices
        from .triggers import saved_note

        # Each register declares the items a notice can concern, its triggers, reminders and what its items offer the
        # synergy finder in its notices.py.
        autodiscover_modules("notices")
        item_page.connect(item_notices, dispatch_uid="notices-item-page")
        item_saved.connect(saved_note, dispatch_uid="notices-item-saved")
        item_saved.connect(synergies.saved_note, dispatch_uid="notices-synergies-saved")
        synergies.register_lookups()
