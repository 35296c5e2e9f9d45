"""What every register's filterset shares: one free-text search and sorting by a whitelist of columns."""

import datetime

import django_filters
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.http import QueryDict
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from . import search
from .forms import DateInput, FkuiFormMixin
from .models import AuditEvent, AuditEventKind


class FilterForm(FkuiFormMixin, forms.Form):
    """The filter form in FKUI's markup; a choice left empty filters nothing."""

    empty_choice = _("All")
    read_choices_once = True


class RegisterFilterSet(django_filters.FilterSet):
    """A register's filters. Subclasses set `search_fields` and declare `sort` as an OrderingFilter; `defaults`
    narrows the list a bare URL shows (the inbox: open notices), and the empty value of the same filter widens it."""

    search_fields: tuple[str, ...] = ()
    defaults: dict[str, str] = {}

    q = django_filters.CharFilter(label=_("Search"), method="search")

    class Meta:
        form = FilterForm

    def __init__(self, data=None, *args, **kwargs):
        if self.defaults and any(name not in (data or {}) for name in self.defaults):
            data = data.copy() if data is not None else QueryDict(mutable=True)
            for name, value in self.defaults.items():
                data.setdefault(name, value)
        super().__init__(data, *args, **kwargs)
        for each in self.filters.values():
            if isinstance(each, django_filters.NumberFilter):
                bound_number(each)
            if each.distinct and each.method is None and not reaches_many(self._meta.model, each.field_name):
                # django-filter's several-choice filter is DISTINCT by default: over every column, text included,
                # and the count through it, where a column of the item's own cannot repeat a row
                each.distinct = False

    def active_count(self) -> int:
        """How many filters narrow the list (the toggle says "Filter (2)"); sorting and empty ranges do not."""
        if not self.is_bound or not self.form.is_valid():
            given = [key for key, value in self.data.items() if value]
            return sum(1 for name in self.form.fields if name != "sort" and any(key.startswith(name) for key in given))
        return sum(1 for name, value in self.form.cleaned_data.items() if name != "sort" and narrows(value))

    def search(self, queryset, name, value):
        """Every word in one of the search fields, as `icontains` finds it, through the search indexes
        (core.search). A field across a to-many relation (a project's partners) is searched in a subquery, so an
        item with two matching rows is still one row of the list and its count; only related rows the user may read
        count (`core.search.condition`)."""
        return search.searched(queryset, self.search_fields, value, user=getattr(self.request, "user", None))


def across_many(queryset, **lookups):
    """`queryset.filter(**lookups)` for lookups that cross a to-many relation (a project's partners), as a subquery:
    each item is one row of the list and its count, without a DISTINCT over every column."""
    return queryset.filter(pk__in=queryset.model._default_manager.filter(**lookups).values("pk"))


def reaches_many(model, path: str) -> bool:
    """Whether a lookup path crosses a to-many relation (a reverse foreign key or a many-to-many)."""
    for name in path.split("__"):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        if field.many_to_many or field.one_to_many:
            return True
        if not field.is_relation:
            return False
        model = field.related_model
    return False


def narrows(value) -> bool:
    """Whether a cleaned filter value filters anything: an empty from–to range is a slice of two Nones."""
    if isinstance(value, slice):
        return value.start is not None or value.stop is not None
    return value not in (None, "", [], (), False)


# Numbers a filter may be given: a year a date can have, an amount the database can compare. Anything else is a
# message on the filter, not a query that fails (`year=0`, `year=1e5`, `amount=1e400`).
YEAR_BOUNDS = (datetime.MINYEAR, datetime.MAXYEAR)
NUMBER_BOUNDS = (-(10**15), 10**15)


def bound_number(number_filter):
    """Give a number filter bounds (and, for years, whole numbers) unless it declares narrower ones."""
    is_year = number_filter.lookup_expr.split("__")[-1] in ("year", "iso_year")
    low, high = YEAR_BOUNDS if is_year else NUMBER_BOUNDS
    extra = number_filter.extra
    extra["min_value"] = max(extra.get("min_value", low), low)
    extra["max_value"] = min(extra.get("max_value", high), high)
    if is_year:
        extra["decimal_places"] = 0


def relation_filter(model, name: str):
    """A dropdown of the rows the item's foreign key `name` may point to, labelled as the field: an item's page
    leads to its list filtered so (a relation's page to its projects)."""
    field = model._meta.get_field(name)
    return django_filters.ModelChoiceFilter(
        label=capfirst(field.verbose_name), queryset=field.related_model._default_manager.all()
    )


def date_range(label):
    """A from–to filter on a date, as two plain date inputs, each with its own accessible name."""
    widget = django_filters.widgets.RangeWidget(attrs={"type": "date", "class": "text-field__input"})
    for subwidget, end in zip(widget.widgets, (_("from"), _("until")), strict=True):
        subwidget.attrs = {**subwidget.attrs, "aria-label": format_lazy("{} {}", label, end)}
    return django_filters.DateFromToRangeFilter(label=label, widget=widget)


def year_filter(label, start: str, end: str):
    """Items active during a year: started by its end and not ended before its start."""

    def active_in(queryset, name, year):
        return queryset.filter(
            Q(**{f"{start}__year__lte": year}) | Q(**{f"{start}__isnull": True}),
            Q(**{f"{end}__year__gte": year}) | Q(**{f"{end}__isnull": True}),
        )

    return django_filters.NumberFilter(
        label=label, min_value=1900, max_value=2200, method=lambda qs, name, value: active_in(qs, name, int(value))
    )


class AuditEventFilterSet(django_filters.FilterSet):
    """The audit log's filters: the event, the user (by username, so failed sign-ins to unknown names are found
    too), the address and the dates."""

    event = django_filters.ChoiceFilter(label=_("Event"), choices=AuditEventKind.choices)
    username = django_filters.CharFilter(label=_("User"), lookup_expr="iexact")
    address = django_filters.CharFilter(label=_("Address"))
    at = date_range(_("Date"))

    class Meta:
        model = AuditEvent
        fields = []
        form = FilterForm


__all__ = ["AuditEventFilterSet", "RegisterFilterSet", "date_range", "year_filter", "DateInput"]
