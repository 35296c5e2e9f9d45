"""Memberships active in a year: deciding body, fee, positions held, evaluation status; fees per currency."""

from django.db.models import BooleanField, Case, Count, F, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from cooperation.core.dates import next_term_end, term_end, term_start
from cooperation.networks.choices import MembershipKind
from cooperation.networks.models import Membership, MembershipFee, Representative

from .scope import as_of, money, of_units, overlaps


def active(year: int, units=None):
    """The memberships that ran some time in the year, of the member units where units are given."""
    return Membership.objects.filter(overlaps(year, "member_since", "member_until"), of_units(units, "unit"))


def overdue_condition(year: int) -> Q:
    """Still a member when the year is read and its evaluation was due before: a sector-specific membership once per
    term of office (`Membership.evaluation_due_on`), one of common interest by its next review."""
    on = as_of(year)
    this_term = term_start(on)
    previous_term = this_term.replace(year=this_term.year - 4)
    member = Q(member_until__isnull=True) | Q(member_until__gte=on)
    sector = Q(kind=MembershipKind.SECTOR_SPECIFIC)
    never = sector & Q(last_evaluation_on__isnull=True, member_since__lt=this_term)
    long_ago = sector & Q(last_evaluation_on__lt=previous_term)
    review = Q(kind=MembershipKind.COMMON_INTEREST, next_review_on__lt=on)
    return member & (never | long_ago | review)


def with_status(year: int, units=None):
    """The year's memberships with their last evaluation, positions held in the year and whether an evaluation is
    overdue, all annotated in the database."""
    held = Representative.objects.filter(overlaps(year, "start_date", "end_date") | Q(start_date__isnull=True))
    held = held.filter(membership=OuterRef("pk")).exclude(position="").values("membership")
    positions = held.annotate(n=Count("pk")).values("n")
    return (
        active(year, units)
        .with_last_evaluation()
        .annotate(
            positions=Coalesce(Subquery(positions), 0),
            overdue=Case(
                When(overdue_condition(year), then=Value(True)), default=Value(False), output_field=BooleanField()
            ),
        )
    )


def rows(year: int, units=None) -> list[dict]:
    """One row per membership, for the report's table and appendix, with the fee paid for the year (as paid)."""
    paid = MembershipFee.objects.filter(membership=OuterRef("pk"), year=year)
    found = list(
        with_status(year, units)
        .annotate(fee_paid=Subquery(paid.values("amount")[:1]), fee_paid_currency=Subquery(paid.values("currency")[:1]))
        .values(
            "pk",
            "kind",
            "member_since",
            "member_until",
            "annual_fee",
            "fee_basis",
            "fee_paid",
            "fee_paid_currency",
            "next_review_on",
            "last_evaluation_on",
            "positions",
            "overdue",
            organisation_name=F("organisation__name"),
            unit_name=F("unit__name"),
            currency=F("fee_currency_id"),
            body=F("decision__body__name"),
            decided_on=F("decision__date"),
        )
        .order_by("organisation_name", "pk")
    )
    for row in found:  # the due day, as `Membership.evaluation_due_on` reckons it: pure date arithmetic, no query
        row["evaluation_due_on"] = due_on(row)
    return found


def due_on(row: dict):
    if row["kind"] != MembershipKind.SECTOR_SPECIFIC:
        return row["next_review_on"]
    last = row["last_evaluation_on"]
    return next_term_end(last) if last else term_end(row["member_since"])


def totals(year: int, units=None) -> dict:
    """Memberships active, of each kind, with evaluations overdue, and positions held."""
    # grouped by kind and status (at most four rows) rather than aggregated with filters on the annotations, which
    # PostgreSQL cannot read from Django's wrapping subquery
    groups = with_status(year, units).values("kind", "overdue").annotate(n=Count("pk"), held=Sum("positions"))
    counts = dict.fromkeys(("memberships", "common_interest", "sector_specific", "overdue", "positions"), 0)
    for group in groups.order_by():
        counts["memberships"] += group["n"]
        counts["common_interest" if group["kind"] == MembershipKind.COMMON_INTEREST else "sector_specific"] += group[
            "n"
        ]
        counts["overdue"] += group["n"] if group["overdue"] else 0
        counts["positions"] += group["held"] or 0
    return counts


def fees(year: int, units=None) -> list[dict]:
    """The fees paid for the year per currency, as the memberships' fee rows record them (one a year each)."""
    rows = (
        MembershipFee.objects.filter(of_units(units, "membership__unit"), year=year)
        .values(fee_currency=F("currency_id"))  # "currency" is the fee's own field
        .annotate(paid=Sum("amount"), memberships=Count("membership", distinct=True))
        .order_by("fee_currency")
    )
    return [
        {"currency": row["fee_currency"], "amount": money(row["paid"]), "memberships": row["memberships"]}
        for row in rows
    ]
