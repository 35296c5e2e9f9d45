from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "cooperation.core"
    verbose_name = _("Shared")

    def ready(self):
        # Each app declares who may do what to its items in its own permissions.py, as it declares its admin.
        autodiscover_modules("permissions")
        from . import audit  # noqa: F401  (connects the audit log to sign-in, sign-out and lockout)
        from .middleware import note_sign_in

        user_logged_in.connect(note_sign_in, dispatch_uid="core.note_sign_in")
        # the search indexes (core.search) are built from the registers' search fields after every migrate
        from .search import ensure_indexes

        post_migrate.connect(ensure_indexes, sender=self, dispatch_uid="core.search_indexes")
