"""The annual follow-up's content: the figures of a year, for the whole municipality or one committee, as a
`document.Report`. Every number comes from the figure functions in `figures/`, which the start page reads too."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.dates import MONTHS
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django_countries import countries

from cooperation.cities.choices import RelationKind, RelationStatus
from cooperation.consultations.choices import ConsultationStatus
from cooperation.networks.choices import MembershipKind
from cooperation.notices.choices import Area, NoticeState
from cooperation.organisation.choices import GoalKind
from cooperation.organisation.models import get_municipality, policy_in_force, population
from cooperation.projects.choices import ProjectStatus
from cooperation.visits.choices import Direction, VisitKind

from .document import Chart, Column, Kind, Money, Report, Section, Series, Table
from .figures import cities, consultations, goals, keyfigures, memberships, notices, projects, reviews, visits
from .figures.scope import as_of, money

Progress = Callable[[int, str], None]  # (percent done, what is being done now)


@dataclass
class Scope:
    """What one report covers: the year, the committee's units (None: the whole municipality), the follow-up."""

    year: int
    units: object
    follow_up: object
    policy: object
    population: int | None = None  # the municipality's inhabitants in the year, where recorded


def build_report(year: int, *, body=None, follow_up=None, language: str = "sv", progress: Progress | None = None):
    """The report for `year`: the whole portfolio, or `body`'s (a nämnd or company board) and its units' items.

    `follow_up` (a `reports.FollowUp`, optional) adds the units' own accounts and the coordinator's assessments.
    """
    step = progress or (lambda percent, text: None)
    with translation.override(language):
        municipality = get_municipality()
        scope = Scope(year, body, follow_up, policy_in_force(as_of(year)), population(year))
        report = Report(
            title=_("Follow-up of the international work {year}").format(year=year),
            municipality=str(municipality or ""),
            year=year,
            language=language,
            subtitle=str(body or ""),
            case_number=str(getattr(follow_up, "case_number", "") or ""),
            made_on=timezone.localdate(),
        )
        builders = [
            (_("Key figures"), key_figures_section),
            (_("The policy and its goals"), policy_section),
            (_("Per area"), areas_section),
            (_("The units' own accounts"), units_section),
            (_("Appendix: the items counted"), appendix_section),
        ]
        for number, (what, builder) in enumerate(builders):
            step(number * 100 // len(builders), what)
            report.sections.append(builder(scope))
        step(100, _("Done"))
    return report


def columns(*specs) -> list[Column]:
    """Columns from (label, kind) pairs or bare labels (text)."""
    return [Column(*spec) if isinstance(spec, tuple) else Column(spec) for spec in specs]


def listed(items) -> list:
    """A related manager's or a plain sequence's items (the follow-up is read duck-typed)."""
    if items is None:
        return []
    return list(items.all()) if hasattr(items, "all") else list(items)


def label_of(choices, value) -> str:
    """A choice's label as a table cell, with a capital first letter."""
    try:
        return capfirst(str(choices(value).label))
    except ValueError:
        return str(value or "")


def key_figures_section(scope: Scope) -> Section:
    figures = keyfigures.key_figures(scope.year, scope.units)
    year, last = str(scope.year), str(scope.year - 1)
    number_columns = columns(_("Figure"), (year, Kind.DECIMAL), (last, Kind.DECIMAL), (_("Difference"), Kind.DECIMAL))
    money_columns = columns(_("Figure"), (year, Kind.MONEY), (last, Kind.MONEY), (_("Difference"), Kind.MONEY))

    def row(figure):
        this, before = decimal_or_none(figure.this_year), decimal_or_none(figure.last_year)
        return [figure.label, this, before, figure.difference if this is not None and before is not None else None]

    section = Section("key_figures", _("Key figures"))
    if not any(figure.this_year for figure in figures):
        section.paragraphs.append(
            _(
                "Nothing is registered for {year}: no projects, visits, memberships, city relations, consultations or "
                "coordination notices."
            ).format(year=scope.year)
        )
    section.paragraphs.append(_("This year against last year, and the difference."))
    section.blocks += [
        Table("key_figures", _("Key figures"), number_columns, [row(f) for f in figures if not f.is_money]),
        Table("key_money", _("Key figures in SEK"), money_columns, [row(f) for f in figures if f.is_money]),
    ]
    return section


def decimal_or_none(value):
    if value is None or isinstance(value, int | Decimal):
        return value
    return Decimal(str(value))  # a median of an even number of waits ends in .5


def policy_section(scope: Scope) -> Section:
    section = Section("policy", _("The policy and its goals"))
    policy = scope.policy
    if policy is None:
        section.paragraphs.append(
            _("No policy for the international work was in force in {year}.").format(year=scope.year)
        )
        return section
    section.paragraphs += [
        _("{title} ({kind}).").format(title=policy.title, kind=policy.get_kind_display()),
        _("Adopted: {decision}. Valid from: {start}. Next revision: {revision}.").format(
            decision=policy.decision or "–",
            start=policy.valid_from.isoformat() if policy.valid_from else "–",
            revision=policy.next_revision_on.isoformat() if policy.next_revision_on else "–",
        ),
    ]
    goal_rows = goals.policy_goals(scope.year, scope.units, policy)
    assessments = {
        getattr(a, "goal_id", None) or getattr(getattr(a, "goal", None), "pk", None): a
        for a in listed(getattr(scope.follow_up, "goal_assessments", None))
    }
    section.blocks.append(
        Table(
            "goal_fulfilment",
            _("Goal fulfilment"),
            columns(_("Goal"), _("Kind"), (_("Items linked"), Kind.INTEGER), _("Assessment"), _("Comment")),
            [goal_row(goal, assessments.get(goal["pk"])) for goal in goal_rows],
            empty_text=_("The policy names no goals."),
        )
    )
    registers = register_names()
    section.blocks.append(
        Table(
            "goal_items",
            _("Items linked to each goal"),
            columns(_("Goal"), _("Register"), _("Item")),
            [[goal["title"], registers[register], item] for goal in goal_rows for register, item in goal["items"]],
            empty_text=_("No item of the year is linked to a goal of the policy."),
            listing=True,
        )
    )
    return section


def goal_row(goal: dict, assessment) -> list:
    verdict = capfirst(str(assessment.get_verdict_display())) if assessment is not None else _("Not assessed")
    text = getattr(assessment, "text", "") if assessment is not None else ""
    title = "– " * goal["depth"] + goal["title"]
    return [title, label_of(GoalKind, goal["kind"]), len(goal["items"]), str(verdict), text]


def register_names() -> dict:
    return {
        "projects": _("Project"),
        "visits": _("Visit"),
        "memberships": _("Membership"),
        "city_relations": _("City relation"),
    }


def area_assessment(scope: Scope, area: str) -> list[str]:
    """The coordinator's assessment of `area`, where the follow-up has one."""
    found = [a for a in listed(getattr(scope.follow_up, "area_assessments", None)) if a.area == area and a.text]
    return [_("Assessment: {text}").format(text=a.text) for a in found]


def areas_section(scope: Scope) -> Section:
    section = Section("areas", _("Per area"))
    section.subsections = [
        cities_section(scope),
        networks_section(scope),
        projects_section(scope),
        visits_section(scope),
        monitoring_section(scope),
        notices_section(scope),
        reviews_section(scope),
        agenda2030_section(scope),
    ]
    return section


def cities_section(scope: Scope) -> Section:
    section = Section("cities", _("City relations"), area_assessment(scope, Area.CITIES))
    relations = cities.rows(scope.year, scope.units)
    section.blocks.append(
        Table(
            "city_relations",
            _("City relations and their activities"),
            columns(
                _("City or region"),
                _("Country"),
                _("Kind"),
                _("Status"),
                (_("Activities"), Kind.INTEGER),
                (_("Visits"), Kind.INTEGER),
            ),
            [
                [
                    r["city"],
                    countries.name(r["country"]),
                    label_of(RelationKind, r["kind"]),
                    label_of(RelationStatus, r["status"]),
                    r["activity_count"],
                    r["visit_count"],
                ]
                for r in relations
            ],
            totals=[_("Total"), None, None, None, sum(r["activity_count"] for r in relations), None],
            empty_text=_("No city relation stood in the year."),
        )
    )
    section.blocks.append(
        Table(
            "city_activities",
            _("Activities under city relations"),
            columns((_("Start date"), Kind.DATE), _("City relation"), _("Unit"), _("Activity")),
            [
                [a["start_date"], a["relation_city"], a["unit_name"], a["title"]]
                for a in cities.activity_items(scope.year, scope.units)
            ],
            empty_text=_("No activities were recorded in the year."),
        )
    )
    return section


def networks_section(scope: Scope) -> Section:
    section = Section("networks", _("Organisations and networks"), area_assessment(scope, Area.NETWORKS))
    rows = memberships.rows(scope.year, scope.units)
    section.blocks.append(
        Table(
            "memberships",
            _("Memberships"),
            columns(
                _("Organisation or network"),
                _("Kind"),
                _("Member unit"),
                _("Decided by"),
                (_("Fee paid {year}").format(year=scope.year), Kind.MONEY),
                (_("Positions held"), Kind.INTEGER),
                (_("Last evaluated"), Kind.DATE),
                (_("Evaluation due"), Kind.DATE),
                _("Evaluation status"),
            ),
            [
                [
                    r["organisation_name"],
                    label_of(MembershipKind, r["kind"]),
                    r["unit_name"],
                    r["body"] or "–",
                    None if r["fee_paid"] is None else Money(r["fee_paid"], r["fee_paid_currency"]),
                    r["positions"],
                    r["last_evaluation_on"],
                    r["evaluation_due_on"],
                    _("Overdue") if r["overdue"] else _("In time"),
                ]
                for r in rows
            ],
            empty_text=_("No membership ran in the year."),
        )
    )
    section.blocks.append(
        Table(
            "membership_fees",
            _("Membership fees paid per currency"),
            columns(_("Currency"), (_("Fees"), Kind.MONEY), (_("Memberships"), Kind.INTEGER)),
            [
                [f["currency"], Money(f["amount"], f["currency"]), f["memberships"]]
                for f in memberships.fees(scope.year, scope.units)
            ],
            empty_text=_("No membership fee paid for the year is registered."),
        )
    )
    return section


def projects_section(scope: Scope) -> Section:
    year, units = scope.year, scope.units
    section = Section("projects", _("International projects"), area_assessment(scope, Area.PROJECTS))
    section.paragraphs.append(
        _(
            "Amounts in SEK at each project's own exchange rate, from the projects' finance rows for the year: money "
            "granted or paid out in another year counts in that year."
        )
    )
    per_unit = projects.per_unit(year, units)
    unit_table = Table(
        "projects_per_unit",
        _("Projects per unit"),
        columns(_("Unit"), (_("Active"), Kind.INTEGER), (_("Started"), Kind.INTEGER), (_("Ended"), Kind.INTEGER)),
        [[r["unit"], r["active"], r["started"], r["ended"]] for r in per_unit],
        totals=[_("Total"), *(sum(r[k] for r in per_unit) for k in ("active", "started", "ended"))],
        empty_text=_("No project was active in the year."),
    )
    series = [Series(str(unit_table.columns[i].label), [r[i] for r in unit_table.rows]) for i in (1, 2, 3)]
    section.blocks.append(
        Chart(
            "chart_projects_per_unit",
            _("Projects per unit"),
            "bar",
            [r[0] for r in unit_table.rows],
            series,
            unit_table,
        )
    )
    money = projects.funding(year, units)
    section.blocks += [
        funding_table(
            "funding_by_source",
            _("External funding granted and paid out per funding source"),
            [
                [r["source_name"], r["amount"], r["paid"], r["projects"]]
                for r in projects.funding_by_source(year, units)
            ],
            money,
        ),
        funding_chart(year, units),
        funding_table(
            "funding_by_programme",
            _("External funding granted and paid out per programme"),
            [
                [r["source_name"], r["programme_name"] or "–", r["amount"], r["paid"], r["projects"]]
                for r in projects.funding_by_programme(year, units)
            ],
            money,
        ),
        Table(
            "own_contribution",
            _("Own contribution and co-financing"),
            columns(_("Figure"), (_("Amount"), Kind.MONEY)),
            [
                [_("External funding applied for"), money["applied"]],
                [_("External funding granted"), money["granted"]],
                [_("External funding paid out"), money["paid"]],
                [_("EU funding granted"), money["eu"]],
                [_("EU funding paid out"), money["eu_paid"]],
                [_("Own contribution, cash"), money["own_cash"]],
                [_("Own contribution, in kind"), money["own_in_kind"]],
                [_("Own contribution, total"), money["own_total"]],
                [_("The municipality's costs"), money["costs"]],
            ],
        ),
        Table(
            "co_financing",
            _("Co-financing rates"),
            columns(_("Rate"), (_("Share"), Kind.PERCENT)),
            [
                [_("External funding of the whole projects' budgets"), money["project_rate"]],
                [_("External funding of the municipality's own share"), money["share_rate"]],
            ],
        ),
        per_inhabitant_table(scope, money["eu"]),
    ]
    section.paragraphs.append(
        _(
            "The co-financing rates are those of the projects granted money in the year, over their whole budgets: "
            "their external funding over their total budgets, and over the municipality's own shares."
        )
    )
    return section


def funding_table(key: str, caption: str, rows: list, money: dict) -> Table:
    """Granted and paid out per source (or source and programme); the total counts each project once."""
    labels = [_("Funding source")] + ([_("Programme")] if key == "funding_by_programme" else [])
    blanks = [None] * (len(labels) - 1)
    return Table(
        key,
        caption,
        columns(*labels, (_("Granted"), Kind.MONEY), (_("Paid out"), Kind.MONEY), (_("Projects"), Kind.INTEGER)),
        rows,
        totals=[_("Total"), *blanks, money["granted"], money["paid"], money["projects"]] if rows else None,
        empty_text=_("No external funding was granted or paid out in the year."),
    )


def per_inhabitant_table(scope: Scope, eu_granted) -> Table:
    """EU funding granted per inhabitant; the table says so when the population of the year is not recorded."""
    per_inhabitant = projects.eu_per_inhabitant(eu_granted, scope.population)
    return Table(
        "eu_per_inhabitant",
        _("EU funding per inhabitant"),
        columns(
            (_("Inhabitants"), Kind.INTEGER),
            (_("EU funding granted"), Kind.MONEY),
            (_("Per inhabitant"), Kind.MONEY),
        ),
        [] if per_inhabitant is None else [[scope.population, eu_granted, per_inhabitant]],
        empty_text=_(
            "The municipality's population in {year} is not recorded, so EU funding per inhabitant cannot be given."
        ).format(year=scope.year),
    )


def funding_chart(year: int, units) -> Chart:
    """External funding granted per source over five years, as a chart with its table."""
    five = projects.funding_over_years(year, units)
    labels = [str(y) for y in five["years"]]
    table = Table(
        "funding_five_years",
        _("External funding granted per source, five years"),
        columns(_("Funding source"), *((label, Kind.MONEY) for label in labels)),
        [[source, *amounts] for source, amounts in five["sources"].items()],
        empty_text=_("No external funding was granted in these years."),
    )
    series = [Series(source, amounts) for source, amounts in five["sources"].items()]
    return Chart("chart_funding", table.caption, "stacked_bar", labels, series, table)


def visits_section(scope: Scope) -> Section:
    year, units = scope.year, scope.units
    section = Section("visits", _("Visits"), area_assessment(scope, Area.VISITS))
    totals = visits.totals(year, units)
    section.paragraphs.append(
        _("{visits} visits: {incoming} incoming with {delegates} visitors, {outgoing} outgoing.").format(**totals)
    )
    kinds = visits.by_kind(year, units)
    section.blocks.append(
        Table(
            "visits_by_kind",
            _("Visits by kind"),
            columns(_("Kind"), (_("Visits"), Kind.INTEGER), (_("Delegation members"), Kind.INTEGER)),
            [[label_of(VisitKind, r["kind"]), r["visits"], r["delegates"]] for r in kinds],
            totals=[_("Total"), sum(r["visits"] for r in kinds), sum(r["delegates"] for r in kinds)],
            empty_text=_("No visits in the year."),
        )
    )
    months = visits.by_month(year, units)
    labels = [capfirst(str(MONTHS[r["month"]])) for r in months]
    table = Table(
        "visits_by_month",
        _("Visits per month"),
        columns(_("Month"), (_("Visits"), Kind.INTEGER), (_("Delegation members"), Kind.INTEGER)),
        [[label, r["visits"], r["delegates"]] for label, r in zip(labels, months, strict=True)],
    )
    series = [Series(_("Visits"), [r["visits"] for r in months])]
    section.blocks.append(Chart("chart_visits", _("Visits per month"), "bar", labels, series, table))
    return section


def monitoring_section(scope: Scope) -> Section:
    section = Section("monitoring", _("Monitoring and advocacy"), area_assessment(scope, Area.MONITORING))
    rows = consultations.per_unit(scope.year, scope.units)
    keys = ("received", "answered", "eu_initiative", "brussels_office")
    section.blocks.append(
        Table(
            "consultations",
            _("Consultations per unit"),
            columns(
                _("Unit"),
                (_("Received"), Kind.INTEGER),
                (_("Answered"), Kind.INTEGER),
                (_("Answered, on an EU initiative"), Kind.INTEGER),
                (_("Answered with the Brussels office"), Kind.INTEGER),
            ),
            [[r["unit_name"], *(r[k] for k in keys)] for r in rows],
            totals=[_("Total"), *(sum(r[k] for r in rows) for k in keys)],
            empty_text=_("No consultations in the year."),
        )
    )
    return section


def notices_section(scope: Scope) -> Section:
    year, units = scope.year, scope.units
    section = Section("notices", _("Coordination notices"))
    summary = notices.summary(year, units)
    if summary["answered"]:
        section.paragraphs.append(
            _(
                "{total} notices, {answered} answered. Working days to the first answer: median {median}, 90th "
                "percentile {p90}."
            ).format(
                total=summary["total"],
                answered=summary["answered"],
                median=summary["median_days"],
                p90=summary["p90_days"],
            )
        )
    areas = notices.per_area(year, units)
    table = Table(
        "notices_by_area",
        _("Coordination notices per area"),
        columns(
            _("Area"),
            (_("Notices"), Kind.INTEGER),
            (_("Answered"), Kind.INTEGER),
            (_("Median working days"), Kind.DECIMAL),
            (_("90th percentile, working days"), Kind.DECIMAL),
        ),
        [
            [
                label_of(Area, r["area"]),
                r["total"],
                r["answered"],
                decimal_or_none(r["median_days"]),
                decimal_or_none(r["p90_days"]),
            ]
            for r in areas
        ],
        empty_text=_("No coordination notices in the year."),
    )
    series = [Series(_("Notices"), [r["total"] for r in areas])]
    labels = [row[0] for row in table.rows]
    section.blocks.append(Chart("chart_notices", table.caption, "bar", labels, series, table))
    section.blocks.append(
        Table(
            "notices_by_unit",
            _("Coordination notices per unit and area"),
            columns(_("Unit"), _("Area"), (_("Notices"), Kind.INTEGER)),
            [[r["unit_name"], label_of(Area, r["area"]), r["notices"]] for r in notices.per_unit_and_area(year, units)],
            empty_text=_("No coordination notices in the year."),
        )
    )
    return section


def reviews_section(scope: Scope) -> Section:
    subjects = {
        "city_relation": _("City relation"),
        "membership": _("Membership"),
        "position_paper": _("Position paper"),
        "policy": _("Policy"),
    }
    section = Section("reviews", _("Evaluations and reviews overdue"))
    section.blocks.append(
        Table(
            "overdue_reviews",
            _("Evaluations and reviews overdue"),
            columns(_("Concerns"), _("Item"), (_("Due"), Kind.DATE)),
            [[subjects[r["subject"]], r["title"], r["due_on"]] for r in reviews.overdue(scope.year, scope.units)],
            empty_text=_("No evaluation or review is overdue."),
        )
    )
    return section


def agenda2030_section(scope: Scope) -> Section:
    section = Section("agenda2030", _("Agenda 2030 goals touched"))
    registers = register_names()
    keys = list(goals.REGISTERS)
    section.blocks.append(
        Table(
            "agenda2030",
            _("Agenda 2030 goals touched"),
            columns(_("Goal"), *((registers[k], Kind.INTEGER) for k in keys)),
            [[f"{r['number']}. {r['name']}", *(r[k] for k in keys)] for r in goals.agenda2030(scope.year, scope.units)],
            empty_text=_("No item of the year is linked to an Agenda 2030 goal."),
        )
    )
    return section


def units_section(scope: Scope) -> Section:
    section = Section("units", _("The units' own accounts"))
    accounts = listed(getattr(scope.follow_up, "unit_reports", None))
    if not accounts:
        section.paragraphs.append(_("No unit's own account is part of this report."))
    for account in sorted(accounts, key=lambda a: str(a.unit)):
        submitted = getattr(account, "submitted_at", None)
        sub = Section(f"unit_{getattr(account.unit, 'pk', '')}", str(account.unit))
        sub.paragraphs = [
            text
            for heading, value in (
                (_("Achieved"), account.achieved),
                (_("Lessons"), account.lessons),
                (_("Next year"), account.next_year),
            )
            if value
            for text in [f"{heading}: {value}"]
        ]
        if submitted:
            day = timezone.localtime(submitted).date() if isinstance(submitted, datetime.datetime) else submitted
            sub.paragraphs.append(_("Submitted on {day}.").format(day=day.isoformat()))
        else:
            sub.paragraphs.append(_("Not submitted."))
        section.subsections.append(sub)
    return section


def appendix_section(scope: Scope) -> Section:
    year, units = scope.year, scope.units
    section = Section("appendix", _("Appendix: the items counted"))
    section.paragraphs += [
        _("Every item counted in the figures above, so each figure can be traced; the Excel workbook lists them all."),
        _("The memberships, city relations and their activities are listed in full under their areas."),
    ]
    yes, no = _("Yes"), _("No")
    section.blocks += [
        Table(
            "items_projects",
            _("Projects active in the year"),
            columns(
                _("Project"),
                _("Unit"),
                _("Status"),
                (_("Start date"), Kind.DATE),
                (_("End date"), Kind.DATE),
                _("Started in the year"),
                _("Ended in the year"),
                _("Funding source"),
                _("Programme"),
                (_("Granted {year}").format(year=year), Kind.MONEY),
                (_("Paid out {year}").format(year=year), Kind.MONEY),
                _("Case number"),
            ),
            [
                [
                    f"{p['acronym']}: {p['title']}" if p["acronym"] else p["title"],
                    p["unit"],
                    label_of(ProjectStatus, p["status"]),
                    p["start_date"],
                    p["end_date"],
                    yes if p["started"] else no,
                    yes if p["ended"] else no,
                    p["source_name"],
                    p["programme_name"],
                    projects_money(p["granted"]),
                    projects_money(p["paid"]),
                    p["case_number"],
                ]
                for p in projects.items(year, units)
            ],
            empty_text=_("No project was active in the year."),
            listing=True,
        ),
        Table(
            "items_visits",
            _("Visits in the year"),
            columns(
                (_("Start date"), Kind.DATE),
                _("Visit"),
                _("Kind"),
                _("Direction"),
                _("Country"),
                _("Main host"),
                (_("Delegation size"), Kind.INTEGER),
            ),
            [
                [
                    v["start_date"],
                    v["title"],
                    label_of(VisitKind, v["kind"]),
                    label_of(Direction, v["direction"]),
                    countries.name(v["country"]),
                    v["main_host"] or "–",
                    v["delegation_size"],
                ]
                for v in visits.items(year, units)
            ],
            empty_text=_("No visits in the year."),
            listing=True,
        ),
        Table(
            "items_consultations",
            _("Consultations in the year"),
            columns(
                _("Consultation"), _("Unit"), _("Status"), (_("Received on"), Kind.DATE), (_("Answered on"), Kind.DATE)
            ),
            [
                [
                    c["title"],
                    c["unit_name"],
                    label_of(ConsultationStatus, c["status"]),
                    c["received_on"],
                    c["answered_on"],
                ]
                for c in consultations.items(year, units)
            ],
            empty_text=_("No consultations in the year."),
            listing=True,
        ),
        Table(
            "items_notices",
            _("Coordination notices in the year"),
            columns(_("Number"), _("Area"), _("Unit"), _("State"), (_("Submitted on"), Kind.DATE)),
            [
                [
                    n["number"],
                    label_of(Area, n["area"]),
                    n["unit_name"],
                    label_of(NoticeState, n["state"]),
                    local_day(n["created_at"]),
                ]
                for n in notices.items(year, units)
            ],
            empty_text=_("No coordination notices in the year."),
            listing=True,
        ),
    ]
    return section


def projects_money(value):
    return None if value is None else money(value)


def local_day(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localtime(moment).date() if moment else None
