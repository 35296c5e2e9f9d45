"""A realistic, clearly fictional demo portfolio, built deterministically and in bulk.

Every demo row gets a primary key computed from the municipality and its running number, so building the
same portfolio twice adds nothing the second time, and a larger size adds only what the smaller one lacked.
Bulk inserts keep `--size large` (50,000 projects, 100,000 visits) within minutes; the main registers still
get one history row each ("Demodata"), their child rows do not.
"""

import datetime
import random
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.core.management.color import no_style
from django.db import connection, models
from simple_history.utils import bulk_create_with_history

from cooperation.cities.choices import RelationKind
from cooperation.cities.models import CityRelation
from cooperation.consultations.choices import ConsultationStatus, Origin
from cooperation.consultations.models import Consultation
from cooperation.core.models import SustainableDevelopmentGoal
from cooperation.networks.choices import MembershipKind
from cooperation.networks.models import Membership, Organisation
from cooperation.notices.choices import Area, EventKind, NoticeState
from cooperation.notices.models import Notice, NoticeEvent
from cooperation.organisation.choices import BodyKind, Role, UnitKind
from cooperation.organisation.models import Body, Decision, Municipality, PolicyGoal, RoleAssignment, Unit, User
from cooperation.projects.choices import PartnerKind, ProjectRole, ProjectStatus
from cooperation.projects.models import FundingSource, Programme, Project, ProjectPartner
from cooperation.steering.choices import VersionStatus
from cooperation.steering.models import Evaluation, PositionPaper, PositionPaperVersion
from cooperation.visits.choices import Direction, VisitKind
from cooperation.visits.models import DelegationMember, Visit, VisitHost

DEMO_PASSWORD = "demo"  # noqa: S105 - demo accounts only, printed by seed_demo and listed in the README
DEMO_NOTE = "Demodata – fiktivt exempel."
SIZES = {
    "small": {"projects": 120, "visits": 240, "consultations": 30, "notices": 40, "memberships": 12},
    "medium": {"projects": 2_000, "visits": 4_000, "consultations": 300, "notices": 400, "memberships": 20},
    "large": {"projects": 50_000, "visits": 100_000, "consultations": 2_000, "notices": 5_000, "memberships": 20},
}
BATCH = 2_000

# The demo's committees and their administrations, added where the municipality's fixture names none.
DEMO_UNITS = [
    ("Utbildningsnämnden", "Utbildningsförvaltningen", UnitKind.ADMINISTRATION),
    ("Miljö- och klimatnämnden", "Miljöförvaltningen", UnitKind.ADMINISTRATION),
    ("Kulturnämnden", "Kulturförvaltningen", UnitKind.ADMINISTRATION),
    ("Socialnämnden", "Socialförvaltningen", UnitKind.ADMINISTRATION),
    ("Stadsbyggnadsnämnden", "Stadsbyggnadskontoret", UnitKind.ADMINISTRATION),
    ("Styrelsen för Hamn- och energibolaget AB", "Hamn- och energibolaget AB", UnitKind.COMPANY),
]

# username, first name, last name, role, which unit ("a" and "b" are the first two administrations)
DEMO_ACCOUNTS = [
    ("handlaggare", "Anna", "Berg", Role.OFFICIAL, "a"),
    ("handlaggare2", "Omar", "Haddad", Role.OFFICIAL, "b"),
    ("kontaktperson", "Karin", "Lund", Role.CONTACT_PERSON, "b"),
    ("samordnare", "Sara", "Nilsson", Role.COORDINATOR, "central"),
    ("ks", "Erik", "Holm", Role.KS, None),
    ("kf", "Maria", "Ek", Role.KF, None),
    ("lasare", "Lars", "Ström", Role.READER, None),
    ("admin", "Ada", "Admin", Role.ADMINISTRATOR, None),
]

PARTNER_CITIES = [
    ("Gdańsk", "PL"),
    ("Rostock", "DE"),
    ("Riga", "LV"),
    ("Porto", "PT"),
    ("Durban", "ZA"),
    ("Nagpur", "IN"),
]
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
THEMES = [
    "cirkulär ekonomi",
    "fossilfria hamnar",
    "klimatanpassning",
    "digital skola",
    "social inkludering",
    "hållbar mobilitet",
    "kulturella och kreativa näringar",
    "rent vatten",
    "energieffektiva byggnader",
    "ungas delaktighet",
    "lokal demokrati",
    "smarta städer",
    "biologisk mångfald",
    "matsvinn",
    "integration",
]
PREFIXES = ["Samverkan för", "Tillsammans om", "Nätverk för", "Pilotprojekt:", "Lärande kring", "Innovation inom"]
COUNTRIES = [
    "DK",
    "NO",
    "FI",
    "DE",
    "PL",
    "EE",
    "LV",
    "LT",
    "NL",
    "ES",
    "IT",
    "FR",
    "PT",
    "IE",
    "UA",
    "KE",
    "ZA",
    "IN",
    "CN",
    "US",
    "BR",
    "TZ",
    "GE",
    "MD",
]
FIRST_NAMES = ["Alex", "Kim", "Robin", "Sam", "Charlie", "Jo", "Noa", "Love", "Eli", "Mika"]


