"""Demo organisations and networks, memberships, the fees paid for them and their evaluations."""

import datetime
from decimal import Decimal

from cooperation.networks.choices import MembershipKind
from cooperation.networks.models import Membership, MembershipFee, Organisation
from cooperation.steering.choices import EvaluationOutcome
from cooperation.steering.models import Evaluation

from .base import (
    DEMO_NOTE,
    TRAVEL_NOTE,
    Context,
    analysis_fields,
    create_missing,
    demo_date,
    link_many,
    non_democracies,
    policy_asks,
    rng,
)

NETWORKS = [
    ("Eurocities", "", "BE"),
    ("ICLEI – Local Governments for Sustainability", "ICLEI", "DE"),
    ("Union of the Baltic Cities", "UBC", "PL"),
    ("Council of European Municipalities and Regions", "CEMR", "BE"),
    ("Energy Cities", "", "FR"),
    ("POLIS – Cities and Regions for Transport Innovation", "POLIS", "BE"),
    ("Covenant of Mayors for Climate & Energy", "", "BE"),
    ("European Regions Research and Innovation Network", "ERRIN", "BE"),
    ("Baltic Sea States Subregional Co-operation", "BSSSC", "DK"),
    ("Global Covenant of Mayors", "", "BE"),
]


# Most evaluations conclude the membership goes on; some change it, a few leave.
OUTCOMES = [EvaluationOutcome.CONTINUE, EvaluationOutcome.CONTINUE, EvaluationOutcome.CHANGE, EvaluationOutcome.LEAVE]
FEE_YEARS = range(2021, 2026)


def fees_paid(ctx: Context, membership: Membership) -> list[MembershipFee]:
    """The annual fee as paid each year since the membership began, in the spring, rising a little over the years."""
    r = rng(ctx, "membership-fee", membership.pk)
    return [
        MembershipFee(
            pk=membership.pk * 10 + k,
            membership_id=membership.pk,
            year=year,
            amount=(membership.annual_fee * (1 + Decimal("0.02") * k)).quantize(Decimal(1)),
            currency_id=membership.fee_currency_id,
            paid_on=datetime.date(year, r.randint(2, 5), r.randint(1, 28)),
        )
        for k, year in enumerate(FEE_YEARS)
        if year >= membership.member_since.year
    ]


def build_memberships(ctx: Context, decisions, count: int) -> list[int]:
    organisations = [
        Organisation(pk=ctx.base + i, name=name, acronym=acronym, country=country, description=DEMO_NOTE)
        for i, (name, acronym, country) in enumerate(NETWORKS)
    ]
    existing_names = set(
        Organisation.objects.exclude(pk__in=[o.pk for o in organisations]).values_list("name", flat=True)
    )
    create_missing(Organisation, [o for o in organisations if o.name not in existing_names], history=True)
    rows = list(Organisation.objects.filter(name__in=[n for n, _a, _c in NETWORKS]).values_list("pk", "country"))
    organisation_pks, countries = [pk for pk, _country in rows], dict(rows)
    analysis = policy_asks(ctx, "requires_cooperation_analysis")
    travel = policy_asks(ctx, "requires_travel_considerations")
    undemocratic = non_democracies()
    memberships, evaluations, fees = [], [], []
    for i in range(count):
        r = rng(ctx, "membership", i)
        common = i % 3 == 0
        unit = ctx.central if common else ctx.units[i % len(ctx.units)]
        decision = decisions["ks_membership" if i % 2 else "kf_membership"] if common else decisions[f"unit_{unit.pk}"]
        since = demo_date(r, 2010, 2024)
        organisation = organisation_pks[i % len(organisation_pks)]
        memberships.append(
            Membership(
                pk=ctx.base + i,
                organisation_id=organisation,
                kind=MembershipKind.COMMON_INTEREST if common else MembershipKind.SECTOR_SPECIFIC,
                unit=unit,
                member_since=since,
                decision_id=decision,
                purpose=DEMO_NOTE,
                annual_fee=Decimal(r.randrange(5_000, 250_000, 500)),
                fee_basis="Per invånare" if common else "Fast avgift",
                fee_currency_id="EUR" if r.random() < 0.5 else "SEK",
                next_review_on=datetime.date(2027, 3, 31) if common else None,
                travel_considerations=TRAVEL_NOTE if travel else "",
                **analysis_fields(analysis, [countries[organisation]], undemocratic),  # every one is decided
            )
        )
        if i % 4 == 1:  # some sector-specific memberships were evaluated in the last term, so they are up to date
            evaluations.append(
                Evaluation(
                    pk=ctx.base + i,
                    membership_id=ctx.base + i,
                    date=datetime.date(2024, 5, 20),
                    conclusions=DEMO_NOTE,
                    outcome=OUTCOMES[(i // 4) % len(OUTCOMES)],
                )
            )
        fees += fees_paid(ctx, memberships[-1])
    new = create_missing(Membership, memberships, history=True)
    if new:
        create_missing(Evaluation, evaluations, history=True)
        create_missing(MembershipFee, [fee for fee in fees if fee.membership_id in {m.pk for m in new}])
        link_many(
            Membership.sdgs.field,
            [(m.pk, sdg) for m in new for sdg in rng(ctx, "membership-sdg", m.pk).sample(ctx.sdgs, 2)],
        )
    return [m.pk for m in memberships]
