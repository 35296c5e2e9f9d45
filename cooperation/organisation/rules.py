"""The policy's standing rules, checked by the registers where they apply (DOMAIN.md 2.1, 2.4; the seeds)."""

import datetime

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from cooperation.core.models import CountryClassification

from .models import policy_in_force

ANALYSIS_MISSING = _("{field}: the municipality's policy asks for this before the cooperation is decided.")
DEMOCRACY_MISSING = _(
    "{field}: the partner country is not counted as a democracy ({countries}); say how democracy and human rights "
    "are addressed before the cooperation is decided, as the municipality's policy asks."
)
TRAVEL_MISSING = _("{field}: the municipality's policy asks how near expertise and digital meetings were considered.")

# What the analysis before a cooperation holds (Lidköping); democracy considerations only for non-democracies.
ANALYSIS_FIELDS = ("benefit_risk_analysis", "partner_choice_grounds")

TRAVEL_HELP = _(
    "Near expertise before far, digital meetings whenever possible: say in a sentence or two which near or "
    "digital alternatives were considered and why this was chosen. A text rather than a tick box, so the "
    "consideration can be read afterwards; required where the municipality's policy asks for it."
)


def label(item, field: str) -> str:
    return capfirst(item._meta.get_field(field).verbose_name)


def non_democracies(countries) -> list[str]:
    """The names of `countries` (codes or Country objects) that the reference data does not count as democracies."""
    codes = {str(getattr(country, "code", country)) for country in countries if country}
    rows = CountryClassification.objects.filter(country__in=codes, is_democracy=False)
    return sorted(str(row.country.name) for row in rows)


def cooperation_analysis_errors(item, decided_on: datetime.date, countries) -> dict:
    """Lidköping: "before new international cooperation starts" a benefit and risk analysis and the grounds for the
    choice of partner, and where a partner country is not a democracy how democracy and human rights are addressed.
    Checked when the policy in force on `decided_on`, the day the cooperation is decided, asks for it."""
    policy = policy_in_force(decided_on)
    if policy is None or not policy.requires_cooperation_analysis:
        return {}
    errors = {
        field: ANALYSIS_MISSING.format(field=label(item, field))
        for field in ANALYSIS_FIELDS
        if not getattr(item, field).strip()
    }
    undemocratic = non_democracies(countries)
    if undemocratic and not item.democracy_considerations.strip():
        errors["democracy_considerations"] = DEMOCRACY_MISSING.format(
            field=label(item, "democracy_considerations"), countries=", ".join(undemocratic)
        )
    return errors


def travel_errors(item, field: str, on: datetime.date | None) -> dict:
    """Göteborg and Lidköping: near expertise before far, digital meetings considered; where the policy in force on
    `on` asks for it, `field` says how."""
    policy = policy_in_force(on)
    if policy is None or not policy.requires_travel_considerations or getattr(item, field).strip():
        return {}
    return {field: TRAVEL_MISSING.format(field=label(item, field))}


def refuses_new_twin_towns(
    started_on: datetime.date | None = None, since_year: int | None = None, before_register: bool = False
) -> bool:
    """Jönköping: "new twin-town agreements are not concluded". A twin town that started before the policy was adopted
    is not new: its decision (or agreement) dated before the policy's valid_from, else its first year before the
    adoption year, or a relation established before the register."""
    policy = policy_in_force()
    if policy is None or not policy.no_new_twin_towns:
        return False
    adopted = policy.valid_from
    if adopted is not None:
        if started_on is not None:
            return started_on >= adopted
        if since_year is not None and since_year < adopted.year:
            return False
    return not before_register
