import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cooperation.core.filtersets import RegisterFilterSet, across_many, date_range, relation_filter, year_filter
from cooperation.core.models import SustainableDevelopmentGoal
from cooperation.organisation.models import PolicyGoal, Unit

from .choices import ProjectStatus
from .models import FundingSource, Programme, Project


class ProjectFilterSet(RegisterFilterSet):
    search_fields = ("title", "acronym", "description", "case_number", "partners__name")

    owner = django_filters.ModelChoiceFilter(label=_("Owning unit"), queryset=Unit.objects.all())
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=ProjectStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    funding_source = django_filters.ModelChoiceFilter(label=_("Funding source"), queryset=FundingSource.objects.all())
    programme = django_filters.ModelChoiceFilter(label=_("Programme"), queryset=Programme.objects.all())
    country = django_filters.ChoiceFilter(label=_("Partner country"), choices=countries, method="with_partner_in")
    sdg = django_filters.ModelChoiceFilter(
        label=_("Agenda 2030 goal"), field_name="sdgs", queryset=SustainableDevelopmentGoal.objects.all()
    )
    goal = django_filters.ModelChoiceFilter(
        label=_("Municipal goal"), field_name="goals", queryset=PolicyGoal.objects.all()
    )
    city_relation = relation_filter(Project, "city_relation")
    membership = relation_filter(Project, "membership")
    year = year_filter(_("Active in year"), "start_date", "end_date")
    start_date = date_range(_("Starts"))
    sort = django_filters.OrderingFilter(
        fields=(
            ("title", "title"),
            ("acronym", "acronym"),
            ("owner__name", "owner"),
            ("status", "status"),
            ("start_date", "start_date"),
            ("end_date", "end_date"),
            ("total_budget", "total_budget"),
        ),
    )

    def with_partner_in(self, queryset, name, value):
        return across_many(queryset, partners__country=value)

    class Meta(RegisterFilterSet.Meta):
        model = Project
        fields = []
