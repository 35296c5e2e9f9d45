from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from cooperation.core import views
from cooperation.core.permissions import Action, allowed, visible
from cooperation.organisation.choices import BodyKind
from cooperation.organisation.models import Decision, Policy, get_municipality
from cooperation.organisation.roles import is_coordinator

from .diff import changed, word_diff
from .filtersets import ActionPlanFilterSet, EvaluationFilterSet, PolicyFilterSet, PositionPaperFilterSet
from .forms import (
    ActionPlanForm,
    ActivityFormSet,
    AdoptForm,
    EvaluationForm,
    GoalFormSet,
    PolicyForm,
    PositionPaperForm,
    VersionForm,
)
from .models import ActionPlan, Evaluation, PositionPaper, PositionPaperVersion
from .pdf import position_paper_pdf
from .permissions import may_adopt

# --- position papers -------------------------------------------------------------------------------------------


class PositionPaperListView(views.ObjectListView):
    model = PositionPaper
    filterset_class = PositionPaperFilterSet
    columns = ["title", "city_relation", "membership", "is_project_work"]

    def get_queryset(self):
        return super().get_queryset().select_related("city_relation", "membership__organisation").distinct()


class PositionPaperDetailView(views.ObjectDetailView):
    model = PositionPaper
    fieldsets = []

    def get_queryset(self):
        versions = visible(self.request.user, PositionPaperVersion.objects.select_related("decision__body"))
        from django.db.models import Prefetch

        return (
            super()
            .get_queryset()
            .select_related("city_relation", "membership__organisation")
            .prefetch_related(Prefetch("versions", queryset=versions.order_by("-number")), "evaluations")
        )

    def get_context_data(self, **kwargs):
        paper = self.object
        user = self.request.user
        versions = list(paper.versions.all())
        return super().get_context_data(
            versions=versions,
            adopted=paper.adopted_version,
            draft=paper.draft,
            can_start_draft=allowed(user, Action.ADD, PositionPaperVersion) and paper.draft is None,
            may_adopt=paper.draft is not None and may_adopt(user, paper.draft),
            **kwargs,
        )


class PositionPaperEditView(views.ObjectEditView):
    model = PositionPaper
    form_class = PositionPaperForm

    def get_initial(self):
        """A paper started from a relation's or membership's page concerns it: ?city_relation=12."""
        return {
            name: value
            for name, value in self.request.GET.items()
            if name in ("city_relation", "membership") and value.isdigit()
        }

    def after_save(self, obj, created):
        if created:
            obj.start_draft()


class PositionPaperDeleteView(views.ObjectDeleteView):
    model = PositionPaper


class StartDraftView(LoginRequiredMixin, View):
    """A new draft starts from the adopted text. POST only."""

    def post(self, request, pk):
        paper = get_object_or_404(PositionPaper, pk=pk)
        if not allowed(request.user, Action.ADD, PositionPaperVersion):
            raise PermissionDenied
        draft = paper.start_draft()
        messages.success(
            request, _("Version {number} is a draft: edit it section by section.").format(number=draft.number)
        )
        return HttpResponseRedirect(draft.get_absolute_url())


class VersionMixin:
    model = PositionPaperVersion
    parent_field = "paper"

    def get_queryset(self):
        return visible(self.request.user, PositionPaperVersion.objects.select_related("paper", "decision__body"))


class VersionDetailView(VersionMixin, views.ObjectDetailView):
    """One version, adopted or superseded (everyone) or a draft (coordinators and KS)."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(may_adopt=may_adopt(self.request.user, self.object), **kwargs)


class VersionEditView(VersionMixin, views.ObjectEditView):
    form_class = VersionForm


class VersionCompareView(VersionMixin, views.ObjectDetailView):
    """The version beside the one before it: a word-level comparison of each section."""

    template_suffix = "compare"

    def get_context_data(self, **kwargs):
        version = self.object
        previous = (
            visible(self.request.user, version.paper.versions.filter(number__lt=version.number))
            .order_by("-number")
            .first()
        )
        if previous is None:
            raise Http404(_("There is no earlier version to compare with."))
        rows = [
            (heading, changed(getattr(previous, name), text), word_diff(getattr(previous, name), text))
            for name, heading, text in version.sections
        ]
        return super().get_context_data(previous=previous, rows=rows, **kwargs)


class VersionPdfView(VersionMixin, views.ObjectDetailView):
    """The version as a PDF fit to attach to the executive board's papers."""

    def render_to_response(self, context, **kwargs):
        filename, content_type, content = position_paper_pdf(self.object)
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response


