"""Coordination notices raised in a year, per area and unit, and how fast the central office first answered them
(median and 90th percentile of working days, from `notices.figures.notice_figures`)."""

from django.db.models import Count, F

from cooperation.notices.choices import Area
from cooperation.notices.figures import notice_figures
from cooperation.notices.models import Notice

from .scope import moments, of_units


def of_year(year: int, units=None):
    """The notices submitted in the year on the municipality's clock (a notice at 00:30 on 1 January is the new
    year's)."""
    start, end = moments(year)
    return Notice.objects.filter(of_units(units, "unit"), created_at__gte=start, created_at__lt=end)


def summary(year: int, units=None) -> dict:
    """Total, answered, median and 90th percentile working days to the first answer, over the year's notices."""
    return notice_figures(of_year(year, units))


def per_area(year: int, units=None) -> list[dict]:
    """Per coordination area: notices and the working days to their first answer (one query per area)."""
    rows = []
    for area in Area:
        figures = notice_figures(of_year(year, units).filter(area=area))
        if figures["total"]:
            rows.append({"area": area.value, "label": str(area.label), **figures})
    return rows


def per_unit_and_area(year: int, units=None) -> list[dict]:
    """Notices per raising unit and area."""
    return list(
        of_year(year, units)
        .values("area", unit_name=F("unit__name"))
        .annotate(notices=Count("pk"))
        .order_by("unit_name", "area")
    )


def items(year: int, units=None) -> list[dict]:
    return list(
        of_year(year, units)
        .values("pk", "number", "area", "state", "created_at", "first_answered_at", unit_name=F("unit__name"))
        .order_by("created_at", "pk")
    )
