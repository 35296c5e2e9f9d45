from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter
from simple_history.admin import SimpleHistoryAdmin

from . import audit
from .models import CountryClassification, Currency, SustainableDevelopmentGoal

admin.site.site_header = _("International cooperation")
admin.site.site_title = _("International cooperation")
admin.site.index_title = _("Administration")


class AuditedDeletionsMixin:
    """Deletions in the admin go to the audit log as the pages' deletions do: one event per object, before it goes."""

    def log_deletions(self, request, queryset):
        pks = [obj.pk for obj in queryset]  # a queryset (the delete action) or a list (the delete page)
        entries = super().log_deletions(request, queryset)
        for pk in pks:
            audit.record(audit.AuditEventKind.DELETION, request, model=self.opts.label_lower, id=pk, via="admin")
        return entries


class HistoryAdmin(AuditedDeletionsMixin, SimpleHistoryAdmin):
    """The admin every domain model uses: a history view, 50 rows a page, related objects in the same query."""

    list_per_page = 50

    def get_queryset(self, request):
        # Also for the change, delete, history and autocomplete views, whose __str__ may follow these relations.
        queryset = super().get_queryset(request)
        if isinstance(self.list_select_related, list | tuple):
            queryset = queryset.select_related(*self.list_select_related)
        return queryset


@admin.register(SustainableDevelopmentGoal)
class SustainableDevelopmentGoalAdmin(HistoryAdmin):
    list_display = ("number", "name_sv", "name_en")
    search_fields = ("number", "name_sv", "name_en")


@admin.register(Currency)
class CurrencyAdmin(HistoryAdmin):
    list_display = ("code", "name_sv", "name_en")
    search_fields = ("code", "name_sv", "name_en")


@admin.register(CountryClassification)
class CountryClassificationAdmin(HistoryAdmin):
    list_display = ("country", "regime_type", "is_democracy", "source", "as_of_year")
    list_filter = ("is_democracy", "regime_type", "as_of_year", ("country", CountryFilter))
    search_fields = ("country", "source")
