import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from cooperation.core.filtersets import RegisterFilterSet, date_range
from cooperation.organisation.models import Unit

from .choices import Area, NoticeState
from .models import Notice


class NoticeFilterSet(RegisterFilterSet):
    search_fields = ("number", "summary")

    area = django_filters.ChoiceFilter(label=_("Coordination area"), choices=Area.choices)
    unit = django_filters.ModelChoiceFilter(label=_("Unit"), queryset=Unit.objects.all())
    state = django_filters.MultipleChoiceFilter(
        label=_("State"), choices=NoticeState.choices, widget=forms.CheckboxSelectMultiple
    )
    mine = django_filters.BooleanFilter(label=_("Handled by me"), method="handled_by_me", widget=forms.CheckboxInput)
    overdue = django_filters.BooleanFilter(
        label=_("Unanswered too long"), method="unanswered", widget=forms.CheckboxInput
    )
    created_at = date_range(_("Submitted"))
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

    def unanswered(self, queryset, name, value):
        return queryset.overdue() if value else queryset

    def handled_by_me(self, queryset, name, value):
        return queryset.filter(assigned_to=self.request.user) if value else queryset