class AdoptView(LoginRequiredMixin, FormView):
    """KS records the adoption: a KS decision is registered and the draft becomes the adopted version."""

    form_class = AdoptForm
    template_name = "steering/adopt.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.version = get_object_or_404(
            visible(request.user, PositionPaperVersion.objects.select_related("paper")), pk=kwargs["pk"]
        )
        if not may_adopt(request.user, self.version):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(version=self.version, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        municipality = get_municipality()
        board = municipality and municipality.bodies.filter(kind=BodyKind.EXECUTIVE_BOARD).order_by("pk").first()
        if board is None:
            form.add_error(None, _("The municipality has no executive board (KS) registered."))
            return self.form_invalid(form)
        try:
            with transaction.atomic():
                decision = Decision(
                    body=board,
                    date=data["date"],
                    paragraph=data["paragraph"],
                    case_number=data["case_number"],
                    title=_("Adoption of {paper}, version {number}").format(
                        paper=self.version.paper, number=self.version.number
                    ),
                )
                decision.full_clean()
                decision.save()
                self.version.adopt(decision, data["next_review_on"])
        except (ValidationError, IntegrityError) as error:
            for message in getattr(error, "messages", [str(error)]):
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Version {number} was adopted ({decision}).").format(number=self.version.number, decision=decision),
        )
        return HttpResponseRedirect(self.version.paper.get_absolute_url())


# --- action plans, evaluations, the policy --------------------------------------------------------------------


class ActionPlanListView(views.ObjectListView):
    model = ActionPlan
    filterset_class = ActionPlanFilterSet
    columns = ["title", "city_relation", "membership", "start_date", "end_date"]

    def get_queryset(self):
        return super().get_queryset().select_related("city_relation", "membership__organisation")


class ActionPlanDetailView(views.ObjectDetailView):
    model = ActionPlan
    fieldsets = [
        ("", ["title", "city_relation", "membership", "is_project_work", "start_date", "end_date"]),
        (gettext_lazy("Goals and priorities"), ["goals", "priorities"]),
        (gettext_lazy("Feedback and political check-in"), ["feedback_routines", "political_check_in"]),
        (gettext_lazy("Cooperation partners"), ["cooperation_partners"]),
    ]

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("city_relation", "membership__organisation")
            .prefetch_related("activities__responsible_unit")
        )


class ActionPlanEditView(views.ObjectEditView):
    model = ActionPlan
    form_class = ActionPlanForm
    formsets = {"activities": ActivityFormSet}


class ActionPlanDeleteView(views.ObjectDeleteView):
    model = ActionPlan


class EvaluationListView(views.ObjectListView):
    model = Evaluation
    filterset_class = EvaluationFilterSet
    columns = ["date", "city_relation", "membership", "position_paper", "policy", "next_due_on"]

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("city_relation", "membership__organisation", "position_paper", "policy")
        )


class EvaluationDetailView(views.ObjectDetailView):
    model = Evaluation
    fieldsets = [
        (
            "",
            [
                "city_relation",
                "membership",
                "position_paper",
                "policy",
                "is_project_work",
                "date",
                "conclusions",
                "outcome",
                "decision",
                "next_due_on",
            ],
        )
    ]

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("city_relation", "membership__organisation", "position_paper", "policy", "decision__body")
        )


class EvaluationEditView(views.ObjectEditView):
    model = Evaluation
    form_class = EvaluationForm

    def get_initial(self):
        """An evaluation started from its subject's page concerns it: ?membership=12, ?policy=3."""
        return {
            name: value
            for name, value in self.request.GET.items()
            if name in ("city_relation", "membership", "position_paper", "policy") and value.isdigit()
        }


class EvaluationDeleteView(views.ObjectDeleteView):
    model = Evaluation


class PolicyMixin:
    """The policy's pages live with the steering documents."""

    model = Policy

    def url_name(self, action: str) -> str:
        return f"steering:policy_{action}"

    def get_template_names(self):
        return [f"steering/policy_{self.template_suffix}.html", self.generic_template]


class PolicyListView(PolicyMixin, views.ObjectListView):
    filterset_class = PolicyFilterSet
    columns = ["title", "kind", "decision", "valid_from", "valid_until", "next_revision_on"]

    def get_queryset(self):
        return super().get_queryset().select_related("decision__body")


class PolicyDetailView(PolicyMixin, views.ObjectDetailView):
    fieldsets = [
        ("", ["title", "kind", "decision", "valid_from", "valid_until", "next_revision_on", "summary", "document_url"]),
        (gettext_lazy("The document"), ["version", "published_on", "document_owner", "document_responsible"]),
        (
            gettext_lazy("Standing rules"),
            ["no_new_twin_towns", "requires_cooperation_analysis", "requires_travel_considerations"],
        ),
    ]

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("decision__body")
            .prefetch_related(
                "goals__parent", Prefetch("evaluations", Evaluation.objects.select_related("decision__body"))
            )
        )

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            can_add_evaluation=allowed(user, Action.ADD, Evaluation) and is_coordinator(user), **kwargs
        )


class PolicyEditView(PolicyMixin, views.ObjectEditView):
    form_class = PolicyForm
    formsets = {"goals": GoalFormSet}