@dataclass
class Context:
    """What the builders share: the municipality, its units and bodies, reference data, and the pk offset."""

    municipality: Municipality
    base: int
    units: list
    central: Unit
    ks: Body
    kf: Body
    goals: list
    sdgs: list
    sources: dict
    programmes: list
    users: dict


def rng(ctx: Context, kind: str, i: int) -> random.Random:
    return random.Random(f"{ctx.municipality.slug}:{kind}:{i}")


def create_missing(model, objects, history=False):
    """Insert the objects whose primary keys are not there yet; return those inserted."""
    existing = (
        set(model.objects.filter(pk__in=[obj.pk for obj in objects]).values_list("pk", flat=True)) if objects else set()
    )
    new = [obj for obj in objects if obj.pk not in existing]
    for start in range(0, len(new), BATCH):
        chunk = new[start : start + BATCH]
        if history:
            bulk_create_with_history(chunk, model, batch_size=BATCH, default_change_reason="Demodata")
        else:
            model.objects.bulk_create(chunk, batch_size=BATCH)
    return new


def link_many(field, pairs):
    """Add many-to-many rows (owner pk, target pk), skipping those already there."""
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    rows = [through(**{f"{source}_id": a, f"{target}_id": b}) for a, b in pairs]
    through.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)


def ensure_organisation(municipality: Municipality) -> tuple[list, Unit]:
    """Make sure there are committees, administrations and a central office to hang the demo on."""
    for body_name, unit_name, kind in DEMO_UNITS:
        body, _ = Body.objects.get_or_create(
            municipality=municipality,
            name=body_name,
            defaults={"kind": BodyKind.COMPANY_BOARD if kind == UnitKind.COMPANY else BodyKind.COMMITTEE},
        )
        Unit.objects.get_or_create(municipality=municipality, name=unit_name, defaults={"kind": kind, "body": body})
    for name, abbreviation, kind in [
        ("Kommunfullmäktige", "KF", BodyKind.COUNCIL),
        ("Kommunstyrelsen", "KS", BodyKind.EXECUTIVE_BOARD),
    ]:
        if not municipality.bodies.filter(kind=kind).exists():
            Body.objects.create(municipality=municipality, name=name, abbreviation=abbreviation, kind=kind)
    central = municipality.units.filter(is_central_office=True).first()
    if central is None:
        central = Unit.objects.create(
            municipality=municipality,
            name="Stadsledningskontoret",
            kind=UnitKind.ADMINISTRATION,
            is_central_office=True,
            body=municipality.bodies.filter(kind=BodyKind.EXECUTIVE_BOARD).first(),
        )
    units = list(
        municipality.units.filter(body__kind__in=[BodyKind.COMMITTEE, BodyKind.COMPANY_BOARD])
        .select_related("body")
        .order_by("pk")
    )
    return units, central


def ensure_accounts(municipality, units, central) -> dict:
    users = {}
    for username, first, last, role, unit_key in DEMO_ACCOUNTS:
        unit = {"a": units[0], "b": units[1], "central": central}.get(unit_key)
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last, "email": f"{username}@demo.invalid"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
        user.is_staff = user.is_superuser = role == Role.ADMINISTRATOR  # the admin is for administrators only
        user.save()
        RoleAssignment.objects.get_or_create(user=user, role=role, unit=unit)
        users[username] = user
    return users


