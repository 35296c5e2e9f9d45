from django.db.models import Prefetch
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from cooperation.core import display, views

from .filtersets import ProjectFilterSet
from .forms import FIELDSETS, FinanceFormSet, PartnerFormSet, ProjectEndForm, ProjectForm, TeamFormSet
from .models import Project, ProjectFinance


class ProjectListView(views.ObjectListView):
    model = Project
    filterset_class = ProjectFilterSet
    columns = ["title", "owner", "status", "start_date", "end_date", "total_budget"]
    # No many-to-many columns: prefetching them would double the time of a file of 50,000 projects.
    export_columns = [
        *["title", "acronym", "case_number", "owner", "status", "funding_source", "programme", "start_date"],
        *["end_date", "total_budget", "municipality_share", "external_funding", "own_contribution_cash"],
        *["own_contribution_in_kind", "exchange_rate"],
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("owner", "funding_source")

    def export_queryset(self, queryset):
        return queryset.select_related("programme")


class ProjectDetailView(views.ObjectDetailView):
    model = Project
    fieldsets = [*FIELDSETS, (_("Ended"), ["end_reason"])]

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related(
                "owner",
                "contact",
                "funding_source",
                "programme",
                "decision__body",
                "currency",
                "city_relation",
                "membership__organisation",
            )
            .prefetch_related(
                "participating_units",
                "goals",
                "sdgs",
                "partners",
                "team",
                "visits",
                Prefetch("finances", ProjectFinance.objects.select_related("source", "programme")),
            )
        )

    def facts(self, obj):
        """The budget group also shows both co-financing rates: the whole project's and the municipality's part's."""
        return {
            "total_budget": [
                (_("Co-financing rate, the whole project"), percent(obj.co_financing_rate)),
                (_("Co-financing rate, the municipality's part"), percent(obj.own_co_financing_rate)),
            ]
        }


def percent(value) -> str:
    return f"{formats.localize(value, use_l10n=True)} %" if value is not None else display.EMPTY


class ProjectEditView(views.ObjectEditView):
    model = Project
    form_class = ProjectForm
    formsets = {"partners": PartnerFormSet, "team": TeamFormSet, "finances": FinanceFormSet}
    fieldsets = FIELDSETS

    def build(self, data=None, files=None):
        form, formsets = super().build(data, files)
        partners = formsets["partners"]
        if data is not None and partners.is_valid():
            # Whether democracy considerations are asked for follows the partners' countries as this page posts them.
            form.instance.posted_partner_countries = {
                row.cleaned_data["country"]
                for row in partners.forms
                if row.cleaned_data.get("country") and not partners._should_delete_form(row)
            }
        return form, formsets


class ProjectEndView(views.ObjectEndView):
    model = Project
    form_class = ProjectEndForm


class ProjectDeleteView(views.ObjectDeleteView):
    model = Project
