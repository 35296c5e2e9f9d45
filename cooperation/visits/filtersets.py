import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cooperation.core.filtersets import RegisterFilterSet, across_many, relation_filter
from cooperation.organisation.models import Unit
from cooperation.organisation.roles import unit_ids

from .choices import Direction, VisitKind
from .models import Visit


class VisitFilterSet(RegisterFilterSet):
    # Not the delegation's names: a person's name is found where it is shown (on the visit's page, to those who may
    # see it), and a relation beside the visit's own texts would make a common word read every visit.
    search_fields = ("title", "visiting_organisation", "city", "purpose", "topics")

    mine = django_filters.BooleanFilter(
        label=_("My units' visits"),
        method="hosted_by_my_units",
        widget=forms.CheckboxInput,
        help_text=_("Visits that one of your units hosts."),
    )
    kind = django_filters.MultipleChoiceFilter(
        label=_("Kind"), choices=VisitKind.choices, widget=forms.CheckboxSelectMultiple
    )
    direction = django_filters.ChoiceFilter(label=_("Direction"), choices=Direction.choices)
    host = django_filters.ModelChoiceFilter(label=_("Host unit"), queryset=Unit.objects.all(), method="hosted_by")
    country = django_filters.ChoiceFilter(label=_("Country"), choices=countries)
    city_relation = relation_filter(Visit, "city_relation")
    membership = relation_filter(Visit, "membership")
    # A visit belongs to the year it starts in; visits rarely span a new year.
    year = django_filters.NumberFilter(
        label=_("Year"), field_name="start_date", lookup_expr="year", min_value=1900, max_value=2999
    )
    # Two labelled date inputs rather than core's date_range, whose second input has no label.
    starts_from = django_filters.DateFilter(label=_("Starts on or after"), field_name="start_date", lookup_expr="gte")
    starts_until = django_filters.DateFilter(label=_("Starts on or before"), field_name="start_date", lookup_expr="lte")
    sort = django_filters.OrderingFilter(
        fields=(
            ("title", "title"),
            ("kind", "kind"),
            ("direction", "direction"),
            ("start_date", "start_date"),
            ("end_date", "end_date"),
            ("country", "country"),
            ("delegation_size", "delegation_size"),
        ),
    )

    def hosted_by_my_units(self, queryset, name, value):
        if not value:
            return queryset
        return across_many(queryset, hosts__unit__in=unit_ids(self.request.user))

    def hosted_by(self, queryset, name, unit):
        return across_many(queryset, hosts__unit=unit)

    class Meta(RegisterFilterSet.Meta):
        model = Visit
        fields = []
