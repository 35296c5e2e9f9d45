from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views import View

from cooperation.core import views
from cooperation.core.permissions import Action, allowed

from .choices import RelationStatus
from .filtersets import CityRelationFilterSet
from .forms import (
    ENDED_FIELDSET,
    FIELDSETS,
    ActivityFormSet,
    AgreementFormSet,
    CityRelationEndForm,
    CityRelationForm,
    OneActivityForm,
)
from .models import Agreement, CityActivity, CityRelation
from .permissions import may_record_activity

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
    export_columns = [
        *columns,
        *["responsible_body", "units", "priority_areas", "last_incoming_meeting_on", "last_outgoing_meeting_on"],
        *["next_incoming_meeting_on", "next_outgoing_meeting_on", "ended_on"],
    ]

    def export_queryset(self, queryset):
        return queryset.select_related("responsible_body").prefetch_related("units")


class CityRelationDetailView(views.ObjectDetailView):
    model = CityRelation
    fieldsets = DETAIL_FIELDSETS

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("decision__body", "end_decision__body", "responsible_body")
            .annotate(**views.linked_totals(CityRelation, "projects", "visits"))
            .prefetch_related(
                "units",
                "goals",
                "sdgs",
                Prefetch("agreements", Agreement.objects.select_related("decision__body")),
                Prefetch("activities", CityActivity.objects.select_related("unit")),
                views.newest_linked(CityRelation, "projects", "owner"),
                views.newest_linked(CityRelation, "visits"),
                "positionpapers",
                "actionplans",
                Prefetch("evaluations", views.related(CityRelation, "evaluations").select_related("decision__body")),
            )
        )

    def get_context_data(self, **kwargs):
        user = self.request.user
        # The participating units of all the relation's activities in one query, also when there are none, so the
        # page runs as many queries however many activities it shows.
        through = CityActivity.participating_units.through
        links = through.objects.filter(cityactivity__relation=self.object).select_related("unit").order_by("unit__name")
        units = {}
        for link in links:
            units.setdefault(link.cityactivity_id, []).append(link.unit)
        for activity in self.object.activities.all():
            activity.other_units = units.get(activity.pk, [])
        return super().get_context_data(
            may_record_activity=may_record_activity(user, self.object),
            activity_editable={a.pk for a in self.object.activities.all() if allowed(user, Action.CHANGE, a)},
            **kwargs,
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


class CityActivityEditView(views.ObjectEditView):
    """One activity under a relation, on a page of its own: the officials of the units doing the ongoing work record
    their activities here, as they may not edit the relation itself."""

    model = CityActivity
    form_class = OneActivityForm

    def dispatch(self, request, *args, **kwargs):
        self.relation = None
        if "relation" in kwargs:
            self.relation = get_object_or_404(CityRelation, pk=kwargs["relation"])
            if request.user.is_authenticated and not may_record_activity(request.user, self.relation):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def parent(self):
        return self.relation or self.object.relation

    def build(self, data=None, files=None):
        instance = self.object or self.model(relation=self.relation)
        form = self.form_class(data, files, instance=instance, user=self.request.user, relation=self.relation)
        return form, {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.parent().get_absolute_url()
        return context


class CityActivityDeleteView(views.ObjectDeleteView):
    model = CityActivity
    parent_field = "relation"

    def get_success_url(self):
        return self.object.relation.get_absolute_url()


class AgreementDocumentView(LoginRequiredMixin, View):
    """An agreement's document: a public record, for everyone signed in, served through the application."""

    def get(self, request, pk):
        agreement = get_object_or_404(Agreement, pk=pk)
        if not agreement.document:
            raise Http404
        return FileResponse(
            agreement.document.open("rb"), as_attachment=True, filename=agreement.document.name.rsplit("/", 1)[-1]
        )
