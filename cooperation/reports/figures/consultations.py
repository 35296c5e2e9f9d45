"""Consultations in a year: received and answered per unit, those on an EU initiative, the Brussels office's."""

from django.db.models import Count, F, Q

from cooperation.consultations.choices import ConsultationStatus
from cooperation.consultations.models import Consultation

from .scope import bounds, of_units


def of_year(year: int, units=None):
    """Consultations received or answered in the year."""
    first, last = bounds(year)
    return Consultation.objects.filter(
        Q(received_on__range=(first, last)) | Q(answered_on__range=(first, last)), of_units(units, "unit")
    )


def counts(year: int, units=None) -> dict:
    return of_year(year, units).aggregate(**_counts(year))


def per_unit(year: int, units=None) -> list[dict]:
    return list(of_year(year, units).values(unit_name=F("unit__name")).annotate(**_counts(year)).order_by("unit_name"))


def _counts(year: int) -> dict:
    first, last = bounds(year)
    answered = Q(status=ConsultationStatus.ANSWERED, answered_on__range=(first, last))
    return {
        "received": Count("pk", filter=Q(received_on__range=(first, last))),
        "answered": Count("pk", filter=answered),
        "eu_initiative": Count("pk", filter=answered & ~Q(eu_initiative="")),
        "brussels_office": Count("pk", filter=answered & Q(brussels_office_involved=True)),
    }


def items(year: int, units=None) -> list[dict]:
    return list(
        of_year(year, units)
        .values(
            "pk", "title", "origin", "status", "received_on", "answered_on", "eu_initiative", unit_name=F("unit__name")
        )
        .order_by("received_on", "pk")
    )
