from django.contrib import admin
from django_countries.filters import CountryFilter

from cooperation.core.admin import HistoryAdmin
from cooperation.organisation.roles import is_coordinator

from .forms import PUBLICATION_FIELDS, FinanceRows
from .models import FundingSource, Programme, Project, ProjectFinance, ProjectPartner, ProjectTeamMember


class ProgrammeInline(admin.TabularInline):
    model = Programme
    extra = 0


@admin.register(FundingSource)
class FundingSourceAdmin(HistoryAdmin):
    list_display = ("code", "name_sv", "name_en", "kind")
    list_filter = ("kind",)
    search_fields = ("code", "name_sv", "name_en")
    inlines = (ProgrammeInline,)


@admin.register(Programme)
class ProgrammeAdmin(HistoryAdmin):
    list_display = ("name", "period", "source")
    list_filter = ("source",)
    list_select_related = ("source",)
    search_fields = ("name", "period")
    autocomplete_fields = ("source",)


class ProjectPartnerInline(admin.TabularInline):
    model = ProjectPartner
    extra = 0


class ProjectTeamMemberInline(admin.TabularInline):
    model = ProjectTeamMember
    extra = 0


class ProjectFinanceInline(admin.TabularInline):
    model = ProjectFinance
    formset = FinanceRows
    extra = 0
    autocomplete_fields = ("programme",)


@admin.register(Project)
class ProjectAdmin(HistoryAdmin):
    list_display = (
        "title",
        "acronym",
        "owner",
        "status",
        "funding_source",
        "programme",
        "start_date",
        "end_date",
        "total_budget",
        "currency",
    )
    list_filter = (
        "status",
        "role",
        ("owner", admin.RelatedOnlyFieldListFilter),
        "funding_source",
        "programme",
        "icld_phase",
        "published",
        "start_date",
        "end_date",
    )
    list_select_related = ("owner", "funding_source", "programme", "currency")
    search_fields = ("title", "acronym", "description", "case_number", "call")
    autocomplete_fields = (
        "owner",
        "participating_units",
        "contact",
        "decision",
        "city_relation",
        "membership",
        "goals",
        "programme",
    )
    filter_horizontal = ("sdgs",)
    date_hierarchy = "start_date"
    inlines = (ProjectPartnerInline, ProjectTeamMemberInline, ProjectFinanceInline)

    def get_readonly_fields(self, request, obj=None):
        """Only coordinators decide what the public sees, in the admin as on the edit page."""
        readonly = super().get_readonly_fields(request, obj)
        return readonly if is_coordinator(request.user) else (*readonly, *PUBLICATION_FIELDS)


@admin.register(ProjectPartner)
class ProjectPartnerAdmin(HistoryAdmin):
    list_display = ("name", "city", "country", "kind", "is_lead", "project")
    list_filter = ("kind", "is_lead", ("country", CountryFilter))
    list_select_related = ("project",)
    search_fields = ("name", "city", "project__title", "project__acronym")
    autocomplete_fields = ("project",)


@admin.register(ProjectTeamMember)
class ProjectTeamMemberAdmin(HistoryAdmin):
    list_display = ("name", "title", "side", "role", "project")
    list_filter = ("side", "role")
    list_select_related = ("project",)
    search_fields = ("name", "title", "project__title", "project__acronym")
    autocomplete_fields = ("project",)


@admin.register(ProjectFinance)
class ProjectFinanceAdmin(HistoryAdmin):
    list_display = ("project", "year", "source", "programme", "granted", "paid_out", "costs")
    list_filter = ("year", "source")
    list_select_related = ("project", "source", "programme")
    search_fields = ("project__title", "project__acronym")
    autocomplete_fields = ("project", "programme")
