"""Figures for the annual report: notices per area and unit, and how fast the central office answered."""

import statistics
from collections import Counter

from django.utils import timezone

from cooperation.core.dates import working_days_between


def notice_figures(notices) -> dict:
    """From a queryset of notices: counts per area and unit, and the median and 90th percentile of working days
    to the office's first answer (over the answered ones)."""
    rows = list(notices.values_list("area", "unit__name", "created_at", "first_answered_at"))
    waits = sorted(
        working_days_between(timezone.localtime(created).date(), timezone.localtime(answered).date())
        for _area, _unit, created, answered in rows
        if answered
    )
    return {
        "total": len(rows),
        "per_area": dict(Counter(area for area, *_rest in rows)),
        "per_unit": dict(Counter(unit for _area, unit, *_rest in rows)),
        "answered": len(waits),
        "median_days": statistics.median(waits) if waits else None,
        "p90_days": percentile(waits, 90) if waits else None,
    }


def percentile(values: list, p: int):
    """The nearest-rank percentile of sorted `values`."""
    rank = max(1, -(-p * len(values) // 100))  # ceil(p/100 · n)
    return values[rank - 1]
