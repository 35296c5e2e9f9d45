"""What every figure shares: the year's bounds, "active in the year", the units a report covers."""

import datetime
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from cooperation.organisation.models import Body, Unit

ZERO = Decimal(0)


def bounds(year: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day of `year`."""
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def moments(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The year on the municipality's clock, as aware times: from its first moment to the next year's first."""
    zone = timezone.get_default_timezone()
    start = datetime.datetime(year, 1, 1)
    return timezone.make_aware(start, zone), timezone.make_aware(start.replace(year=year + 1), zone)


def as_of(year: int) -> datetime.date:
    """The day a year's state is read on: its last day, or today while the year runs."""
    return min(bounds(year)[1], timezone.localdate())


def overlaps(year: int, start: str, end: str) -> Q:
    """Active in `year`: started by its last day and not ended before its first (an open end runs on)."""
    first, last = bounds(year)
    return Q(**{f"{start}__lte": last}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": first}))


def unit_ids(units):
    """The units a figure covers, as a subquery of ids; None for the whole municipality."""
    if units is None:
        return None
    if isinstance(units, Body):
        return Unit.objects.filter(body=units).values("pk")
    return Unit.objects.filter(pk__in=[getattr(unit, "pk", unit) for unit in units]).values("pk")


def of_units(units, lookup: str) -> Q:
    """The filter that keeps items of the units (`lookup` reaches the unit), or everything when `units` is None."""
    ids = unit_ids(units)
    return Q() if ids is None else Q(**{f"{lookup}__in": ids})


def or_zero(value):
    return ZERO if value is None else value


def difference(this, last):
    """This year's value less last year's; None when either is unknown."""
    return None if this is None or last is None else this - last


def money(value) -> Decimal:
    """An amount summed in the database, to the öre (SQLite sums decimals as floats)."""
    return or_zero(value if value is None or isinstance(value, Decimal) else Decimal(str(value))).quantize(
        Decimal("0.01")
    )


def ratio(part, whole) -> Decimal | None:
    """`part` ÷ `whole` as a fraction to four decimals; None when there is no whole."""
    if not whole:
        return None
    return (Decimal(str(part or 0)) / Decimal(str(whole))).quantize(Decimal("0.0001"))


def name_field(prefix: str = "") -> str:
    """The bilingual reference data's name in the active language."""
    from django.utils.translation import get_language

    return f"{prefix}name_en" if (get_language() or "sv").startswith("en") else f"{prefix}name_sv"
