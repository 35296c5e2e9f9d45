import django_filters
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cooperation.core.filtersets import RegisterFilterSet, date_range

from .choices import BodyKind
from .models import Body, Decision


def labelled_date_range(label):
    """`date_range` whose two inputs have names of their own ("Date, from", "Date, to"): the shared label cannot
    point at both, and an input without a name fails WCAG 1.3.1 / 4.1.2."""
    dates = date_range(label)
    first, second = dates.extra["widget"].widgets
    first.attrs["aria-label"] = format_lazy(_("{label}, from"), label=label)
    second.attrs["aria-label"] = format_lazy(_("{label}, to"), label=label)
    return dates


class DecisionFilterSet(RegisterFilterSet):
    search_fields = ("title", "summary", "case_number", "paragraph")

    body = django_filters.ModelChoiceFilter(label=_("Decided by"), queryset=Body.objects.all())
    body_kind = django_filters.ChoiceFilter(label=_("Kind of body"), field_name="body__kind", choices=BodyKind.choices)
    year = django_filters.NumberFilter(label=_("Year"), field_name="date", lookup_expr="year")
    date = labelled_date_range(_("Date"))
    # Each column sorts by its own name (a relation by its model's ordering, i.e. by name): the list view links
    # the header to the model path, so path and column name must be the same.
    sort = django_filters.OrderingFilter(
        fields=(
            ("title", "title"),
            ("body", "body"),
            ("date", "date"),
            ("paragraph", "paragraph"),
            ("case_number", "case_number"),
        ),
    )

    class Meta(RegisterFilterSet.Meta):
        model = Decision
        fields = []
