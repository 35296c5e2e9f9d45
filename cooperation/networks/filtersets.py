import datetime

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_filters.widgets import BooleanWidget

from cooperation.core.dates import term_start
from cooperation.core.filtersets import RegisterFilterSet, year_filter
from cooperation.organisation.models import Unit

from .choices import MembershipKind
from .models import Membership, Organisation


def yes_no_widget() -> BooleanWidget:
    """A select of all / yes / no, for a filter that either narrows the list or leaves it whole."""
    widget = BooleanWidget()
    widget.choices = [("", _("All")), ("true", _("Yes")), ("false", _("No"))]
    return widget


def bounded_year_filter(label, start: str, end: str):
    """The shared year filter, refusing years a date cannot have (they would otherwise be a server error)."""
    year = year_filter(label, start, end)
    year.extra.update(min_value=1, max_value=9999)
    return year


def evaluation_overdue(queryset, on: datetime.date):
    """The memberships whose evaluation is overdue on `on`, as `Membership.is_evaluation_overdue(on)` decides, in
    the database. A sector-specific membership is evaluated once per term of office: never evaluated, it is overdue
    once the term it started in has ended; evaluated, once the term after the evaluation's term has ended. Other
    memberships are overdue when their next review date has passed."""
    if "last_evaluation_on" not in queryset.query.annotations:
        queryset = queryset.with_last_evaluation()
    this_term = term_start(on)
    previous_term = term_start(this_term - datetime.timedelta(days=1))
    sector_specific = Q(kind=MembershipKind.SECTOR_SPECIFIC) & (
        Q(last_evaluation_on__isnull=True, member_since__lt=this_term) | Q(last_evaluation_on__lt=previous_term)
    )
    reviewed = ~Q(kind=MembershipKind.SECTOR_SPECIFIC) & Q(next_review_on__lt=on)
    return queryset.active(on).filter(sector_specific | reviewed)


class OrganisationFilterSet(RegisterFilterSet):
    search_fields = ("name", "acronym", "description")

    country = django_filters.ChoiceFilter(label=_("Seat"), choices=countries)
    active = django_filters.BooleanFilter(
        label=_("Has an active membership"), method="filter_active", widget=yes_no_widget()
    )
    sort = django_filters.OrderingFilter(fields=(("name", "name"), ("acronym", "acronym"), ("country", "country")))

    class Meta(RegisterFilterSet.Meta):
        model = Organisation
        fields = []

    def filter_active(self, queryset, name, value):
        members = Membership.objects.active().values("organisation")
        return queryset.filter(pk__in=members) if value else queryset.exclude(pk__in=members)


class MembershipFilterSet(RegisterFilterSet):
    search_fields = ("organisation__name", "organisation__acronym", "purpose")

    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=MembershipKind.choices)
    unit = django_filters.ModelChoiceFilter(label=_("Member unit"), queryset=Unit.objects.all())
    active_on = django_filters.DateFilter(label=_("Active on"), method="filter_active_on")
    year = bounded_year_filter(_("Active in year"), "member_since", "member_until")
    overdue = django_filters.BooleanFilter(
        label=_("Evaluation overdue"), method="filter_overdue", widget=yes_no_widget()
    )
    sort = django_filters.OrderingFilter(
        fields=(
            ("organisation__name", "organisation"),
            ("kind", "kind"),
            ("unit__name", "unit"),
            ("member_since", "member_since"),
            ("member_until", "member_until"),
            ("annual_fee", "annual_fee"),
        ),
    )

    class Meta(RegisterFilterSet.Meta):
        model = Membership
        fields = []

    def filter_active_on(self, queryset, name, value):
        return queryset.active(value)

    def filter_overdue(self, queryset, name, value):
        overdue = evaluation_overdue(Membership.objects.all(), timezone.localdate()).values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)
