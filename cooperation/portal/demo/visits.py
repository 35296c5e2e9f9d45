"""Demo visits with host units and a few named delegation members."""

import datetime

from cooperation.visits.choices import Direction, VisitKind
from cooperation.visits.models import DelegationMember, Visit, VisitHost

from .base import COUNTRIES, DEMO_NOTE, THEMES, TRAVEL_NOTE, Context, create_missing, demo_date, policy_asks, rng

FIRST_NAMES = ["Alex", "Kim", "Robin", "Sam", "Charlie", "Jo", "Noa", "Love", "Eli", "Mika"]


VISIT_KINDS = (
    [VisitKind.STUDY] * 8
    + [VisitKind.PROGRAMME_STUDY] * 3
    + [VisitKind.OUTGOING_TRIP] * 3
    + [VisitKind.CONFERENCE, VisitKind.JOB_SHADOWING, VisitKind.VIP, VisitKind.PROTOCOL]
)


def build_visits(ctx: Context, relations, projects, count: int):
    visits, hosts, delegates = [], [], []
    travel = policy_asks(ctx, "requires_travel_considerations")
    for i in range(count):
        r = rng(ctx, "visit", i)
        pk = ctx.base + i
        kind = r.choice(VISIT_KINDS)
        outgoing = kind in (VisitKind.OUTGOING_TRIP, VisitKind.CONFERENCE, VisitKind.JOB_SHADOWING)
        start = demo_date(r, 2022, 2027)
        theme = r.choice(THEMES)
        visits.append(
            Visit(
                pk=pk,
                kind=kind,
                direction=Direction.OUTGOING if outgoing else Direction.INCOMING,
                title=f"{'Resa' if outgoing else 'Besök'}: {theme} {i + 1}",
                start_date=start,
                end_date=start + datetime.timedelta(days=r.randint(0, 4)),
                country=r.choice(COUNTRIES),
                visiting_organisation="" if outgoing else f"Delegation {i + 1} (demo)",
                delegation_size=(size := r.randint(2, 40)),
                # an outgoing visit's delegation is the municipality's own
                own_participants=size if outgoing else None,
                purpose=DEMO_NOTE,
                topics=theme,
                city_relation_id=r.choice(relations) if relations and r.random() < 0.1 else None,
                project_id=r.choice(projects) if projects and r.random() < 0.1 else None,
                video_conferencing_considered=outgoing and r.random() < 0.8,
                travel_considerations=TRAVEL_NOTE if outgoing and travel else "",
            )
        )
        host_units = r.sample(ctx.units, r.choice([1, 1, 1, 2, 3]))
        if kind in (VisitKind.PROTOCOL, VisitKind.VIP):
            host_units = [ctx.central, *host_units[:1]]
        for j, unit in enumerate(host_units):
            hosts.append(
                VisitHost(pk=ctx.base + i * 4 + j, visit_id=pk, unit=unit, is_main=j == 0 and len(host_units) > 1)
            )
        if i < 500:  # a few delegations with names, to show the personal-data rules
            for j in range(2):
                delegates.append(
                    DelegationMember(
                        pk=ctx.base + i * 4 + j,
                        visit_id=pk,
                        name=f"{r.choice(FIRST_NAMES)} Demosson",
                        title="Delegat (demo)",
                        erase_on=start + datetime.timedelta(days=730),
                    )
                )
    new = {v.pk for v in create_missing(Visit, visits, history=True)}
    create_missing(VisitHost, [h for h in hosts if h.visit_id in new])
    create_missing(DelegationMember, [d for d in delegates if d.visit_id in new])
