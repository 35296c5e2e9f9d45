from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cooperation.core import views

from .choices import BodyKind, Role
from .filtersets import DecisionFilterSet
from .forms import FIELDSETS, DecisionForm
from .models import Decision, RoleAssignment, get_municipality

# What a decision decided, section by section: (heading, related name, the rows' own relations shown with them).
DECIDED = [
    (_("City relations it established"), "established_city_relations", []),
    (_("City relations it ended"), "ended_city_relations", []),
    (_("Agreements"), "agreements", ["relation"]),
    (_("Memberships"), "memberships", ["organisation"]),
    (_("Memberships it ended"), "ended_memberships", ["organisation"]),
    (_("Declarations"), "declarations", ["organisation"]),
    (_("International projects"), "projects", []),
    (_("Consultations"), "consultations", []),
    (_("Policy documents"), "policies", []),
    (_("Position paper versions"), "position_paper_versions", ["paper"]),
    (_("Evaluations and reviews"), "evaluations", ["city_relation", "membership__organisation", "position_paper"]),
]


class DecisionListView(views.ObjectListView):
    model = Decision
    filterset_class = DecisionFilterSet
    columns = ["title", "body", "date", "paragraph", "case_number"]

    def get_queryset(self):
        return super().get_queryset().select_related("body")


class DecisionDetailView(views.ObjectDetailView):
    model = Decision
    fieldsets = FIELDSETS

    def get_queryset(self):
        prefetches = [
            Prefetch(name, queryset=Decision._meta.get_field(name).related_model.objects.select_related(*related))
            for _title, name, related in DECIDED
        ]
        return super().get_queryset().select_related("body").prefetch_related(*prefetches)

    def get_context_data(self, **kwargs):
        decided = [(title, name, list(getattr(self.object, name).all())) for title, name, _related in DECIDED]
        return super().get_context_data(decided=[section for section in decided if section[2]], **kwargs)


class DecisionEditView(views.ObjectEditView):
    model = Decision
    form_class = DecisionForm
    fieldsets = FIELDSETS


class DecisionDeleteView(views.ObjectDeleteView):
    model = Decision


class OrganisationView(LoginRequiredMixin, TemplateView):
    """The municipality's bodies, units with their contact persons, the central office and the groups, read only."""

    template_name = "organisation/organisation.html"

    def get_context_data(self, **kwargs):
        municipality = get_municipality()
        if municipality is None:
            return super().get_context_data(municipality=None, **kwargs)
        contacts = RoleAssignment.objects.filter(role=Role.CONTACT_PERSON).select_related("user")
        return super().get_context_data(
            bodies=sorted(municipality.bodies.select_related("parent"), key=body_order),
            units=municipality.units.select_related("body").prefetch_related(
                Prefetch("role_assignments", queryset=contacts, to_attr="contacts")
            ),
            populations=municipality.populations.all(),
            groups=municipality.groups.select_related("body", "convened_by", "decision__body").prefetch_related(
                "member_units", "members"
            ),
            **kwargs,
        )


def body_order(body) -> tuple:
    """KF first, then its presidium, KS, KSAU, the committees and boards, as the policies list them."""
    return (BodyKind.values.index(body.kind) if body.kind in BodyKind.values else len(BodyKind.values), body.name)
