"""Demo international projects with budgets and partners abroad."""

import datetime
import random
from decimal import Decimal

from cooperation.projects.choices import FundingKind, PartnerKind, ProjectRole, ProjectStatus
from cooperation.projects.models import STARTED, Project, ProjectPartner

from .base import (
    COUNTRIES,
    DEMO_NOTE,
    THEMES,
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

PREFIXES = ["Samverkan för", "Tillsammans om", "Nätverk för", "Pilotprojekt:", "Lärande kring", "Innovation inom"]


def project_budget(r: random.Random, status: str, eu: bool) -> dict:
    if status == ProjectStatus.IDEA:
        return {}
    total = Decimal(r.randrange(200_000, 4_000_000, 1_000))
    share = (total * Decimal(r.choice(["0.15", "0.25", "0.4", "1"]))).quantize(Decimal(1))
    rate = Decimal(r.choice(["0.6", "0.75", "0.8", "0.85"])) if eu else Decimal(r.choice(["0", "0.5", "0.9"]))
    granted = status not in (ProjectStatus.APPLIED, ProjectStatus.REJECTED)
    external = (share * rate).quantize(Decimal(1)) if granted else None
    own = share - (external or 0)
    return {
        "total_budget": total,
        "municipality_share": share,
        "external_funding": external,
        "own_contribution_cash": (own / 2).quantize(Decimal(1)),
        "own_contribution_in_kind": (own / 2).quantize(Decimal(1)),
    }


def project_decision(decisions, owner, source, status) -> int | None:
    """Granted, ongoing and closed projects were decided: by the owning unit's own committee or board, or by KS for
    the central internationalisation funds."""
    if status not in (ProjectStatus.GRANTED, ProjectStatus.ONGOING, ProjectStatus.CLOSED):
        return None
    return decisions["ks_central_funds"] if source.kind == FundingKind.MUNICIPAL else decisions[f"projects_{owner.pk}"]


def build_projects(ctx: Context, decisions, relations, memberships, count: int):
    statuses = [
        ProjectStatus.IDEA,
        ProjectStatus.APPLIED,
        ProjectStatus.GRANTED,
        ProjectStatus.REJECTED,
        ProjectStatus.ONGOING,
        ProjectStatus.ONGOING,
        ProjectStatus.ONGOING,
        ProjectStatus.CLOSED,
    ]
    projects, partners, sdg_pairs, goal_pairs = [], [], [], []
    analysis = policy_asks(ctx, "requires_cooperation_analysis")
    travel = policy_asks(ctx, "requires_travel_considerations")
    undemocratic = non_democracies()
    for i in range(count):
        r = rng(ctx, "project", i)
        pk = ctx.base + i
        programme = r.choice(ctx.programmes) if ctx.programmes and r.random() < 0.85 else None
        source = programme.source if programme else ctx.sources.get(r.choice(["sida", "municipal", "other", "none"]))
        if source is None:
            continue
        status = r.choice(statuses)
        start = demo_date(r, 2019, 2027)
        eu = source.code == "eu"
        theme = r.choice(THEMES)
        title = f"{r.choice(PREFIXES)} {theme} {i + 1}"
        owner = r.choice(ctx.units)
        project = Project(
            pk=pk,
            title=title,
            acronym=f"D{i + 1:05d}",
            description=DEMO_NOTE,
            aim=f"Att utveckla arbetet med {theme} tillsammans med partner i andra länder.",
            owner=owner,
            decision_id=project_decision(decisions, owner, source, status),
            status=status,
            funding_source=source,
            programme=programme,
            role=r.choice(list(ProjectRole)),
            start_date=start,
            end_date=start + datetime.timedelta(days=r.randrange(180, 1460)) if status != ProjectStatus.IDEA else None,
            case_number=f"DEMO-{start.year}-{i + 1:05d}",
            currency_id="EUR" if eu else "SEK",
            exchange_rate=Decimal("11.2000") if eu else None,
            video_conferencing_considered=r.random() < 0.7,
            city_relation_id=r.choice(relations) if relations and r.random() < 0.1 else None,
            membership_id=r.choice(memberships) if memberships and r.random() < 0.05 else None,
            **project_budget(r, status, eu),
        )
        projects.append(project)
        own_partners = []
        for j in range(r.randint(1, 4)):
            own_partners.append(
                ProjectPartner(
                    pk=ctx.base + i * 5 + j,
                    project_id=pk,
                    name=f"Partnerorganisation {j + 1} (demo)",
                    country=r.choice(COUNTRIES),
                    kind=r.choice(list(PartnerKind)),
                    is_lead=j == 0 and r.random() < 0.5,
                )
            )
        partners += own_partners
        if project.decision_id or status in STARTED:  # decided or under way: the analysis came first (Lidköping)
            project.travel_considerations = TRAVEL_NOTE if travel else ""
            countries = [partner.country for partner in own_partners]
            for field, text in analysis_fields(analysis, countries, undemocratic).items():
                setattr(project, field, text)
        sdg_pairs += [(pk, sdg) for sdg in r.sample(ctx.sdgs, r.randint(1, 3))] if ctx.sdgs else []
        goal_pairs += [(pk, goal) for goal in r.sample(ctx.goals, min(len(ctx.goals), r.randint(0, 2)))]
    new = {p.pk for p in create_missing(Project, projects, history=True)}
    create_missing(ProjectPartner, [p for p in partners if p.project_id in new])
    link_many(Project.sdgs.field, [pair for pair in sdg_pairs if pair[0] in new])
    link_many(Project.goals.field, [pair for pair in goal_pairs if pair[0] in new])
    return [p.pk for p in projects]
