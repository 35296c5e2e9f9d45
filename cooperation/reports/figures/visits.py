"""Visits in a year by kind and by month, with delegation sizes (never names)."""

from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, ExtractMonth

from cooperation.visits.choices import Direction, VisitKind
from cooperation.visits.models import Visit, VisitHost

from .scope import bounds, unit_ids


def of_year(year: int, units=None):
    """The visits that began in the year, hosted by one of the units where units are given."""
    visits = Visit.objects.filter(start_date__range=bounds(year))
    ids = unit_ids(units)
    if ids is not None:
        visits = visits.filter(pk__in=VisitHost.objects.filter(unit__in=ids).values("visit"))
    return visits


def totals(year: int, units=None) -> dict:
    """How many visits, incoming and outgoing, and how many people came in delegations."""
    return of_year(year, units).aggregate(
        visits=Count("pk"),
        incoming=Count("pk", filter=Q(direction=Direction.INCOMING)),
        outgoing=Count("pk", filter=Q(direction=Direction.OUTGOING)),
        delegates=Coalesce(Sum("delegation_size", filter=Q(direction=Direction.INCOMING)), 0),
    )


def by_kind(year: int, units=None) -> list[dict]:
    """Per kind of visit: visits and delegation members counted (the delegations' sizes)."""
    rows = (
        of_year(year, units).values("kind").annotate(visits=Count("pk"), delegates=Coalesce(Sum("delegation_size"), 0))
    )
    found = {row["kind"]: row for row in rows}
    return [
        {"kind": kind.value, "label": str(kind.label), **found.get(kind.value, {"visits": 0, "delegates": 0})}
        for kind in VisitKind
        if kind.value in found
    ]


def by_month(year: int, units=None) -> list[dict]:
    """Per month 1–12: visits begun and their delegations' sizes."""
    rows = (
        of_year(year, units)
        .values(month=ExtractMonth("start_date"))
        .annotate(visits=Count("pk"), delegates=Coalesce(Sum("delegation_size"), 0))
    )
    found = {row["month"]: row for row in rows}
    return [{"month": month, **found.get(month, {"visits": 0, "delegates": 0})} for month in range(1, 13)]


def items(year: int, units=None) -> list[dict]:
    """Every visit counted, for the appendix: no delegation member's name, only the delegation's size."""
    host = VisitHost.objects.filter(visit=OuterRef("pk")).order_by("-is_main", "unit__name").values("unit__name")[:1]
    return list(
        of_year(year, units)
        .values("pk", "title", "kind", "direction", "start_date", "country", "delegation_size")
        .annotate(main_host=Subquery(host))
        .order_by("start_date", "title", "pk")
    )
