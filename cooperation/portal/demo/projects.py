"""Demo international projects with budgets, finances per year and source, and partners abroad."""

import datetime
import random
from decimal import Decimal

from cooperation.projects.choices import FundingKind, PartnerKind, ProjectRole, ProjectStatus
from cooperation.projects.models import PUBLISHABLE, STARTED, Project, ProjectFinance, ProjectPartner

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

# The last year whose money has been paid out in the demo; later years are granted but not yet paid.
PAID_UNTIL = 2025
# A project's finance rows: at most four years, and a co-funder beside the main source in some of them.
MAX_YEARS = 4

PREFIXES = ["Samverkan för", "Tillsammans om", "Nätverk för", "Pilotprojekt:", "Lärande kring", "Innovation inom"]


def project_budget(r: random.Random, status: str, eu: bool, funded: bool = True) -> dict:
    """The budget; a project without external funding (`funded` false) is paid by the municipality alone."""
    if status == ProjectStatus.IDEA:
        return {}
    total = Decimal(r.randrange(200_000, 4_000_000, 1_000))
    share = (total * Decimal(r.choice(["0.15", "0.25", "0.4", "1"]))).quantize(Decimal(1))
    rate = Decimal(r.choice(["0.6", "0.75", "0.8", "0.85"])) if eu else Decimal(r.choice(["0", "0.5", "0.9"]))
    granted = funded and status not in (ProjectStatus.APPLIED, ProjectStatus.REJECTED)
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


# A few partners that several units work with, spelt a little differently by each (the synergy finder's matter).
SHARED_PARTNERS = [
    ("Nordic Urban Lab (demo)", "Nordic Urban-Lab (demo)"),
    ("Baltic Climate Forum (demo)", "Baltic climate forum (demo)"),
    ("Circular Cities Institute (demo)", "The Circular Cities Institute (demo)"),
    ("Culture Bridge Foundation (demo)", "Culture Bridge Foundation (Demo)"),
    ("Green Mobility Centre (demo)", "Green Mobility Centre, (demo)"),
    ("European Youth Exchange (demo)", "European Youth Exchange (demo)"),
]


def partner_name(i: int, j: int) -> str:
    """Every eleventh partner one of the shared ones, in one of its spellings; the others the project's own."""
    if (i * 7 + j) % 11 == 0:
        spellings = SHARED_PARTNERS[(i + j) % len(SHARED_PARTNERS)]
        return spellings[i % 2]
    return f"Partnerorganisation {i + 1}.{j + 1} (demo)"


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
    projects, partners, finances, sdg_pairs, goal_pairs = [], [], [], [], []
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
            **project_budget(r, status, eu, funded=source.kind != FundingKind.NONE),
        )
        if status in PUBLISHABLE and i % 3 == 0:  # some of the granted ones on the public pages (no draw: same data)
            project.published = True
            project.public_summary_sv = f"Ett demoprojekt om {theme}, med partner i andra länder."
            project.public_summary_en = f"A demo project ({theme}), with partners in other countries."
        projects.append(project)
        own_partners = []
        for j in range(r.randint(1, 4)):
            own_partners.append(
                ProjectPartner(
                    pk=ctx.base + i * 5 + j,
                    project_id=pk,
                    name=partner_name(i, j),
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
        finances += finance_rows(ctx, i, projects[-1])
        sdg_pairs += [(pk, sdg) for sdg in r.sample(ctx.sdgs, r.randint(1, 3))] if ctx.sdgs else []
        goal_pairs += [(pk, goal) for goal in r.sample(ctx.goals, min(len(ctx.goals), r.randint(0, 2)))]
    new = {p.pk for p in create_missing(Project, projects, history=True)}
    create_missing(ProjectPartner, [p for p in partners if p.project_id in new])
    create_missing(ProjectFinance, [f for f in finances if f.project_id in new])
    link_many(Project.sdgs.field, [pair for pair in sdg_pairs if pair[0] in new])
    link_many(Project.goals.field, [pair for pair in goal_pairs if pair[0] in new])
    return [p.pk for p in projects]


def split(amount: Decimal | None, parts: int) -> list[Decimal | None]:
    """`amount` in `parts` whole-unit slices that add up to it exactly (the last takes the remainder)."""
    if amount is None:
        return [None] * parts
    slice_ = (amount / parts).quantize(Decimal(1), rounding="ROUND_FLOOR")
    return [slice_] * (parts - 1) + [amount - slice_ * (parts - 1)]


def finance_rows(ctx: Context, i: int, project: Project) -> list[ProjectFinance]:
    """The project's money per year and source, adding up to its budget: an application only, or the grant, the
    own contributions and the costs spread over its years, paid out for the years gone by."""
    if project.status == ProjectStatus.IDEA or project.municipality_share is None:
        return []
    r = rng(ctx, "finance", i)
    first = project.start_date.year
    unfunded = project.funding_source.kind == FundingKind.NONE
    if unfunded and project.status in (ProjectStatus.APPLIED, ProjectStatus.REJECTED):
        return []  # nothing was applied for
    if project.external_funding is None and not unfunded:  # applied for, or rejected: the application is all there is
        applied = (project.municipality_share * Decimal("0.7")).quantize(Decimal(1))
        row = ProjectFinance(
            pk=ctx.base + i * 2 * MAX_YEARS, project_id=project.pk, year=first, source=project.funding_source
        )
        row.programme = project.programme
        row.applied_for = applied
        return [row]
    years = list(range(first, min(project.end_date.year, first + MAX_YEARS - 1) + 1))
    co_funder = ctx.sources.get("other")
    co_funded = co_funder is not None and co_funder != project.funding_source and r.random() < 0.3
    rows = []
    columns = zip(
        years,
        split(project.external_funding, len(years)),
        split(project.own_contribution_cash, len(years)),
        split(project.own_contribution_in_kind, len(years)),
        strict=True,
    )
    for j, (year, granted, cash, in_kind) in enumerate(columns):
        shares = [(project.funding_source, project.programme, granted)]
        if unfunded:  # the municipality's own money only: contributions and costs, nothing applied for or granted
            rows.append(
                ProjectFinance(
                    pk=ctx.base + i * 2 * MAX_YEARS + j,
                    project_id=project.pk,
                    year=year,
                    source=project.funding_source,
                    own_contribution_cash=cash,
                    own_contribution_in_kind=in_kind,
                    costs=((cash or 0) + (in_kind or 0)) or None,
                )
            )
            continue
        if co_funded:  # regional co-funding beside the main grant, a fifth of it
            main = (granted * Decimal("0.8")).quantize(Decimal(1))
            shares = [(project.funding_source, project.programme, main), (co_funder, None, granted - main)]
        for k, (source, programme, amount) in enumerate(shares):
            paid = (
                (amount * Decimal(r.choice(["0.8", "0.9", "1"]))).quantize(Decimal(1)) if year <= PAID_UNTIL else None
            )
            rows.append(
                ProjectFinance(
                    pk=ctx.base + i * 2 * MAX_YEARS + k * MAX_YEARS + j,
                    project_id=project.pk,
                    year=year,
                    source=source,
                    programme=programme,
                    applied_for=amount,
                    granted=amount,
                    granted_on=project.start_date - datetime.timedelta(days=r.randint(30, 120)),
                    paid_out=paid,
                    own_contribution_cash=cash if k == 0 else None,
                    own_contribution_in_kind=in_kind if k == 0 else None,
                    costs=((amount + (cash if k == 0 else 0)) * Decimal(r.choice(["0.9", "1", "1.1"]))).quantize(
                        Decimal(1)
                    ),
                )
            )
    return rows
