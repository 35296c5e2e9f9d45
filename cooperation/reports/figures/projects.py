"""Projects in a year: active, started and ended per unit; funding granted per source and programme; own
contribution and co-financing rates; EU funding per inhabitant. Money in SEK at each project's own rate."""

from decimal import Decimal

from django.db.models import Case, Count, DecimalField, ExpressionWrapper, F, Q, Sum, Value, When
from django.db.models.functions import Coalesce, ExtractYear

from cooperation.projects.choices import FundingKind, ProjectStatus
from cooperation.projects.models import Project

from .scope import bounds, money, name_field, of_units, or_zero, overlaps, ratio

# Projects that ran: granted, under way or closed. Ideas, applications and rejections are not projects of the year.
RAN = [ProjectStatus.GRANTED, ProjectStatus.ONGOING, ProjectStatus.CLOSED]

AMOUNT = DecimalField(max_digits=24, decimal_places=6)
# Kronor per unit of the project's currency: 1 for kronor, else the rate the project's budget used.
RATE = Case(When(currency_id="SEK", then=Value(Decimal(1))), default=F("exchange_rate"), output_field=AMOUNT)


def sek(field: str):
    """The amount in `field` converted to kronor at the project's own rate."""
    return ExpressionWrapper(F(field) * RATE, output_field=AMOUNT)


def ran(year: int, units=None):
    """The projects active in `year`: they ran, and their dates overlap the year."""
    return Project.objects.filter(overlaps(year, "start_date", "end_date"), of_units(units, "owner"), status__in=RAN)


def finance_rows(years: range, units=None):
    """THE source of every money figure: one row per project and year with the amounts granted, own contribution
    and share in SEK, under the names every figure reads (year, unit, source, source_name, source_kind, programme,
    granted, own_cash, own_in_kind, share, total).

    The registers keep a project's totals only, so its whole grant counts in the year it starts. When the finance
    rows per year and source (`projects.ProjectFinance`) land, this function reads them instead, with the same
    names, and every figure, the report and the start page follow."""
    first, last = bounds(years[0])[0], bounds(years[-1])[1]
    return Project.objects.filter(of_units(units, "owner"), status__in=RAN, start_date__range=(first, last)).annotate(
        year=ExtractYear("start_date"),
        unit=F("owner__name"),
        source=F("funding_source_id"),
        source_name=F(name_field("funding_source__")),
        source_kind=F("funding_source__kind"),
        programme_name=Coalesce(F("programme__name"), Value("")),
        granted=sek("external_funding"),
        own_cash=Coalesce(sek("own_contribution_cash"), Value(Decimal(0)), output_field=AMOUNT),
        own_in_kind=Coalesce(sek("own_contribution_in_kind"), Value(Decimal(0)), output_field=AMOUNT),
        share=sek("municipality_share"),
        total=sek("total_budget"),
    )


def counts(year: int, units=None) -> dict:
    """How many projects were active, started and ended in the year."""
    first, last = bounds(year)
    return ran(year, units).aggregate(
        active=Count("pk"),
        started=Count("pk", filter=Q(start_date__gte=first)),
        ended=Count("pk", filter=Q(end_date__lte=last)),
    )


def per_unit(year: int, units=None) -> list[dict]:
    """Per owning unit: projects active, started and ended in the year."""
    first, last = bounds(year)
    return list(
        ran(year, units)
        .values(unit=F("owner__name"))
        .annotate(
            active=Count("pk"),
            started=Count("pk", filter=Q(start_date__gte=first)),
            ended=Count("pk", filter=Q(end_date__lte=last)),
        )
        .order_by("unit")
    )


def funding_by_source(year: int, units=None) -> list[dict]:
    """External funding granted in the year per funding source, in SEK, with the number of projects."""
    rows = finance_rows(range(year, year + 1), units).values("source", "source_name", "source_kind")
    rows = rows.annotate(amount=Sum("granted"), projects=Count("pk")).order_by("source_kind", "source_name")
    return [{**row, "amount": money(row["amount"])} for row in rows]


def funding_by_programme(year: int, units=None) -> list[dict]:
    """External funding granted in the year per funding source and programme, in SEK."""
    rows = finance_rows(range(year, year + 1), units).values("source_name", "programme_name")
    rows = rows.annotate(amount=Sum("granted"), projects=Count("pk")).order_by("source_name", "programme_name")
    return [{**row, "amount": money(row["amount"])} for row in rows]


def funding(year: int, units=None) -> dict:
    """Granted, EU granted, own contribution (cash, in kind) and the co-financing rates, for the year, in SEK.

    `project_rate` is the grant's share of the whole projects' budgets; `share_rate` that of the municipality's
    own part (its share less its own contribution, over its share), for projects where both are known."""
    known = Q(share__isnull=False)
    rated = Q(granted__isnull=False, total__gt=0)
    sums = finance_rows(range(year, year + 1), units).aggregate(
        sum_granted=Sum("granted"),
        sum_eu=Sum("granted", filter=Q(source_kind=FundingKind.EU)),
        sum_own_cash=Sum("own_cash"),
        sum_own_in_kind=Sum("own_in_kind"),
        rated_grant=Sum("granted", filter=rated),
        rated_total=Sum("total", filter=rated),
        sum_share=Sum("share", filter=known),
        share_own=Sum(F("own_cash") + F("own_in_kind"), filter=known, output_field=AMOUNT),
    )
    own_cash, own_in_kind = money(sums["sum_own_cash"]), money(sums["sum_own_in_kind"])
    share = money(sums["sum_share"])
    return {
        "granted": money(sums["sum_granted"]),
        "eu": money(sums["sum_eu"]),
        "own_cash": own_cash,
        "own_in_kind": own_in_kind,
        "own_total": own_cash + own_in_kind,
        "project_rate": ratio(sums["rated_grant"], sums["rated_total"]),
        "share_rate": ratio(share - money(sums["share_own"]), share) if share else None,
    }


def eu_per_inhabitant(eu_granted: Decimal, population: int | None) -> Decimal | None:
    """EU funding granted per inhabitant in SEK; None while the population is not known."""
    if not population:
        return None
    return (or_zero(eu_granted) / population).quantize(Decimal("0.01"))


def funding_over_years(year: int, units=None, span: int = 5) -> dict:
    """External funding granted per source in each of the `span` years up to `year`, in SEK."""
    years = list(range(year - span + 1, year + 1))
    rows = finance_rows(range(years[0], year + 1), units).values("year", "source_name").annotate(amount=Sum("granted"))
    sources: dict[str, list[Decimal]] = {}
    for row in rows.order_by("source_name"):
        sources.setdefault(row["source_name"], [Decimal(0)] * span)[row["year"] - years[0]] = money(row["amount"])
    return {"years": years, "sources": sources}


def items(year: int, units=None) -> list[dict]:
    """Every project counted in the year, for the appendix."""
    first, last = bounds(year)
    return list(
        ran(year, units)
        .annotate(granted=sek("external_funding"))
        .values(
            "pk",
            "title",
            "acronym",
            "status",
            "start_date",
            "end_date",
            "case_number",
            "granted",
            unit=F("owner__name"),
            source_name=F(name_field("funding_source__")),
            programme_name=Coalesce(F("programme__name"), Value("")),
        )
        .annotate(
            started=Case(When(start_date__gte=first, then=True), default=False),
            ended=Case(When(end_date__lte=last, then=True), default=False),
        )
        .order_by("unit", "start_date", "title")
    )
