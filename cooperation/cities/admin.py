from django import forms
from django.contrib import admin
from django_countries.filters import CountryFilter

from cooperation.core.admin import HistoryAdmin

from .forms import PostsUnits
from .models import Agreement, CityActivity, CityRelation


class AgreementInline(admin.TabularInline):
    model = Agreement
    fields = ("kind", "title", "decision", "signed_on", "valid_from", "valid_until", "document")
    autocomplete_fields = ("decision",)
    show_change_link = True
    extra = 0


class CityActivityInline(admin.TabularInline):
    model = CityActivity
    fields = ("title", "kind", "unit", "start_date", "end_date", "participants", "cost")
    autocomplete_fields = ("unit",)
    show_change_link = True
    extra = 0


class CityRelationAdminForm(PostsUnits, forms.ModelForm):
    """The activities added inline are checked against the units this form posts."""


@admin.register(CityRelation)
class CityRelationAdmin(HistoryAdmin):
    form = CityRelationAdminForm
    list_display = ("city", "country", "kind", "status", "since_year", "responsible_body", "next_review_on")
    list_filter = (
        "kind",
        "status",
        ("country", CountryFilter),
        "responsible_body",
        "established_before_register",
        "next_review_on",
    )
    list_select_related = ("responsible_body", "decision__body", "end_decision__body")
    search_fields = ("city", "description", "priority_areas")
    autocomplete_fields = ("decision", "end_decision", "responsible_body", "units", "goals")
    filter_horizontal = ("sdgs",)
    inlines = (AgreementInline, CityActivityInline)


@admin.register(Agreement)
class AgreementAdmin(HistoryAdmin):
    list_display = ("title", "relation", "kind", "decision", "signed_on", "valid_from", "valid_until")
    list_filter = ("kind", "signed_on", "valid_until")
    list_select_related = ("relation", "decision__body")
    search_fields = ("title", "priority_areas", "relation__city")
    autocomplete_fields = ("relation", "decision")
    date_hierarchy = "signed_on"


@admin.register(CityActivity)
class CityActivityAdmin(HistoryAdmin):
    list_display = ("title", "kind", "relation", "unit", "start_date", "end_date", "participants", "cost")
    list_filter = ("kind", ("unit", admin.RelatedOnlyFieldListFilter), "video_conferencing_considered", "start_date")
    list_select_related = ("relation", "unit")
    search_fields = ("title", "description", "relation__city")
    autocomplete_fields = ("relation", "unit", "participating_units")
    date_hierarchy = "start_date"
