"""Demo partner cities."""

import datetime

from cooperation.cities.choices import RelationKind
from cooperation.cities.models import CityRelation

from .base import (
    DEMO_NOTE,
    THEMES,
    Context,
    analysis_fields,
    create_missing,
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
    return [obj.pk for obj in objects]
