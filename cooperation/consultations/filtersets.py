import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.core.filtersets import RegisterFilterSet
from cooperation.organisation.filtersets import labelled_date_range
from cooperation.organisation.models import Unit

from .choices import ConsultationStatus, Origin
from .models import Consultation


class ConsultationFilterSet(RegisterFilterSet):
    search_fields = ("title", "eu_initiative", "reference", "answer")

    origin = django_filters.MultipleChoiceFilter(
        label=_("Origin"), choices=Origin.choices, widget=forms.CheckboxSelectMultiple
    )
    unit = django_filters.ModelChoiceFilter(label=_("Received by"), queryset=Unit.objects.all())
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=ConsultationStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    deadline = labelled_date_range(_("Deadline"))
    eu = django_filters.BooleanFilter(
        label=_("Concerns an EU initiative"), widget=forms.CheckboxInput, method="concerns_eu_initiative"
    )
    overdue = django_filters.BooleanFilter(
        label=_("Deadline passed and not answered"), widget=forms.CheckboxInput, method="deadline_passed"
    )
    # Each column sorts by its own name (a relation by its model's ordering, i.e. by name): the list view links
    # the header to the model path, so path and column name must be the same.
    year = django_filters.NumberFilter(label=_("Year received"), field_name="received_on", lookup_expr="year")
    sort = django_filters.OrderingFilter(
        fields=(
            ("title", "title"),
            ("origin", "origin"),
            ("unit", "unit"),
            ("received_on", "received_on"),
            ("deadline", "deadline"),
            ("status", "status"),
        ),
    )

    class Meta(RegisterFilterSet.Meta):
        model = Consultation
        fields = []

    def concerns_eu_initiative(self, queryset, name, value):
        return queryset.filter(eu_initiative__regex=r"\S") if value else queryset

    def deadline_passed(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(deadline__lt=timezone.localdate()) & ~Q(status=ConsultationStatus.ANSWERED))
