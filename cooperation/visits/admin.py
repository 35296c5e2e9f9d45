from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django_countries.filters import CountryFilter

from cooperation.core.admin import HistoryAdmin

from .models import CalendarFeed, DelegationMember, Gift, Visit, VisitHost, main_host_errors


class VisitHostFormSet(BaseInlineFormSet):
    """Host units as a whole: where several units host, exactly one is the main host."""

    def clean(self):
        super().clean()
        hosts = [
            (form.cleaned_data.get("unit"), form.cleaned_data.get("is_main", False))
            for form in self.forms
            if form.cleaned_data and not self._should_delete_form(form)
        ]
        errors = main_host_errors(hosts)
        if errors:
            raise ValidationError(errors)


class VisitHostInline(admin.TabularInline):
    model = VisitHost
    formset = VisitHostFormSet
    autocomplete_fields = ("unit",)
    extra = 0


class DelegationMemberInline(admin.TabularInline):
    model = DelegationMember
    extra = 0


class GiftInline(admin.TabularInline):
    model = Gift
    extra = 0


@admin.register(Visit)
class VisitAdmin(HistoryAdmin):
    list_display = ("title", "kind", "direction", "start_date", "country", "delegation_size")
    list_filter = ("kind", "direction", ("country", CountryFilter), "interpreter", "start_date")
    search_fields = ("title", "visiting_organisation", "city", "purpose", "topics")
    autocomplete_fields = ("requested_bodies", "city_relation", "membership", "project", "goals")
    filter_horizontal = ("sdgs",)
    date_hierarchy = "start_date"
    inlines = (VisitHostInline, DelegationMemberInline, GiftInline)


@admin.register(VisitHost)
class VisitHostAdmin(HistoryAdmin):
    list_display = ("visit", "unit", "is_main")
    list_filter = ("is_main", ("unit", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("visit", "unit")
    search_fields = ("visit__title", "unit__name")
    autocomplete_fields = ("visit", "unit")


@admin.register(DelegationMember)
class DelegationMemberAdmin(HistoryAdmin):
    list_display = ("name", "title", "organisation", "visit", "legal_basis", "erase_on")
    list_filter = ("legal_basis", "erase_on")
    list_select_related = ("visit",)
    search_fields = ("name", "title", "organisation", "visit__title")
    autocomplete_fields = ("visit",)
    date_hierarchy = "erase_on"


@admin.register(Gift)
class GiftAdmin(HistoryAdmin):
    list_display = ("description", "direction", "counterpart", "value", "visit")
    list_filter = ("direction",)
    list_select_related = ("visit",)
    search_fields = ("description", "counterpart", "visit__title")
    autocomplete_fields = ("visit",)


@admin.register(CalendarFeed)
class CalendarFeedAdmin(HistoryAdmin):
    """Calendar links can be looked at and revoked (deleted) here; a new token only ever comes from the owner's page."""

    list_display = ("__str__", "user", "created", "renewed", "last_used")
    list_select_related = ("user",)
    search_fields = ("user__username", "user__first_name", "user__last_name")
    readonly_fields = ("user", "filters", "created", "renewed", "last_used")

    def has_add_permission(self, request):
        return False
