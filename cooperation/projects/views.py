from django.utils.translation import gettext_lazy as _

from cooperation.core import views

from .filtersets import ProjectFilterSet
from .forms import FIELDSETS, PartnerFormSet, ProjectEndForm, ProjectForm, TeamFormSet
from .models import Project


class ProjectListView(views.ObjectListView):
    model = Project
    filterset_class = ProjectFilterSet
    columns = ["title", "acronym", "owner", "status", "funding_source", "start_date", "end_date", "total_budget"]

    def get_queryset(self):
        return super().get_queryset().select_related("owner", "funding_source")


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
            .prefetch_related("participating_units", "goals", "sdgs", "partners", "team", "visits", "notices")
        )


class ProjectEditView(views.ObjectEditView):
    model = Project
    form_class = ProjectForm
    formsets = {"partners": PartnerFormSet, "team": TeamFormSet}
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
