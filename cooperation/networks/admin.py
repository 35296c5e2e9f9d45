from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from cooperation.core.admin import HistoryAdmin

from .models import Declaration, Membership, MembershipFee, Organisation, Representative


class DeclarationInline(admin.TabularInline):
    model = Declaration
    fields = ("title", "proposed_on", "status", "decision")
    autocomplete_fields = ("decision",)
    show_change_link = True
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(HistoryAdmin):
    list_display = ("name", "acronym", "country", "website")
    list_filter = (("country", CountryFilter),)
    search_fields = ("name", "acronym")
    inlines = (DeclarationInline,)


class RepresentativeInline(admin.TabularInline):
    model = Representative
    extra = 0


class MembershipFeeInline(admin.TabularInline):
    model = MembershipFee
    extra = 0


@admin.register(Membership)
class MembershipAdmin(HistoryAdmin):
    list_display = (
        "organisation",
        "kind",
        "unit",
        "member_since",
        "member_until",
        "decision",
        "evaluation_due_on",
        "overdue",
    )
    list_filter = ("kind", ("unit", admin.RelatedOnlyFieldListFilter), "member_since", "member_until")
    list_select_related = ("organisation", "unit", "decision__body")
    search_fields = ("organisation__name", "organisation__acronym", "unit__name", "purpose")
    autocomplete_fields = ("organisation", "unit", "units", "decision", "end_decision", "goals")
    filter_horizontal = ("sdgs",)
    date_hierarchy = "member_since"
    ordering = ("organisation__name",)  # explicit: Meta.ordering is dropped once evaluations are aggregated
    inlines = (RepresentativeInline, MembershipFeeInline)

    def get_queryset(self, request):
        return super().get_queryset(request).with_last_evaluation()

    @admin.display(description=_("evaluation due"))
    def evaluation_due_on(self, membership):
        return membership.evaluation_due_on

    @admin.display(description=_("evaluation overdue"), boolean=True)
    def overdue(self, membership):
        return membership.is_evaluation_overdue()


@admin.register(Representative)
class RepresentativeAdmin(HistoryAdmin):
    list_display = ("name", "position", "membership", "start_date", "end_date")
    list_filter = ("start_date", "end_date")
    list_select_related = ("membership__organisation",)
    search_fields = ("name", "position", "membership__organisation__name")
    autocomplete_fields = ("membership",)


@admin.register(Declaration)
class DeclarationAdmin(HistoryAdmin):
    list_display = ("title", "organisation", "status", "proposed_on", "decision")
    list_filter = ("status", "proposed_on")
    list_select_related = ("organisation", "decision__body")
    search_fields = ("title", "summary", "organisation__name", "organisation__acronym")
    autocomplete_fields = ("organisation", "decision")
    date_hierarchy = "proposed_on"


@admin.register(MembershipFee)
class MembershipFeeAdmin(HistoryAdmin):
    list_display = ("membership", "year", "amount", "currency", "paid_on")
    list_filter = ("year", "currency")
    list_select_related = ("membership__organisation", "currency")
    search_fields = ("membership__organisation__name",)
    autocomplete_fields = ("membership",)
