"""City relations in a year and their activities: activities under each relation, visits linked to it."""

from django.db.models import Count, F, Q

from cooperation.cities.choices import RelationStatus
from cooperation.cities.models import CityActivity, CityRelation

from .scope import bounds, of_units, overlaps, unit_ids


def active(year: int, units=None):
    """The relations that stood some time in the year (begun by then, where the year is known, and not ended before
    it), worked on by one of the units where units are given."""
    first, last = bounds(year)
    relations = CityRelation.objects.filter(
        Q(since_year__isnull=True) | Q(since_year__lte=year), Q(ended_on__isnull=True) | Q(ended_on__gte=first)
    )
    ids = unit_ids(units)
    if ids is not None:
        worked_on = CityRelation.units.through.objects.filter(unit__in=ids).values("cityrelation")
        done = CityActivity.objects.filter(unit__in=ids).values("relation")
        relations = relations.filter(Q(pk__in=worked_on) | Q(pk__in=done))
    return relations


def activities(year: int, units=None):
    """The activities under a relation that ran some time in the year, of the units where units are given."""
    return CityActivity.objects.filter(overlaps(year, "start_date", "end_date"), of_units(units, "unit"))


def rows(year: int, units=None) -> list[dict]:
    """One row per relation: kind, status, and the year's activities and visits linked to it."""
    first, last = bounds(year)
    year_activities = Q(activities__in=activities(year, units).values("pk"))
    relations = active(year, units).annotate(
        activity_count=Count("activities", filter=year_activities, distinct=True),
        visit_count=Count("visits", filter=Q(visits__start_date__range=(first, last)), distinct=True),
    )
    return list(
        relations.values(
            "pk", "city", "country", "kind", "status", "since_year", "ended_on", "activity_count", "visit_count"
        ).order_by("city", "pk")
    )


def totals(year: int, units=None) -> dict:
    counts = active(year, units).aggregate(
        relations=Count("pk"),
        dormant=Count("pk", filter=Q(status=RelationStatus.DORMANT)),
        ended=Count("pk", filter=Q(ended_on__year=year)),
    )
    return {**counts, "activities": activities(year, units).count()}


def activity_items(year: int, units=None) -> list[dict]:
    """Every activity counted, for the report and its appendix."""
    return list(
        activities(year, units)
        .values("pk", "title", "start_date", "end_date", relation_city=F("relation__city"), unit_name=F("unit__name"))
        .order_by("start_date", "pk")
    )
