"""Evaluations and reviews overdue when the year is read: city relations, memberships, position papers, the policy."""

from django.db.models import F, Q, Value

from cooperation.cities.choices import RelationStatus
from cooperation.organisation.models import Policy
from cooperation.steering.choices import VersionStatus
from cooperation.steering.models import PositionPaperVersion

from . import cities, memberships
from .scope import as_of


def overdue(year: int, units=None) -> list[dict]:
    """Every review or evaluation whose due day had passed when the year is read (its last day, or today)."""
    on = as_of(year)
    relations = (
        cities.active(year, units)
        .filter(next_review_on__lt=on)
        .exclude(Q(status=RelationStatus.ENDED) & Q(ended_on__lte=on))
        .values("pk", "next_review_on", title=F("city"), subject=Value("city_relation"))
    )
    found = [{**row, "due_on": row.pop("next_review_on")} for row in relations]
    for row in memberships.rows(year, units):
        if row["overdue"]:
            found.append(
                {
                    "pk": row["pk"],
                    "title": row["organisation_name"],
                    "subject": "membership",
                    "due_on": row["evaluation_due_on"],
                }
            )
    if units is None:  # the position papers and the policy are the whole municipality's
        papers = PositionPaperVersion.objects.filter(status=VersionStatus.ADOPTED, next_review_on__lt=on)
        found += [
            {**row, "subject": "position_paper", "due_on": row.pop("next_review_on")}
            for row in papers.values("pk", "next_review_on", title=F("paper__title"))
        ]
        policies = Policy.objects.filter(next_revision_on__lt=on).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=on)
        )
        found += [
            {**row, "subject": "policy", "due_on": row.pop("next_revision_on")}
            for row in policies.values("pk", "title", "next_revision_on")
        ]
    return sorted(found, key=lambda row: (row["due_on"], row["title"]))
