"""Projects in a year: active, started and ended per unit; funding applied for, granted and paid out per source and
programme; own contribution and co-financing rates; EU funding per inhabitant. Money comes from the finance rows
per year and source (`projects.ProjectFinance`), in SEK at each project's own rate."""

from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from cooperation.projects.choices import FundingKind, ProjectStatus
from cooperation.projects.models import Project, ProjectFinance

from .scope import bounds, money, name_field, of_units, or_zero, overlaps, ratio

# Projects that ran: granted, under way or closed. Ideas, applications and rejections are not projects of the year.
RAN = [ProjectStatus.GRANTED, ProjectStatus.ONGOING, ProjectStatus.CLOSED]

AMOUNT = DecimalField(max_digits=24, decimal_places=6)
ZERO = Value(Decimal(0))
# A finance row that brings external money: granted or paid out (a row may hold only an own contribution).
FUNDED = Q(granted__isnull=False) | Q(paid_out__isnull=False)


def rate(project: str = ""):
    """Kronor per unit of the project's currency (`project` reaches the project): 1 for kronor, else its own rate."""
    return Case(
        When(**{f"{project}currency_id": "SEK"}, then=Value(Decimal(1))),
        default=F(f"{project}exchange_rate"),
        output_field=AMOUNT,
    )


def sek(field: str, project: str = ""):
    """The amount in `field` converted to kronor at the project's own rate."""
    return ExpressionWrapper(F(field) * rate(project), output_field=AMOUNT)


def ran(year: int, units=None):
    """The projects active in `year`: they ran, and their dates overlap the year."""
    return Project.objects.filter(overlaps(year, "start_date", "end_date"), of_units(units, "owner"), status__in=RAN)


def finance_rows(years: range, units=None):
    """THE source of every money figure: the finance rows of `years` (one per project, year and funding source) of
    the units' projects that ran. The row's year decides, not the project's dates: a grant in a year of a project
    closed since still counts in that year.

    Each row carries `year`, `source` (its code), `unit`, `source_name`, `source_kind`, `programme_name` and its
    amounts in SEK: `applied_sek`, `granted_sek`, `paid_out_sek`, `costs_sek` (suffixed: the row's own fields of
    those names are in the project's currency), `own_cash` and `own_in_kind` (0 where not given)."""
    return ProjectFinance.objects.filter(
        of_units(units, "project__owner"), year__range=(years[0], years[-1]), project__status__in=RAN
    ).annotate(
        unit=F("project__owner__name"),
        source_name=F(name_field("source__")),
        source_kind=F("source__kind"),
        programme_name=Coalesce(F("programme__name"), Value("")),
        applied_sek=sek("applied_for", "project__"),
        granted_sek=sek("granted", "project__"),
        paid_out_sek=sek("paid_out", "project__"),
        costs_sek=sek("costs", "project__"),
        own_cash=Coalesce(sek("own_contribution_cash", "project__"), ZERO, output_field=AMOUNT),
        own_in_kind=Coalesce(sek("own_contribution_in_kind", "project__"), ZERO, output_field=AMOUNT),
    )


def one(year: int) -> range:
    return range(year, year + 1)


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


def funded(year: int, units, *group: str) -> list[dict]:
    """The year's external money grouped by `group`: granted (`amount`), paid out (`paid`), and the number of
    projects, in SEK."""
    rows = finance_rows(one(year), units).filter(FUNDED).values(*group)
    rows = rows.annotate(
        amount=Sum("granted_sek"), paid=Sum("paid_out_sek"), projects=Count("project", distinct=True)
    ).order_by(*group)
    return [{**row, "amount": money(row["amount"]), "paid": money(row["paid"])} for row in rows]


def funding_by_source(year: int, units=None) -> list[dict]:
    """External funding granted and paid out in the year per funding source, with the number of projects."""
    return funded(year, units, "source_kind", "source_name", "source")


def funding_by_programme(year: int, units=None) -> list[dict]:
    """External funding granted and paid out in the year per funding source and programme."""
    return funded(year, units, "source_name", "programme_name")


