from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from cooperation.core import views

from .filtersets import DecisionFilterSet
from .forms import FIELDSETS, DecisionForm
from .models import Decision

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
