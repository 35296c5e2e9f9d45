"""What the demo builders share: the vocabulary, the context, deterministic randomness and bulk inserts."""

import datetime
import random
from dataclasses import dataclass

from django.core.management.color import no_style
from django.db import connection
from simple_history.utils import bulk_create_with_history

from cooperation.core.models import CountryClassification
from cooperation.organisation.models import Body, Municipality, Policy, Unit

DEMO_PASSWORD = "demo"  # noqa: S105  # nosec B105  # demo accounts only, printed by seed_demo


DEMO_NOTE = "Demodata – fiktivt exempel."


SIZES = {
    "small": {"projects": 120, "visits": 240, "consultations": 30, "notices": 40, "memberships": 12},
    "medium": {"projects": 2_000, "visits": 4_000, "consultations": 300, "notices": 400, "memberships": 20},
    "large": {"projects": 50_000, "visits": 100_000, "consultations": 2_000, "notices": 5_000, "memberships": 20},
}


BATCH = 2_000


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


def policy_asks(ctx: Context, rule: str) -> bool:
    """Whether one of the municipality's policies holds the standing rule `rule` (a boolean field on Policy)."""
    return Policy.objects.filter(municipality=ctx.municipality, **{rule: True}).exists()


def non_democracies() -> set[str]:
    """The country codes the reference data does not count as democracies."""
    return {
        str(code) for code in CountryClassification.objects.filter(is_democracy=False).values_list("country", flat=True)
    }


# What a demo item says where the municipality's policy asks (Göteborg, Lidköping); the rules only ask that it is said.
TRAVEL_NOTE = "Digitalt möte övervägdes; resan görs med tåg där det går och samordnas med andra resor (demo)."
ANALYSIS = {
    "benefit_risk_analysis": "Nyttan: erfarenhetsutbyte och extern finansiering. Riskerna: tid och kostnad (demo).",
    "partner_choice_grounds": "Vald för sin erfarenhet inom området och ett tidigare samarbete (demo).",
}
DEMOCRACY_NOTE = (
    "Landet räknas inte som en demokrati; samarbetet sker med lokala aktörer och följer UD:s rapporter om "
    "mänskliga rättigheter (demo)."
)


def analysis_fields(asks: bool, countries, undemocratic: set[str]) -> dict:
    """What a decided cooperation says before the decision where the policy asks (Lidköping): the analysis, and how
    democracy is addressed where a partner country is not counted as a democracy."""
    if not asks:
        return {}
    if undemocratic & {str(country) for country in countries}:
        return {**ANALYSIS, "democracy_considerations": DEMOCRACY_NOTE}
    return dict(ANALYSIS)


def rng(ctx: Context, kind: str, i: int) -> random.Random:
    return random.Random(f"{ctx.municipality.slug}:{kind}:{i}")  # nosec B311  # repeatable demo data, no secret


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


def demo_date(r: random.Random, start_year=2022, end_year=2027) -> datetime.date:
    start = datetime.date(start_year, 1, 1)
    return start + datetime.timedelta(days=r.randrange((datetime.date(end_year, 12, 31) - start).days))


def reset_sequences(model_list):
    """After inserts with explicit keys, PostgreSQL's sequences must move past them."""
    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
