"""Which units had items active in a year, each unit's items, and what is missing from them before it accounts."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from cooperation.cities.models import CityActivity
from cooperation.networks.models import Membership, MembershipFee
from cooperation.organisation.models import Unit
from cooperation.projects.choices import FundingKind, ProjectStatus
from cooperation.projects.models import Project, ProjectFinance
from cooperation.visits.models import Visit

from .figures.scope import as_of, bounds, overlaps


def projects(year: int):
    # A rejected application was never active; an idea without a start date has not begun.
    return Project.objects.exclude(status=ProjectStatus.REJECTED).filter(overlaps(year, "start_date", "end_date"))


def memberships(year: int):
    return Membership.objects.filter(overlaps(year, "member_since", "member_until"))


def activities(year: int):
    return CityActivity.objects.filter(overlaps(year, "start_date", "end_date"))


def visits(year: int):
    first, last = bounds(year)
    return Visit.objects.filter(start_date__range=(first, last))


def units_with_items(year: int):
    """The units that owned, did or hosted something in the year: each gets a task in the follow-up."""
    ids = set(projects(year).values_list("owner_id", flat=True))
    ids |= set(memberships(year).values_list("unit_id", flat=True))
    ids |= set(activities(year).values_list("unit_id", flat=True))
    ids |= set(visits(year).values_list("hosts__unit_id", flat=True))
    ids.discard(None)
    return Unit.objects.filter(pk__in=ids).order_by("name")


@dataclass
class UnitItems:
    """A unit's items in the year, and what they lack: (item, what is missing) pairs."""

    projects: list = field(default_factory=list)
    memberships: list = field(default_factory=list)
    activities: list = field(default_factory=list)
    visits: list = field(default_factory=list)
    missing: list = field(default_factory=list)


def unit_items(unit, year: int) -> UnitItems:
    found = UnitItems(
        projects=list(
            projects(year)
            .filter(owner=unit)
            .annotate(has_finance_row=Exists(ProjectFinance.objects.filter(project=OuterRef("pk"), year=year)))
            .select_related("decision__body", "funding_source")
            .order_by("title")
        ),
        memberships=list(
            memberships(year)
            .filter(unit=unit)
            .with_last_evaluation()
            .annotate(has_fee_row=Exists(MembershipFee.objects.filter(membership=OuterRef("pk"), year=year)))
            .select_related("organisation", "unit__body")
        ),
        activities=list(activities(year).filter(unit=unit).select_related("relation")),
        visits=list(visits(year).filter(hosts__unit=unit).distinct().order_by("start_date")),
    )
    found.missing = missing(found, year)
    return found


def missing(found: UnitItems, year: int) -> list[tuple[object, str]]:
    """What the unit should fix before it accounts for the year."""
    # What is overdue is judged at the year's end, or today while the year is still running.
    on = as_of(year)
    problems = []
    for project in found.projects:
        if project.decision_id is None:
            problems.append((project, _("no decision recorded")))
        if not project.results.strip():
            problems.append((project, _("no results written")))
        if needs_finance_row(project):
            problems.append((project, _("no finance rows for {year}").format(year=year)))
    for membership in found.memberships:
        if membership.is_evaluation_overdue(on):
            problems.append((membership, _("evaluation overdue")))
        if membership.annual_fee and not getattr(membership, "has_fee_row", True):
            problems.append((membership, _("no fee paid recorded for {year}").format(year=year)))
    return problems


def needs_finance_row(project) -> bool:
    """A project with money to account for (external funding, or a source other than "no external funding") lacks
    the year's finance row; an idea has none yet."""
    has_money = project.external_funding is not None or project.funding_source.kind != FundingKind.NONE
    return has_money and project.status != ProjectStatus.IDEA and not getattr(project, "has_finance_row", True)
