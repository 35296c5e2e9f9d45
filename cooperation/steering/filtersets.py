import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.core.filtersets import RegisterFilterSet, across_many, date_range, year_filter
from cooperation.organisation.models import Policy

from .choices import ActivityStatus
from .models import ActionPlan, Evaluation, PositionPaper

SUBJECTS = [
    ("city_relation", _("city relation")),
    ("membership", _("network")),
    ("project_work", _("the project work as a whole")),
]


def by_subject(queryset, name, value):
    if value == "project_work":
        return queryset.filter(is_project_work=True)
    return queryset.filter(**{f"{value}__isnull": False})


class PositionPaperFilterSet(RegisterFilterSet):
    search_fields = (
        "title",
        "versions__purpose",
        "versions__background",
        "city_relation__city",
        "membership__organisation__name",
    )

    subject = django_filters.ChoiceFilter(label=_("Concerns"), choices=SUBJECTS, method=by_subject)
    review_due = django_filters.BooleanFilter(label=_("Review due"), method="due", widget=forms.CheckboxInput)
    sort = django_filters.OrderingFilter(fields=(("title", "title"),))

    class Meta(RegisterFilterSet.Meta):
        model = PositionPaper
        fields = []

    def due(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(versions__status="adopted", versions__next_review_on__lte=timezone.localdate())


class PolicyFilterSet(RegisterFilterSet):
    search_fields = ("title", "summary", "goals__title")
    sort = django_filters.OrderingFilter(fields=(("title", "title"), ("valid_from", "valid_from")))

    class Meta(RegisterFilterSet.Meta):
        model = Policy
        fields = []


class ActionPlanFilterSet(RegisterFilterSet):
    search_fields = ("title", "goals", "priorities", "activities__title")

    subject = django_filters.ChoiceFilter(label=_("Concerns"), choices=SUBJECTS, method=by_subject)
    activity_status = django_filters.ChoiceFilter(
        label=_("Has activities that are"),
        choices=ActivityStatus.choices,
        method="with_activities",
    )
    year = year_filter(_("Active in year"), "start_date", "end_date")
    sort = django_filters.OrderingFilter(
        fields=(("title", "title"), ("start_date", "start_date"), ("end_date", "end_date"))
    )

    def with_activities(self, queryset, name, status):
        return across_many(queryset, activities__status=status)

    class Meta(RegisterFilterSet.Meta):
        model = ActionPlan
        fields = []


class EvaluationFilterSet(RegisterFilterSet):
    search_fields = ("conclusions", "city_relation__city", "membership__organisation__name", "position_paper__title")

    subject = django_filters.ChoiceFilter(
        label=_("Concerns"), choices=[*SUBJECTS, ("position_paper", _("position paper"))], method=by_subject
    )
    date = date_range(_("Date"))
    year = django_filters.NumberFilter(label=_("Year"), field_name="date", lookup_expr="year")
    overdue = django_filters.BooleanFilter(label=_("Next evaluation overdue"), method="due", widget=forms.CheckboxInput)
    sort = django_filters.OrderingFilter(fields=(("date", "date"), ("next_due_on", "next_due_on")))

    class Meta(RegisterFilterSet.Meta):
        model = Evaluation
        fields = []

    def due(self, queryset, name, value):
        return queryset.filter(Q(next_due_on__lt=timezone.localdate())) if value else queryset
