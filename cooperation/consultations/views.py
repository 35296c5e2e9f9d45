from cooperation.core import views

from .filtersets import ConsultationFilterSet
from .forms import FIELDSETS, ConsultationForm
from .models import Consultation


class ConsultationListView(views.ObjectListView):
    model = Consultation
    filterset_class = ConsultationFilterSet
    columns = ["title", "origin", "unit", "received_on", "deadline", "status"]

    def get_queryset(self):
        return super().get_queryset().select_related("unit")


class ConsultationDetailView(views.ObjectDetailView):
    model = Consultation
    fieldsets = FIELDSETS

    def get_queryset(self):
        # The coordination notices about it are shown by the generic page, to those who may read them.
        return super().get_queryset().select_related("unit", "decision__body")


class ConsultationEditView(views.ObjectEditView):
    model = Consultation
    form_class = ConsultationForm
    fieldsets = FIELDSETS


class ConsultationDeleteView(views.ObjectDeleteView):
    model = Consultation