def build_context(slug: str) -> Context:
    municipality = Municipality.objects.get(slug=slug)
    units, central = ensure_organisation(municipality)
    users = ensure_accounts(municipality, units, central)
    bodies = municipality.bodies
    return Context(
        municipality=municipality,
        base=(municipality.pk // 1000 or municipality.pk) * 1_000_000,
        units=units,
        central=central,
        ks=bodies.filter(kind=BodyKind.EXECUTIVE_BOARD).order_by("pk").first(),
        kf=bodies.filter(kind=BodyKind.COUNCIL).order_by("pk").first(),
        goals=list(PolicyGoal.objects.filter(policy__municipality=municipality).values_list("pk", flat=True)),
        sdgs=list(SustainableDevelopmentGoal.objects.values_list("pk", flat=True)),
        sources={source.code: source for source in FundingSource.objects.all()},
        programmes=list(Programme.objects.select_related("source")),
        users=users,
    )


def demo_date(r: random.Random, start_year=2022, end_year=2027) -> datetime.date:
    start = datetime.date(start_year, 1, 1)
    return start + datetime.timedelta(days=r.randrange((datetime.date(end_year, 12, 31) - start).days))


def build_decisions(ctx: Context) -> dict:
    """KS decisions for partner cities, memberships and papers; each committee's decision on its memberships."""
    decisions = {}
    r = rng(ctx, "decisions", 0)
    specs = [
        ("ks_partner", ctx.ks, "Partnerstadsavtal"),
        ("ks_membership", ctx.ks, "Medlemskap av kommungemensamt intresse"),
        ("ks_paper", ctx.ks, "Antagande av positionspapper"),
        ("kf_membership", ctx.kf, "Medlemskap i internationellt nätverk"),
    ]
    specs += [
        (f"unit_{unit.pk}", unit.body, f"Medlemskap inom {unit.name.lower()}s verksamhetsområde") for unit in ctx.units
    ]
    objects = []
    for i, (key, body, title) in enumerate(specs):
        pk = ctx.base + i
        objects.append(
            Decision(
                pk=pk,
                body=body,
                date=demo_date(r, 2018, 2024),
                paragraph=str(r.randint(10, 320)),
                case_number=f"DEMO-{2020 + i % 5}-{pk % 10_000:05d}",
                title=f"{title} (demo)",
                summary=DEMO_NOTE,
            )
        )
        decisions[key] = pk
    create_missing(Decision, objects, history=True)
    return decisions


def build_partner_cities(ctx: Context, decisions) -> list[int]:
    objects = []
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
            )
        )
    new = create_missing(CityRelation, objects, history=True)
    link_many(CityRelation.units.field, [(obj.pk, ctx.units[i % len(ctx.units)].pk) for i, obj in enumerate(new)])
    return [obj.pk for obj in objects]


def build_memberships(ctx: Context, decisions, count: int) -> list[int]:
    organisations = [
        Organisation(pk=ctx.base + i, name=name, acronym=acronym, country=country, description=DEMO_NOTE)
        for i, (name, acronym, country) in enumerate(NETWORKS)
    ]
    existing_names = set(
        Organisation.objects.exclude(pk__in=[o.pk for o in organisations]).values_list("name", flat=True)
    )
    create_missing(Organisation, [o for o in organisations if o.name not in existing_names], history=True)
    organisation_pks = list(
        Organisation.objects.filter(name__in=[n for n, _a, _c in NETWORKS]).values_list("pk", flat=True)
    )
    memberships, evaluations = [], []
    for i in range(count):
        r = rng(ctx, "membership", i)
        common = i % 3 == 0
        unit = ctx.central if common else ctx.units[i % len(ctx.units)]
        decision = decisions["ks_membership" if i % 2 else "kf_membership"] if common else decisions[f"unit_{unit.pk}"]
        since = demo_date(r, 2010, 2024)
        memberships.append(
            Membership(
                pk=ctx.base + i,
                organisation_id=organisation_pks[i % len(organisation_pks)],
                kind=MembershipKind.COMMON_INTEREST if common else MembershipKind.SECTOR_SPECIFIC,
                unit=unit,
                member_since=since,
                decision_id=decision,
                purpose=DEMO_NOTE,
                annual_fee=Decimal(r.randrange(5_000, 250_000, 500)),
                fee_basis="Per invånare" if common else "Fast avgift",
                fee_currency_id="EUR" if r.random() < 0.5 else "SEK",
                next_review_on=datetime.date(2027, 3, 31) if common else None,
            )
        )
        if i % 4 == 1:  # some sector-specific memberships were evaluated in the last term, so they are up to date
            evaluations.append(
                Evaluation(
                    pk=ctx.base + i, membership_id=ctx.base + i, date=datetime.date(2024, 5, 20), conclusions=DEMO_NOTE
                )
            )
    new = create_missing(Membership, memberships, history=True)
    if new:
        create_missing(Evaluation, evaluations, history=True)
        link_many(
            Membership.sdgs.field,
            [(m.pk, sdg) for m in new for sdg in rng(ctx, "membership-sdg", m.pk).sample(ctx.sdgs, 2)],
        )
    return [m.pk for m in memberships]


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
        projects.append(
            Project(
                pk=pk,
                title=f"{r.choice(PREFIXES)} {theme} {i + 1}",
                acronym=f"D{i + 1:05d}",
                description=DEMO_NOTE,
                aim=f"Att utveckla arbetet med {theme} tillsammans med partner i andra länder.",
                owner=r.choice(ctx.units),
                status=status,
                funding_source=source,
                programme=programme,
                role=r.choice(list(ProjectRole)),
                start_date=start,
                end_date=start + datetime.timedelta(days=r.randrange(180, 1460))
                if status != ProjectStatus.IDEA
                else None,
                case_number=f"DEMO-{start.year}-{i + 1:05d}",
                currency_id="EUR" if eu else "SEK",
                exchange_rate=Decimal("11.2000") if eu else None,
                video_conferencing_considered=r.random() < 0.7,
                city_relation_id=r.choice(relations) if relations and r.random() < 0.1 else None,
                membership_id=r.choice(memberships) if memberships and r.random() < 0.05 else None,
                **project_budget(r, status, eu),
            )
        )
        for j in range(r.randint(1, 4)):
            partners.append(
                ProjectPartner(
                    pk=ctx.base + i * 5 + j,
                    project_id=pk,
                    name=f"Partnerorganisation {j + 1} (demo)",
                    country=r.choice(COUNTRIES),
                    kind=r.choice(list(PartnerKind)),
                    is_lead=j == 0 and r.random() < 0.5,
                )
            )
        sdg_pairs += [(pk, sdg) for sdg in r.sample(ctx.sdgs, r.randint(1, 3))] if ctx.sdgs else []
        goal_pairs += [(pk, goal) for goal in r.sample(ctx.goals, min(len(ctx.goals), r.randint(0, 2)))]
    new = {p.pk for p in create_missing(Project, projects, history=True)}
    create_missing(ProjectPartner, [p for p in partners if p.project_id in new])
    link_many(Project.sdgs.field, [pair for pair in sdg_pairs if pair[0] in new])
    link_many(Project.goals.field, [pair for pair in goal_pairs if pair[0] in new])
    return [p.pk for p in projects]


