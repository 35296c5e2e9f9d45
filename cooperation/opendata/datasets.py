"""The public datasets: which rows are published and which fields, each field described in Swedish and English.

What may be published follows Göteborg §4 (the coordinated relations and memberships on the public site) and
CPR 2021/1060 art. 49 (the list of EU-funded operations). Only the fields listed here leave the portal: no people's
names, no e-mail addresses, no internal free text (a project's public summary is written for the public by a
coordinator; its internal description is never shown).

The metadata is in both languages at once, not through gettext: the catalogue and the fields page show both.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from cooperation.cities.choices import PARTNER_KINDS, RelationKind, RelationStatus
from cooperation.cities.models import CityRelation
from cooperation.networks.choices import MembershipKind
from cooperation.networks.models import Membership
from cooperation.projects.choices import FundingKind, PartnerKind, ProjectRole, ProjectStatus
from cooperation.projects.models import Project, ProjectPartner

# Dormant relations are published with their status: their agreement stands (DOMAIN.md 2.1); ended ones are not.
PUBLISHED_RELATION_STATUSES = [RelationStatus.ACTIVE, RelationStatus.DORMANT]


@dataclass(frozen=True)
class Field:
    """One field of a dataset: its name in the files, its type, what it means, and how it is read from a row."""

    name: str
    type: str
    sv: str
    en: str
    value: Callable[[Any], Any]
    choices: type | None = None  # the TextChoices whose codes the field holds, listed on the fields page


@dataclass(frozen=True)
class Dataset:
    """A public dataset: its address, its titles and descriptions in Swedish and English, its rows and fields."""

    key: str
    slug: str
    title_sv: str
    title_en: str
    description_sv: str
    description_en: str
    queryset: Callable[[], QuerySet]
    fields: list[Field] = field(default_factory=list)

    def records(self, rows) -> list[dict]:
        return [{f.name: f.value(row) for f in self.fields} for row in rows]

    def title(self, language: str) -> str:
        return self.title_en if language == "en" else self.title_sv

    def description(self, language: str) -> str:
        return self.description_en if language == "en" else self.description_sv


def iso(day):
    return day.isoformat() if day else None


def number(value):
    """Money and rates as JSON numbers, as exact as they are kept (two decimals)."""
    return float(value) if value is not None else None


def city_relations() -> QuerySet:
    """The coordinated relations (twin towns, partner and sister cities, decided by KF or KS), active or dormant."""
    return (
        CityRelation.objects.filter(kind__in=PARTNER_KINDS, status__in=PUBLISHED_RELATION_STATUSES)
        .select_related("responsible_body")
        .order_by("city", "pk")
    )


def memberships() -> QuerySet:
    """The memberships of common interest (decided by KF or KS, coordinated) in force today."""
    return (
        Membership.objects.active()
        .filter(kind=MembershipKind.COMMON_INTEREST)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )


def projects() -> QuerySet:
    """The projects a coordinator marked for publication, once granted."""
    partners = Prefetch("partners", queryset=ProjectPartner.objects.order_by("-is_lead", "name", "pk"))
    return (
        Project.objects.publishable()
        .select_related("owner", "funding_source", "programme")
        .prefetch_related(partners)
        .order_by("-start_date", "title", "pk")
    )


def eu_projects() -> QuerySet:
    return projects().filter(funding_source__kind=FundingKind.EU)


def partners(project) -> list[dict]:
    return [
        {"organisation": p.name, "city": p.city, "country": p.country.code, "type": p.kind, "lead": p.is_lead}
        for p in project.partners.all()
    ]


def keep_partners(project) -> list[dict]:
    return [
        {"partner_name": p.name, "country": p.country.code, "partner_type": p.kind, "lead_partner": p.is_lead}
        for p in project.partners.all()
    ]


def ident(row):
    return row.pk


ID = Field(
    "id", "integer", "Postens nummer i registret; ändras inte.", "The item's number in the register; stable.", ident
)


RELATION_FIELDS = [
    ID,
    Field("city", "string", "Staden eller regionen.", "The city or region.", lambda r: r.city),
    Field(
        "country",
        "string (ISO 3166-1 alpha-2)",
        "Landet, som landskod.",
        "The country, as a country code.",
        lambda r: r.country.code,
    ),
    Field("kind", "code", "Slag av relation.", "Kind of relation.", lambda r: r.kind, RelationKind),
    Field(
        "status",
        "code",
        "Aktiv, eller vilande (avtalet gäller men inget pågår).",
        "Active, or dormant (the agreement stands but nothing is going on).",
        lambda r: r.status,
        RelationStatus,
    ),
    Field(
        "since_year",
        "integer or null",
        "Året relationen inleddes.",
        "The year the relation began.",
        lambda r: r.since_year,
    ),
    Field(
        "responsible_body",
        "string or null",
        "Den nämnd eller styrelse som ansvarar.",
        "The committee or board responsible.",
        lambda r: r.responsible_body.name if r.responsible_body else None,
    ),
]

MEMBERSHIP_FIELDS = [
    ID,
    Field(
        "organisation",
        "string",
        "Organisationens eller nätverkets namn.",
        "The organisation's or network's name.",
        lambda m: m.organisation.name,
    ),
    Field("acronym", "string", "Förkortning.", "Acronym.", lambda m: m.organisation.acronym),
    Field(
        "seat",
        "string (ISO 3166-1 alpha-2)",
        "Landet där organisationen har sitt säte, som landskod.",
        "The country of the organisation's seat, as a country code.",
        lambda m: m.organisation.country.code or None,
    ),
    Field(
        "website",
        "string (URL)",
        "Organisationens webbplats.",
        "The organisation's website.",
        lambda m: m.organisation.website,
    ),
    Field("member_since", "date (ISO 8601)", "Medlem sedan.", "Member since.", lambda m: iso(m.member_since)),
]

PROJECT_FIELDS = [
    ID,
    Field("title", "string", "Projektets namn.", "The project's name.", lambda p: p.title),
    Field("acronym", "string", "Projektets förkortning.", "The project's acronym.", lambda p: p.acronym),
    Field(
        "summary_sv",
        "string",
        "Sammanfattning för allmänheten, på svenska.",
        "Public summary in Swedish.",
        lambda p: p.public_summary_sv,
    ),
    Field(
        "summary_en",
        "string",
        "Sammanfattning för allmänheten, på engelska.",
        "Public summary in English.",
        lambda p: p.public_summary_en,
    ),
    Field("status", "code", "Projektets läge.", "The project's status.", lambda p: p.status, ProjectStatus),
    Field(
        "owner",
        "string",
        "Den förvaltning eller det bolag som äger projektet.",
        "The owning administration or company.",
        lambda p: p.owner.name,
    ),
    Field(
        "role",
        "code",
        "Kommunens roll i projektet.",
        "The municipality's role in the project.",
        lambda p: p.role,
        ProjectRole,
    ),
    Field(
        "funding_source_sv",
        "string",
        "Finansiär, på svenska.",
        "Funding source, in Swedish.",
        lambda p: p.funding_source.name_sv,
    ),
    Field(
        "funding_source_en",
        "string",
        "Finansiär, på engelska.",
        "Funding source, in English.",
        lambda p: p.funding_source.name_en,
    ),
    Field(
        "programme",
        "string or null",
        "Programmet.",
        "The programme.",
        lambda p: p.programme.name if p.programme else None,
    ),
    Field("start_date", "date (ISO 8601) or null", "Startdatum.", "Start date.", lambda p: iso(p.start_date)),
    Field("end_date", "date (ISO 8601) or null", "Slutdatum.", "End date.", lambda p: iso(p.end_date)),
    Field(
        "currency",
        "string (ISO 4217)",
        "Valutan för beloppen.",
        "The currency of the amounts.",
        lambda p: p.currency_id,
    ),
    Field(
        "total_budget",
        "decimal or null",
        "Hela projektets budget.",
        "The whole project's budget.",
        lambda p: number(p.total_budget),
    ),
    Field(
        "external_funding",
        "decimal or null",
        "Beviljad extern finansiering.",
        "External funding granted.",
        lambda p: number(p.external_funding),
    ),
    Field(
        "partners",
        "list",
        "Partner: organisation, stad, land (landskod), typ (kod) och om den är huvudpartner (lead). I CSV: en rad "
        "per partner med fälten åtskilda av |, partnerna åtskilda av ;.",
        "Partners: organisation, city, country (code), type (code) and whether it is the lead partner. In CSV: "
        "one entry per partner with its fields separated by |, the partners by ;.",
        partners,
        PartnerKind,
    ),
]

# keep.eu's names for the same facts (keep.eu, "What kind of data is available … projects, partners"), so the
# municipality's EU projects can be read beside the Interreg programmes' own data.
KEEP_FIELDS = [
    Field(
        "programme",
        "string or null",
        "Programmet.",
        "Name of the programme.",
        lambda p: p.programme.name if p.programme else None,
    ),
    Field(
        "period",
        "string or null",
        "Programperioden, t.ex. 2021–2027.",
        "The programming period, e.g. 2021–2027.",
        lambda p: p.programme.period or None if p.programme else None,
    ),
    Field(
        "project_id",
        "integer",
        "Projektets nummer i kommunens register (programmets eget id förs inte).",
        "The project's number in the municipality's register (the programme's own id is not kept).",
        ident,
    ),
    Field("project_acronym", "string", "Projektets förkortning.", "Project acronym.", lambda p: p.acronym),
    Field("project_name", "string", "Projektets namn.", "Project name.", lambda p: p.title),
    Field(
        "project_description",
        "string",
        "Sammanfattning för allmänheten (engelska, annars svenska).",
        "Public summary (English, else Swedish).",
        lambda p: p.public_summary_en or p.public_summary_sv,
    ),
    Field("start_date", "date (ISO 8601) or null", "Startdatum.", "Start date.", lambda p: iso(p.start_date)),
    Field("end_date", "date (ISO 8601) or null", "Slutdatum.", "End date.", lambda p: iso(p.end_date)),
    Field(
        "currency",
        "string (ISO 4217)",
        "Valutan för beloppen.",
        "The currency of the amounts.",
        lambda p: p.currency_id,
    ),
    Field(
        "total_budget", "decimal or null", "Hela projektets budget.", "Total budget.", lambda p: number(p.total_budget)
    ),
    Field(
        "eu_funding",
        "decimal or null",
        "Beviljat EU-stöd.",
        "EU funding granted.",
        lambda p: number(p.external_funding),
    ),
    Field(
        "cofinancing_rate",
        "decimal (percent) or null",
        "EU-stödet i procent av budgeten.",
        "EU funding as a percentage of the total budget.",
        lambda p: number(p.co_financing_rate),
    ),
    Field(
        "partners",
        "list",
        "Partner: partner_name, country (landskod), partner_type (kod), lead_partner. I CSV som för projekten.",
        "Partners: partner_name, country (code), partner_type (code), lead_partner. In CSV as for the projects.",
        keep_partners,
        PartnerKind,
    ),
]

DATASETS = [
    Dataset(
        "cityrelations",
        "stadsrelationer",
        "Kommunens vänorter och partnerstäder",
        "The municipality's twin towns and partner cities",
        "Vänorter, partnerstäder och systerstäder som kommunfullmäktige eller kommunstyrelsen beslutat om och som "
        "är aktiva eller vilande.",
        "Twin towns, partner cities and sister cities decided by the municipal council or the executive board, "
        "active or dormant.",
        city_relations,
        RELATION_FIELDS,
    ),
    Dataset(
        "memberships",
        "medlemskap",
        "Kommunens medlemskap i internationella organisationer och nätverk",
        "The municipality's memberships of international organisations and networks",
        "Medlemskap av kommungemensamt intresse, beslutade av kommunfullmäktige eller kommunstyrelsen, som gäller i "
        "dag.",
        "Memberships of common interest, decided by the municipal council or the executive board, in force today.",
        memberships,
        MEMBERSHIP_FIELDS,
    ),
    Dataset(
        "projects",
        "projekt",
        "Kommunens internationella projekt",
        "The municipality's international projects",
        "Beviljade, pågående och avslutade internationella projekt som kommunen valt att publicera.",
        "Granted, ongoing and closed international projects the municipality has chosen to publish.",
        projects,
        PROJECT_FIELDS,
    ),
    Dataset(
        "euprojects",
        "eu-projekt",
        "Kommunens EU-finansierade projekt (keep.eu-fält)",
        "The municipality's EU-funded projects (keep.eu fields)",
        "De publicerade projekt som finansieras av ett EU-program, med keep.eu:s fältnamn (förteckning över insatser, "
        "förordning (EU) 2021/1060 art. 49).",
        "The published projects funded by an EU programme, under keep.eu's field names (the list of operations, "
        "Regulation (EU) 2021/1060 art. 49).",
        eu_projects,
        KEEP_FIELDS,
    ),
]
BY_KEY = {dataset.key: dataset for dataset in DATASETS}
