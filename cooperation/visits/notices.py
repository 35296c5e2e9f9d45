"""A protocol or VIP visit registered by a unit, or a visit changed into one, is the central office's to run."""

from django.utils.translation import gettext as _

from cooperation.notices import synergies
from cooperation.notices.choices import Area
from cooperation.notices.triggers import Item, register

from .choices import COORDINATED_KINDS


def summary(visit, created: bool, before: dict) -> str | None:
    if visit.kind in COORDINATED_KINDS and (created or before.get("kind") not in COORDINATED_KINDS):
        return _("A request for a {kind} was registered: {item}.").format(kind=visit.get_kind_display(), item=visit)
    return None


# The office registering its own protocol and VIP visits needs no notice to itself.
register(
    Item(
        "visits.Visit",
        Area.VISITS,
        "visit",
        unit=lambda visit: visit.main_host if visit.pk else None,
        summary=summary,
        watched=("kind",),
        skip_coordinators=True,
    )
)


def synergy_keys(visit) -> list:
    """The organisation visiting or visited, the city, and the country abroad with the visit's Agenda 2030 goals."""
    return [
        synergies.Key(synergies.SynergyKind.PARTNER, visit.visiting_organisation),
        synergies.city(visit.city, visit.country),
        *synergies.country_themes(visit.country, visit.sdgs.all()),
    ]


def host(visit):
    """The main host, or the first host where none is named."""
    hosts = list(visit.hosts.all())
    return visit.main_host or (hosts[0].unit if hosts else None)


synergies.register(
    synergies.Source(
        "visits.Visit",
        keys=synergy_keys,
        unit=host,
        period=lambda visit: synergies.months(visit.start_date, visit.end_date),  # the same city in the same month
        rows={"visits.VisitHost": "visit"},
        many=("sdgs",),
        related=("hosts__unit", "sdgs"),
    )
)