VISIT_KINDS = (
    [VisitKind.STUDY] * 8
    + [VisitKind.PROGRAMME_STUDY] * 3
    + [VisitKind.OUTGOING_TRIP] * 3
    + [VisitKind.CONFERENCE, VisitKind.JOB_SHADOWING, VisitKind.VIP, VisitKind.PROTOCOL]
)


def build_visits(ctx: Context, relations, projects, count: int):
    visits, hosts, delegates = [], [], []
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
                delegation_size=r.randint(2, 40),
                purpose=DEMO_NOTE,
                topics=theme,
                city_relation_id=r.choice(relations) if relations and r.random() < 0.1 else None,
                project_id=r.choice(projects) if projects and r.random() < 0.1 else None,
                video_conferencing_considered=outgoing and r.random() < 0.8,
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


def build_consultations(ctx: Context, count: int):
    objects = []
    for i in range(count):
        r = rng(ctx, "consultation", i)
        received = demo_date(r, 2023, 2026)
        origin = r.choice(list(Origin))
        status = r.choice(list(ConsultationStatus))
        answered = (
            received + datetime.timedelta(days=r.randint(10, 60)) if status == ConsultationStatus.ANSWERED else None
        )
        objects.append(
            Consultation(
                pk=ctx.base + i,
                title=f"Remiss om {r.choice(THEMES)} {i + 1} (demo)",
                origin=origin,
                eu_initiative=f"EU-initiativ om {r.choice(THEMES)}"
                if origin != Origin.OWN_INITIATIVE and r.random() < 0.6
                else "",
                unit=r.choice(ctx.units),
                received_on=received,
                deadline=received + datetime.timedelta(days=r.randint(20, 90)),
                brussels_office_involved=r.random() < 0.3,
                status=status,
                answered_on=answered,
                answer=DEMO_NOTE if answered else "",
            )
        )
    create_missing(Consultation, objects, history=True)


