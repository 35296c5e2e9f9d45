import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cooperation.core.filtersets import RegisterFilterSet
from cooperation.core.models import SustainableDevelopmentGoal
from cooperation.organisation.models import PolicyGoal, Unit

from .choices import RelationKind, RelationStatus
from .models import CityRelation


class CityRelationFilterSet(RegisterFilterSet):
    search_fields = ("city", "description", "priority_areas")

    kind = django_filters.MultipleChoiceFilter(
        label=_("Kind"), choices=RelationKind.choices, widget=forms.CheckboxSelectMultiple
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=RelationStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    country = django_filters.ChoiceFilter(label=_("Country"), choices=countries)
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit doing the work"), field_name="units", queryset=Unit.objects.all()
    )
    sdg = django_filters.ModelChoiceFilter(
        label=_("Agenda 2030 goal"), field_name="sdgs", queryset=SustainableDevelopmentGoal.objects.all()
    )
    goal = django_filters.ModelChoiceFilter(
        label=_("Municipal goal"), field_name="goals", queryset=PolicyGoal.objects.all()
    )
    review_overdue = django_filters.BooleanFilter(
        label=_("Review overdue"), method="overdue", widget=forms.CheckboxInput
    )
    year = django_filters.NumberFilter(label=_("Active in year"), method="active_in", min_value=1900, max_value=2200)
    sort = django_filters.OrderingFilter(
        fields=(
            ("city", "city"),
            ("country", "country"),
            ("kind", "kind"),
            ("status", "status"),
            ("since_year", "since_year"),
            ("next_review_on", "next_review_on"),
        ),
    )

    def active_in(self, queryset, name, year):
        """Relations that had begun by the year and had not ended before it."""
        year = int(year)
        return queryset.filter(
            Q(since_year__lte=year) | Q(since_year__isnull=True), Q(ended_on__year__gte=year) | Q(ended_on__isnull=True)
        )

    class Meta(RegisterFilterSet.Meta):
        model = CityRelation
        fields = []

    def overdue(self, queryset, name, value):
        """Relations whose next review date has passed."""
        if not value:
            return queryset
        return queryset.filter(next_review_on__lt=timezone.localdate())
