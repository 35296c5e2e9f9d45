from django.utils.translation import gettext_lazy as _

from cooperation.core.forms import DomainModelForm
from cooperation.organisation.forms import own_units
from cooperation.organisation.models import Unit
from cooperation.organisation.roles import is_coordinator, unit_ids

from .models import Consultation

FIELDSETS = [
    (_("The consultation"), ["title", "origin", "eu_initiative", "reference", "link"]),
    (_("Received"), ["unit", "received_on", "deadline", "brussels_office_involved"]),
    (_("The answer"), ["status", "answer", "answered_on", "decision"]),
]


class ConsultationForm(DomainModelForm):
    class Meta:
        model = Consultation
        fields = [name for _title, names in FIELDSETS for name in names]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None and not is_coordinator(self.user):
            # An official registers consultations received by the units they work in.
            self.fields["unit"].queryset = Unit.objects.filter(pk__in=unit_ids(self.user))
        self.fields["decision"].queryset = self.fields["decision"].queryset.select_related("body")
        own_units(self)
