import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cooperation.core.filtersets import RegisterFilterSet, date_range
from cooperation.organisation.models import Unit

from .choices import OPEN_STATES, Area, NoticeState
from .models import Notice

OPEN = "open"


class NoticeFilterSet(RegisterFilterSet):
    search_fields = ("number", "summary")
    defaults = {"state": OPEN}

    area = django_filters.ChoiceFilter(label=_("Coordination area"), choices=Area.choices)
    unit = django_filters.ModelChoiceFilter(label=_("Unit"), queryset=Unit.objects.all())
    # The inbox opens on the notices that wait for someone; "All" (the empty choice) shows the closed ones too.
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=[(OPEN, pgettext_lazy("notices", "open")), *NoticeState.choices], method="in_state"
    )
    mine = django_filters.BooleanFilter(label=_("Handled by me"), method="handled_by_me", widget=forms.CheckboxInput)
    overdue = django_filters.BooleanFilter(
        label=_("Unanswered too long"), method="unanswered", widget=forms.CheckboxInput
    )
    created_at = date_range(_("Submitted"))
    year = django_filters.NumberFilter(label=_("Year"), field_name="created_at", lookup_expr="year")
    sort = django_filters.OrderingFilter(
        fields=(
            ("created_at", "created_at"),
            ("number", "number"),
            ("area", "area"),
            ("unit__name", "unit"),
            ("state", "state"),
        ),
    )

    class Meta(RegisterFilterSet.Meta):
        model = Notice
        fields = []

    def in_state(self, queryset, name, value):
        return queryset.filter(state__in=OPEN_STATES if value == OPEN else [value])

    def unanswered(self, queryset, name, value):
        return queryset.overdue() if value else queryset

    def handled_by_me(self, queryset, name, value):
        return queryset.filter(assigned_to=self.request.user) if value else queryset
