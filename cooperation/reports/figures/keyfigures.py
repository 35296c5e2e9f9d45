"""The key figures of a year against the year before, with the difference: the report's first table and the start
page's "Portföljen i korthet"."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from . import cities, consultations, memberships, notices, projects, visits
from .scope import difference


@dataclass
class KeyFigure:
    key: str
    label: str
    this_year: int | Decimal | None
    last_year: int | Decimal | None
    is_money: bool = False  # in SEK

    @property
    def difference(self):
        return difference(self.this_year, self.last_year)


LABELS = {
    "projects_active": _("Projects active"),
    "projects_started": _("Projects started"),
    "projects_ended": _("Projects ended"),
    "funding_granted": _("External funding granted (SEK)"),
    "funding_paid_out": _("External funding paid out (SEK)"),
    "eu_funding_granted": _("EU funding granted (SEK)"),
    "own_contribution": _("Own contribution (SEK)"),
    "visits": _("Visits"),
    "delegates": _("Visitors in incoming delegations"),
    "memberships": _("Active memberships"),
    "membership_fees": _("Membership fees (SEK)"),
    "city_relations": _("City relations"),
    "city_activities": _("Activities under city relations"),
    "consultations_answered": _("Consultations answered"),
    "notices": _("Coordination notices"),
    "notice_median_days": _("Median working days to the first answer"),
    "overdue_evaluations": _("Membership evaluations overdue"),
}
MONEY = {"funding_granted", "funding_paid_out", "eu_funding_granted", "own_contribution", "membership_fees"}


def values(year: int, units=None) -> dict:
    """The key figures of one year, by key."""
    project_counts = projects.counts(year, units)
    money = projects.funding(year, units)
    visit_totals = visits.totals(year, units)
    membership_totals = memberships.totals(year, units)
    fees = {row["currency"]: row["amount"] for row in memberships.fees(year, units)}
    notice_summary = notices.summary(year, units)
    return {
        "projects_active": project_counts["active"],
        "projects_started": project_counts["started"],
        "projects_ended": project_counts["ended"],
        "funding_granted": money["granted"],
        "funding_paid_out": money["paid"],
        "eu_funding_granted": money["eu"],
        "own_contribution": money["own_total"],
        "visits": visit_totals["visits"],
        "delegates": visit_totals["delegates"],
        "memberships": membership_totals["memberships"],
        "membership_fees": fees.get("SEK", Decimal("0.00")),
        "city_relations": cities.active(year, units).count(),
        "city_activities": cities.activities(year, units).count(),
        "consultations_answered": consultations.counts(year, units)["answered"],
        "notices": notice_summary["total"],
        "notice_median_days": notice_summary["median_days"],
        "overdue_evaluations": membership_totals["overdue"],
    }


def key_figures(year: int, units=None) -> list[KeyFigure]:
    """This year's key figures against last year's."""
    this, last = values(year, units), values(year - 1, units)
    return [KeyFigure(key, str(label), this[key], last[key], key in MONEY) for key, label in LABELS.items()]
