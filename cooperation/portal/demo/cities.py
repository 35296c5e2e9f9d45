"""Demo partner cities and the log of their activities."""

import datetime
from decimal import Decimal

from cooperation.cities.choices import ActivityKind, RelationKind
from cooperation.cities.models import CityActivity, CityRelation

from .base import (
    DEMO_NOTE,
    THEMES,
    Context,
    analysis_fields,
    create_missing,
    demo_date,
    link_many,
    non_democracies,
    policy_asks,
    rng,
)

PARTNER_CITIES = [
    ("Gdańsk", "PL"),
    ("Rostock", "DE"),
    ("Riga", "LV"),
    ("Porto", "PT"),
    ("Durban", "ZA"),
    ("Nagpur", "IN"),
]


def build_partner_cities(ctx: Context, decisions) -> list[int]:
    objects = []
    analysis = policy_asks(ctx, "requires_cooperation_analysis")
    undemocratic = non_democracies()
    for i, (city, country) in enumerate(PARTNER_CITIES):
        r = rng(ctx, "city", i)
        objects.append(
            CityRelation(
                pk=ctx.base + i,
                city=city,
                country=country,
                kind=RelationKind.PARTNER_CITY,
                status="dormant" if i % 3 == 2 else "active",
                decision_id=decisions["ks_partner"],
                since_year=r.randint(1995, 2020),
                description=DEMO_NOTE,
                priority_areas=", ".join(r.sample(THEMES, 3)),
                next_review_on=datetime.date(2027, 6, 30) if i % 2 else datetime.date(2026, 9, 30),
                **analysis_fields(analysis, [country], undemocratic),  # KS decided it
            )
        )
    new = create_missing(CityRelation, objects, history=True)
    link_many(CityRelation.units.field, [(obj.pk, ctx.units[i % len(ctx.units)].pk) for i, obj in enumerate(new)])
    build_activities(ctx, [obj.pk for obj in new])
    return [obj.pk for obj in objects]


# A relation's activities: mostly meetings, digital or in person, some visits and exchanges, now and then a conference.
ACTIVITY_KINDS = [ActivityKind.MEETING, ActivityKind.DIGITAL_MEETING] * 3 + [
    ActivityKind.VISIT,
    ActivityKind.VISIT,
    ActivityKind.EXCHANGE,
    ActivityKind.CONFERENCE,
    ActivityKind.OTHER,
]
ACTIVITIES_PER_RELATION = 12


def build_activities(ctx: Context, relations: list[int]):
    """A dated log for each new relation: the responsible unit, often another unit with it, participants and cost."""
    activities, pairs = [], []
    for index, relation in enumerate(relations):
        responsible = ctx.units[index % len(ctx.units)]
        for k in range(ACTIVITIES_PER_RELATION):
            r = rng(ctx, "city-activity", relation * 100 + k)
            kind = r.choice(ACTIVITY_KINDS)
            start = demo_date(r, 2022, 2026)
            pk = relation * 100 + k
            digital = kind == ActivityKind.DIGITAL_MEETING
            activities.append(
                CityActivity(
                    pk=pk,
                    relation_id=relation,
                    unit=responsible,
                    kind=kind,
                    title=f"{kind.label.capitalize()}: {r.choice(THEMES)}",
                    description=DEMO_NOTE,
                    start_date=start,
                    end_date=start + datetime.timedelta(days=0 if digital else r.randint(0, 4)),
                    participants=r.randint(3, 12) if digital else r.randint(2, 30),
                    cost=Decimal(0) if digital else Decimal(r.randrange(2_000, 80_000, 500)),
                    video_conferencing_considered=True,
                )
            )
            others = [unit for unit in ctx.units if unit != responsible]
            pairs += [(pk, unit.pk) for unit in r.sample(others, min(len(others), r.randint(0, 2)))]
    create_missing(CityActivity, activities, history=True)
    link_many(CityActivity.participating_units.field, pairs)
