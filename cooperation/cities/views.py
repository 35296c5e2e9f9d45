from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views import View

from cooperation.core import views
from cooperation.projects.models import Project
from cooperation.steering.models import Evaluation

from .choices import RelationStatus
from .filtersets import CityRelationFilterSet
from .forms import (
    ENDED_FIELDSET,
    FIELDSETS,
    ActivityFormSet,
    AgreementFormSet,
    CityRelationEndForm,
    CityRelationForm,
)
from .models import Agreement, CityActivity, CityRelation

DETAIL_FIELDSETS = [
    FIELDSETS[0],
    (_("Decisions"), ["decision", "established_before_register", "end_decision"]),
    *FIELDSETS[2:],
    (_("Ended"), ["ended_on", "end_reason"]),
]


class CityRelationListView(views.ObjectListView):
    model = CityRelation
    filterset_class = CityRelationFilterSet
    columns = ["city", "country", "kind", "status", "since_year", "next_review_on"]


class CityRelationDetailView(views.ObjectDetailView):
    model = CityRelation
    fieldsets = DETAIL_FIELDSETS

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("decision__body", "end_decision__body", "responsible_body")
            .prefetch_related(
                "units",
                "goals",
                "sdgs",
                Prefetch("agreements", Agreement.objects.select_related("decision__body")),
                Prefetch("activities", CityActivity.objects.select_related("unit")),
                Prefetch("projects", Project.objects.select_related("owner")),
                "visits",
                "positionpapers",
                "actionplans",
                Prefetch("evaluations", Evaluation.objects.select_related("decision__body")),
            )
        )


class CityRelationEditView(views.ObjectEditView):
    model = CityRelation
    form_class = CityRelationForm
    formsets = {"agreements": AgreementFormSet, "activities": ActivityFormSet}

    @property
    def fieldsets(self):
        if self.object and self.object.status == RelationStatus.ENDED:
            return [*FIELDSETS, ENDED_FIELDSET]
        return FIELDSETS


class CityRelationEndView(views.ObjectEndView):
    model = CityRelation
    form_class = CityRelationEndForm


class CityRelationDeleteView(views.ObjectDeleteView):
    model = CityRelation


class AgreementDocumentView(LoginRequiredMixin, View):
    """An agreement's document: a public record, for everyone signed in, served through the application."""

    def get(self, request, pk):
        agreement = get_object_or_404(Agreement, pk=pk)
        if not agreement.document:
            raise Http404
        return FileResponse(
            agreement.document.open("rb"), as_attachment=True, filename=agreement.document.name.rsplit("/", 1)[-1]
        )
