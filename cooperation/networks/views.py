from django.db.models import Prefetch
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.core import display, exports, views
from cooperation.core.permissions import Action, allowed

from .filtersets import MembershipFilterSet, OrganisationFilterSet
from .forms import (
    MEMBERSHIP_FIELDSETS,
    ORGANISATION_FIELDSETS,
    DeclarationFormSet,
    FeeFormSet,
    MembershipEndForm,
    MembershipForm,
    OrganisationForm,
    RepresentativeFormSet,
)
from .models import Declaration, Membership, MembershipFee, Organisation

# Related rows are fetched with what they show, in one query each, however many there are (none included).
DECLARATIONS = Declaration.objects.select_related("decision__body")


class OrganisationListView(views.ObjectListView):
    model = Organisation
    filterset_class = OrganisationFilterSet
    columns = ["name", "acronym", "country"]


class OrganisationDetailView(views.ObjectDetailView):
    model = Organisation
    fieldsets = ORGANISATION_FIELDSETS

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("memberships", Membership.objects.select_related("unit")),
                Prefetch("declarations", DECLARATIONS),
            )
        )


class OrganisationEditView(views.ObjectEditView):
    model = Organisation
    form_class = OrganisationForm
    fieldsets = ORGANISATION_FIELDSETS

    @property
    def formsets(self):
        # Declarations are the coordinators' (KS decides them): an official who adds a network adds no declarations.
        if allowed(self.request.user, Action.ADD, Declaration):
            return {"declarations": DeclarationFormSet}
        return {}


class OrganisationDeleteView(views.ObjectDeleteView):
    model = Organisation


def day(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else display.EMPTY


def evaluation_due(membership, today) -> str:
    """The date the next evaluation is due, marked when it is overdue."""
    due = day(membership.evaluation_due_on)
    if membership.is_evaluation_overdue(today):
        return format_html('{} <span class="badge badge--warning">{}</span>', due, _("overdue"))
    return due


class MembershipListView(views.ObjectListView):
    model = Membership
    filterset_class = MembershipFilterSet
    columns = ["organisation", "unit", "member_since", "annual_fee"]
    export_columns = [
        *["organisation", "kind", "unit", "member_since", "member_until", "annual_fee", "other_costs"],
        "next_review_on",
        exports.Column(gettext_lazy("Evaluation due"), lambda membership: membership.evaluation_due_on, "date"),
    ]

    def get_queryset(self):
        return super().get_queryset().with_last_evaluation().select_related("organisation", "unit")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The evaluation due date is no model field: it is worked out from the last evaluation and the terms.
        context["headers"].append(
            {"name": "evaluation_due_on", "label": _("Evaluation due"), "sort": None, "numeric": False}
        )
        today = timezone.localdate()
        for row in context["rows"]:
            # The first cell links to the membership; the organisation's own link inside it would nest links.
            row["cells"][0] = (str(row["object"].organisation), "", False)
            row["cells"].append((evaluation_due(row["object"], today), "date", False))
        return context


class MembershipDetailView(views.ObjectDetailView):
    model = Membership
    fieldsets = [
        *MEMBERSHIP_FIELDSETS,
        (gettext_lazy("Ended"), ["member_until", "end_reason", "end_decision"]),
    ]

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .with_last_evaluation()
            .select_related("organisation", "unit", "decision__body", "end_decision__body", "fee_currency")
            .prefetch_related(
                "units",
                "goals",
                "sdgs",
                "representatives",
                Prefetch("fees", MembershipFee.objects.select_related("currency")),
                Prefetch("evaluations", views.related(Membership, "evaluations").select_related("decision__body")),
                Prefetch("organisation__declarations", DECLARATIONS),
                views.newest_linked(Membership, "projects"),
                views.newest_linked(Membership, "visits"),
            )
            .annotate(**views.linked_totals(Membership, "projects", "visits"))
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(evaluation_overdue=self.object.is_evaluation_overdue(), **kwargs)

    def facts(self, obj):
        """The evaluation group also shows what is worked out from the evaluations and the terms of office."""
        overdue = obj.is_evaluation_overdue(timezone.localdate())
        return {
            "next_review_on": [
                (_("Last evaluated"), day(obj.last_evaluated_on)),
                (_("Evaluation due"), day(obj.evaluation_due_on)),
                (_("Evaluation overdue"), _("Yes") if overdue else _("No")),
            ]
        }


class MembershipEditView(views.ObjectEditView):
    model = Membership
    form_class = MembershipForm
    formsets = {"representatives": RepresentativeFormSet, "fees": FeeFormSet}
    fieldsets = MEMBERSHIP_FIELDSETS


class MembershipEndView(views.ObjectEndView):
    model = Membership
    form_class = MembershipEndForm


class MembershipDeleteView(views.ObjectDeleteView):
    model = Membership
