"""The demo's committees, administrations, accounts and decisions."""

from cooperation.core.models import SustainableDevelopmentGoal
from cooperation.organisation.choices import BodyKind, Role, UnitKind
from cooperation.organisation.models import (
    Body,
    Decision,
    Municipality,
    PolicyGoal,
    RoleAssignment,
    Unit,
    User,
    get_municipality,
)
from cooperation.projects.models import FundingSource, Programme

from .base import DEMO_NOTE, DEMO_PASSWORD, Context, create_missing, demo_date, rng

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
    central = municipality.central_office
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


def build_context() -> Context:
    """The installation's municipality (seed_demo has just loaded it) and what the builders hang the demo on."""
    municipality = get_municipality()
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
    # Added after the others so their keys stay: each committee decides its unit's projects, KS the central funds.
    specs += [
        (f"projects_{unit.pk}", unit.body, f"Internationella projekt inom {unit.name.lower()}") for unit in ctx.units
    ]
    specs += [("ks_central_funds", ctx.ks, "Centrala medel för internationalisering")]
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