def funding(year: int, units=None) -> dict:
    """The year's money in SEK: applied for (by projects that ran; pending and rejected applications are not
    counted), granted, paid out (all and EU), own contribution (cash, in kind), costs, the number of projects
    granted or paid money, and the co-financing rates.

    A rate for the year is that of the projects granted money in the year, each with its whole budget: their
    external funding over their total budgets (`project_rate`) and over the municipality's shares (`share_rate`,
    as `Project.own_co_financing_rate`), over the projects where that budget figure is known. The rows of one
    year are a slice of a grant decided for the whole period, so the period's figures give the rate."""
    sums = finance_rows(one(year), units).aggregate(
        sum_applied=Sum("applied_sek"),
        sum_granted=Sum("granted_sek"),
        sum_paid=Sum("paid_out_sek"),
        sum_eu=Sum("granted_sek", filter=Q(source_kind=FundingKind.EU)),
        sum_eu_paid=Sum("paid_out_sek", filter=Q(source_kind=FundingKind.EU)),
        sum_own_cash=Sum("own_cash"),
        sum_own_in_kind=Sum("own_in_kind"),
        sum_costs=Sum("costs_sek"),
        projects=Count("project", distinct=True, filter=FUNDED),
    )
    figures = {key.removeprefix("sum_"): money(value) for key, value in sums.items() if key.startswith("sum_")}
    granted = finance_rows(one(year), units).filter(granted__gt=0).values("project")
    return {
        **figures,
        "own_total": figures["own_cash"] + figures["own_in_kind"],
        "projects": sums["projects"],
        **rates(Project.objects.filter(pk__in=granted)),
    }


def rates(granted_projects) -> dict:
    """The projects' external funding over their total budgets and over the municipality's shares, as fractions."""
    whole = Q(total_budget__gt=0, external_funding__isnull=False)
    own = Q(municipality_share__gt=0, external_funding__isnull=False)
    sums = granted_projects.aggregate(
        whole_grant=Sum(sek("external_funding"), filter=whole),
        whole=Sum(sek("total_budget"), filter=whole),
        own_grant=Sum(sek("external_funding"), filter=own),
        own=Sum(sek("municipality_share"), filter=own),
    )
    return {
        "project_rate": ratio(sums["whole_grant"], sums["whole"]),
        "share_rate": ratio(sums["own_grant"], sums["own"]),
    }


def eu_per_inhabitant(eu_granted: Decimal, population: int | None) -> Decimal | None:
    """EU funding granted per inhabitant in SEK; None while the population is not known."""
    if not population:
        return None
    return (or_zero(eu_granted) / population).quantize(Decimal("0.01"))


def funding_over_years(year: int, units=None, span: int = 5) -> dict:
    """External funding granted per source in each of the `span` years up to `year`, in SEK."""
    years = list(range(year - span + 1, year + 1))
    rows = finance_rows(range(years[0], year + 1), units).filter(granted__isnull=False)
    rows = rows.values("year", "source_name").annotate(amount=Sum("granted_sek"))
    sources: dict[str, list[Decimal]] = {}
    for row in rows.order_by("source_name"):
        sources.setdefault(row["source_name"], [Decimal(0)] * span)[row["year"] - years[0]] = money(row["amount"])
    return {"years": years, "sources": sources}


def year_sum(field: str, year: int):
    """The project's `field` over its finance rows of `year`, in SEK; NULL without a row."""
    rows = ProjectFinance.objects.filter(project=OuterRef("pk"), year=year).order_by().values("project")
    return ExpressionWrapper(Subquery(rows.annotate(total=Sum(field)).values("total")) * rate(), output_field=AMOUNT)


def items(year: int, units=None) -> list[dict]:
    """Every project counted in the year, for the appendix: those active in it and those with a finance row for
    it, with the year's external funding granted and paid out from the rows."""
    first, last = bounds(year)
    rows_of_year = ProjectFinance.objects.filter(year=year).values("project")
    counted = overlaps(year, "start_date", "end_date") | Q(pk__in=rows_of_year)
    return list(
        Project.objects.filter(counted, of_units(units, "owner"), status__in=RAN)
        .annotate(granted=year_sum("granted", year), paid=year_sum("paid_out", year))
        .values(
            "pk",
            "title",
            "acronym",
            "status",
            "start_date",
            "end_date",
            "case_number",
            "granted",
            "paid",
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