def build_notices(ctx: Context, projects, count: int):
    notices, events, per_year = [], [], Counter()
    submitter = ctx.users["handlaggare"]
    coordinator = ctx.users["samordnare"]
    states = [
        NoticeState.SUBMITTED,
        NoticeState.UNDER_REVIEW,
        NoticeState.ACKNOWLEDGED,
        NoticeState.INFO_REQUESTED,
        NoticeState.CLOSED,
    ]
    for i in range(count):
        r = rng(ctx, "notice", i)
        pk = ctx.base + i
        # spread evenly over 2025 and 2026 in order of number, so numbers run per year as the office's do
        created = datetime.datetime(2025, 1, 2, 9, tzinfo=datetime.UTC) + datetime.timedelta(hours=i * 16_000 // count)
        per_year[created.year] += 1
        sequence = per_year[created.year]
        state = r.choice(states)
        notices.append(
            Notice(
                pk=pk,
                number=f"{created.year}-{sequence:03d}",
                area=Area.PROJECTS,
                unit=r.choice(ctx.units),
                submitted_by=submitter,
                summary=f"Nytt projekt registrerat (demo {i + 1}).",
                state=state,
                created_at=created,
                project_id=projects[i % len(projects)] if projects else None,
                assigned_to=coordinator if state != NoticeState.SUBMITTED else None,
            )
        )
        events.append(
            NoticeEvent(
                pk=ctx.base + i * 2,
                notice_id=pk,
                kind=EventKind.SUBMITTED,
                actor=submitter,
                created_at=created,
                to_state=NoticeState.SUBMITTED,
            )
        )
        if state != NoticeState.SUBMITTED:
            events.append(
                NoticeEvent(
                    pk=ctx.base + i * 2 + 1,
                    notice_id=pk,
                    kind=EventKind.STATE_CHANGED,
                    actor=coordinator,
                    created_at=created + datetime.timedelta(hours=r.randint(2, 200)),
                    from_state=NoticeState.SUBMITTED,
                    to_state=state,
                    comment=DEMO_NOTE,
                )
            )
    new = {n.pk for n in create_missing(Notice, notices, history=True)}
    create_missing(NoticeEvent, [e for e in events if e.notice_id in new])


def build_papers(ctx: Context, decisions, relations):
    papers = [
        PositionPaper(pk=ctx.base + i, city_relation_id=pk, title=f"Positionspapper för partnerstaden {city}")
        for i, (pk, (city, _c)) in enumerate(zip(relations, PARTNER_CITIES, strict=False))
    ]
    papers = [
        p
        for p in papers
        if not PositionPaper.objects.filter(city_relation_id=p.city_relation_id).exclude(pk=p.pk).exists()
    ]
    new = {p.pk for p in create_missing(PositionPaper, papers, history=True)}
    versions = []
    for i, paper in enumerate(papers):
        text = {
            "purpose": f"Syftet med samarbetet (demo {i + 1}).",
            "background": DEMO_NOTE,
            "activities": "Utbyte inom skola, kultur och klimat.",
            "responsibilities": "Stadsledningskontoret samordnar.",
            "communication": "Via kommunens webbplats och intranät.",
            "financial_conditions": "Inom befintlig budget.",
            "evaluation": "Utvärderas enligt kommunstyrelsens beslut.",
        }
        versions.append(
            PositionPaperVersion(
                pk=ctx.base + i * 2,
                paper_id=paper.pk,
                number=1,
                status=VersionStatus.ADOPTED,
                decision_id=decisions["ks_paper"],
                next_review_on=datetime.date(2027, 12, 31),
                **text,
            )
        )
        if i % 2 == 0:
            versions.append(
                PositionPaperVersion(
                    pk=ctx.base + i * 2 + 1, paper_id=paper.pk, number=2, status=VersionStatus.DRAFT, **text
                )
            )
    create_missing(PositionPaperVersion, [v for v in versions if v.paper_id in new])


def reset_sequences(model_list):
    """After inserts with explicit keys, PostgreSQL's sequences must move past them."""
    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


SEEDED_MODELS: list[type[models.Model]] = [
    Decision,
    CityRelation,
    Organisation,
    Membership,
    Evaluation,
    Project,
    ProjectPartner,
    Visit,
    VisitHost,
    DelegationMember,
    Consultation,
    Notice,
    NoticeEvent,
    PositionPaper,
    PositionPaperVersion,
]


def build(slug: str, size: str) -> dict:
    """Build the demo portfolio for the municipality `slug`; return how many rows each register now holds."""
    counts = SIZES[size]
    ctx = build_context(slug)
    decisions = build_decisions(ctx)
    relations = build_partner_cities(ctx, decisions)
    memberships = build_memberships(ctx, decisions, counts["memberships"])
    projects = build_projects(ctx, decisions, relations, memberships, counts["projects"])
    build_visits(ctx, relations, projects, counts["visits"])
    build_consultations(ctx, counts["consultations"])
    build_notices(ctx, projects, counts["notices"])
    build_papers(ctx, decisions, relations)
    reset_sequences(SEEDED_MODELS)
    return {model._meta.verbose_name_plural: model.objects.count() for model in SEEDED_MODELS}
