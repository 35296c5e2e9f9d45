"""The start page's answer to "what needs me now?", for each role: a few queries however large the portfolio."""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cooperation.cities.choices import RelationStatus
from cooperation.cities.models import Agreement, CityRelation
from cooperation.consultations.choices import ConsultationStatus
from cooperation.consultations.models import Consultation
from cooperation.core import display
from cooperation.core.permissions import Action, allowed
from cooperation.networks.choices import MembershipKind
from cooperation.networks.models import Membership
from cooperation.notices import synergies
from cooperation.notices.choices import NoticeState
from cooperation.notices.models import Notice, Overlap, by_weight
from cooperation.organisation.choices import Role
from cooperation.organisation.roles import has_role, is_coordinator, unit_ids
from cooperation.projects.choices import ProjectStatus
from cooperation.projects.models import Project
from cooperation.reports.choices import FollowUpState
from cooperation.reports.figures.keyfigures import key_figures
from cooperation.reports.models import FollowUp, UnitReport
from cooperation.steering.choices import VersionStatus
from cooperation.steering.models import PositionPaperVersion
from cooperation.visits.models import Visit, VisitHost

LIMIT = 8


def url(name: str, args=(), **query) -> str | None:
    """The URL of a page that may not exist yet in this version, with a query string."""
    try:
        base = reverse(name, args=args)
    except NoReverseMatch:
        return None
    return f"{base}?{urlencode(query, doseq=True)}" if query else base


@dataclass
class Section:
    """A box on the start page: a heading, a list of items (text, link, note) and a link to all of them."""

    title: str
    items: list = field(default_factory=list)
    more_url: str | None = None
    empty: str = ""


@dataclass
class Figure:
    label: str
    value: str
    url: str | None = None
    last_year: str = ""
    difference: str = ""


def official_sections(user, today: datetime.date) -> list[Section]:
    units = sorted(unit_ids(user))
    projects = Project.objects.filter(owner__in=units).select_related("owner").order_by("-start_date", "-pk")[:LIMIT]
    hosted = VisitHost.objects.filter(visit=OuterRef("pk"), unit__in=units)
    visits = Visit.objects.filter(Exists(hosted), start_date__gte=today).order_by("start_date", "pk")[:LIMIT]
    notices = Notice.objects.filter(unit__in=units).open().order_by("-created_at")[:LIMIT]
    drafts = Project.objects.filter(owner__in=units, status__in=[ProjectStatus.IDEA, ProjectStatus.APPLIED])
    consultations = (
        Consultation.objects.filter(unit__in=units, deadline__gte=today)
        .exclude(status=ConsultationStatus.ANSWERED)
        .order_by("deadline")[:LIMIT]
    )
    memberships = [
        m
        for m in Membership.objects.active(today)
        .with_last_evaluation()
        .filter(unit__in=units, kind=MembershipKind.SECTOR_SPECIFIC)
        .select_related("organisation")
        if m.evaluation_due_on and m.evaluation_due_on <= today + datetime.timedelta(days=365)
    ]
    return [
        Section(
            _("My units' projects"),
            [(p, p.get_absolute_url(), p.get_status_display()) for p in projects],
            url("projects:project_list", owner=units[0]) if len(units) == 1 else url("projects:project_list"),
            _("Your units have no projects yet."),
        ),
        Section(
            _("Ideas and applications"),
            [(p, p.get_absolute_url(), p.get_status_display()) for p in drafts.order_by("-pk")[:LIMIT]],
            url("projects:project_list", status=[ProjectStatus.IDEA, ProjectStatus.APPLIED]),
            _("No projects in the idea or application stage."),
        ),
        Section(
            _("Upcoming visits"),
            [(v, _url_of(v), display.value(v, "start_date")) for v in visits],
            url("visits:visit_list"),
            _("No visits coming up for your units."),
        ),
        Section(
            _("Open coordination notices"),
            [(n, _url_of(n), n.get_state_display()) for n in notices],
            url("notices:notice_list"),
            _("No open notices from your units."),
        ),
        Section(
            _("Consultations with a deadline"),
            [(c, _url_of(c), display.value(c, "deadline")) for c in consultations],
            url("consultations:consultation_list"),
            _("No open consultations."),
        ),
        Section(
            _("Evaluations due within a year"),
            [(m, _url_of(m), display.day(m.evaluation_due_on)) for m in memberships[:LIMIT]],
            url("networks:membership_list"),
            _("No evaluations due."),
        ),
    ]


def follow_up_tasks(units) -> list[Section]:
    """The units' accounts still to submit in an open follow-up: a box only while there is one."""
    tasks = (
        UnitReport.objects.filter(unit__in=units, submitted_at__isnull=True, follow_up__state=FollowUpState.OPEN)
        .select_related("unit", "follow_up")
        .order_by("follow_up__deadline", "unit__name")[:LIMIT]
    )
    items = [
        (task, task.get_absolute_url(), _("submit by {day}").format(day=display.day(task.follow_up.deadline)))
        for task in tasks
    ]
    return (
        [Section(_("The year's follow-up: accounts to submit"), items, url("reports:followup_list"))] if items else []
    )


def follow_ups_in_progress() -> list[Section]:
    """For the office: the follow-ups not yet received by KS, with how many units have submitted."""
    follow_ups = FollowUp.objects.exclude(state=FollowUpState.RECEIVED).annotate(
        tasks=Count("unit_reports"), submitted=Count("unit_reports", filter=Q(unit_reports__submitted_at__isnull=False))
    )
    items = [
        (
            follow_up,
            follow_up.get_absolute_url(),
            _("{submitted} of {tasks} units have submitted").format(
                submitted=follow_up.submitted, tasks=follow_up.tasks
            )
            if follow_up.state == FollowUpState.OPEN
            else follow_up.get_state_display(),
        )
        for follow_up in follow_ups.order_by("-year")[:LIMIT]
    ]
    return [Section(_("Annual follow-ups under way"), items, url("reports:followup_list"))] if items else []


def ks_sections() -> list[Section]:
    """For KS: compiled follow-ups whose receipt is still to be recorded."""
    waiting = FollowUp.objects.filter(state=FollowUpState.COMPILED).order_by("-year")[:LIMIT]
    return [
        Section(
            _("Follow-up reports waiting for KS's receipt"),
            [(f, url("reports:followup_receipt", args=[f.year]), "") for f in waiting],
            url("reports:followup_list"),
            _("No report is waiting for KS."),
        )
    ]


def coordinator_sections(user, today: datetime.date) -> list[Section]:
    quarter_end = _quarter_end(today)
    new = Notice.objects.filter(state=NoticeState.SUBMITTED).select_related("unit").order_by("-created_at")
    overdue = new.overdue(today)
    reviews = (
        CityRelation.objects.exclude(status=RelationStatus.ENDED)
        .filter(next_review_on__lte=quarter_end)
        .order_by("next_review_on")[:LIMIT]
    )
    evaluations = [
        m
        for m in Membership.objects.active(today).with_last_evaluation().select_related("organisation")
        if m.evaluation_due_on and m.evaluation_due_on <= quarter_end
    ]
    papers = (
        PositionPaperVersion.objects.filter(status=VersionStatus.ADOPTED, next_review_on__lte=quarter_end)
        .select_related("paper")
        .order_by("next_review_on")[:LIMIT]
    )
    agreements = (
        Agreement.objects.filter(valid_until__gte=today, valid_until__lte=today + datetime.timedelta(days=183))
        .select_related("relation")
        .order_by("valid_until")[:LIMIT]
    )
    open_overlaps = by_weight(Overlap.objects.filter(dismissed_at__isnull=True))
    open_overlaps = synergies.items_of(open_overlaps.select_related("first_unit", "second_unit")[:LIMIT])
    return [
        Section(
            _("New coordination notices"),
            [(n, _url_of(n), n.unit) for n in new[:LIMIT]],
            url("notices:notice_list", state=NoticeState.SUBMITTED),
            _("No new notices."),
        ),
        Section(
            _("Notices unanswered after {days} working days").format(days=settings.NOTICE_ANSWER_WORKING_DAYS),
            [(n, _url_of(n), display.value(n, "created_at")) for n in overdue[:LIMIT]],
            url("notices:notice_list"),
            _("No notice is waiting too long."),
        ),
        Section(
            _("Reviews of city relations due this quarter"),
            [(r, _url_of(r), display.value(r, "next_review_on")) for r in reviews],
            url("cities:cityrelation_list"),
            _("No review due this quarter."),
        ),
        Section(
            _("Position papers to review this quarter or overdue"),
            [(v.paper, _url_of(v.paper), display.value(v, "next_review_on")) for v in papers],
            url("steering:positionpaper_list", review_due="true"),
            _("No position paper is due for review."),
        ),
        Section(
            _("Membership evaluations due this quarter or overdue"),
            [(m, _url_of(m), display.day(m.evaluation_due_on)) for m in evaluations[:LIMIT]],
            url("networks:membership_list"),
            _("No evaluation due."),
        ),
        Section(
            _("Possible synergies between units"),
            [overlap_item(overlap) for overlap in open_overlaps],
            url("notices:overlap_list"),
            _("No open overlap between units' items."),
        ),
        Section(
            _("Agreements ending within six months"),
            [(a, _url_of(a.relation), display.value(a, "valid_until")) for a in agreements],
            url("cities:cityrelation_list"),
            _("No agreement ends within six months."),
        ),
    ]


def overlap_item(overlap) -> tuple:
    """A possible synergy on the start page: both items and their units, linked to where it is weighed."""
    nobody = _("no unit")
    text = _("{first} ({first_unit}) and {second} ({second_unit})").format(
        first=overlap.first,
        first_unit=overlap.first_unit or nobody,
        second=overlap.second,
        second_unit=overlap.second_unit or nobody,
    )
    return text, reverse("notices:overlap_detail", args=[overlap.pk]), overlap.shared()


# Where each key figure's items are listed (the list's model and URL name), with the year's filter where it has one.
FIGURE_LISTS = {
    "projects_active": (Project, "projects:project_list", True),
    "visits": (Visit, "visits:visit_list", True),
    "memberships": (Membership, "networks:membership_list", False),
    "city_relations": (CityRelation, "cities:cityrelation_list", False),
    "notices": (Notice, "notices:notice_list", False),
}


def shown(value, is_money: bool, signed: bool = False) -> str:
    """A key figure as the page shows it: kronor grouped for the user's language, counts grouped too."""
    if value is None:
        return display.EMPTY
    sign = "+" if signed and value > 0 else ""
    if is_money:
        return sign + display.money(value, "SEK")
    places = 0 if value == int(value) else 1
    return sign + formats.number_format(value, places, use_l10n=True, force_grouping=True)


# How long computed key figures are kept at most; any change to the portfolio makes new ones at once.
FIGURES_SECONDS = 24 * 60 * 60


def cached_key_figures(year: int, changed) -> list:
    """The report's key figures for `year`, computed once per change of the portfolio: `changed` is the moment of the
    last change (core.queries.last_change), so a save anywhere, by anyone and in any process, asks for new ones.
    They are about twenty aggregate queries over every project and visit; without `changed`, always computed."""
    if changed is None:
        return key_figures(year)
    key = f"portal:key-figures:{year}:{timezone.localdate()}:{get_language()}:{changed}".replace(" ", "T")
    return cache.get_or_set(key, lambda: key_figures(year), FIGURES_SECONDS)


def portfolio_figures(year: int, user, changed=None) -> list[Figure]:
    """The year's key figures against the year before, from the report's own figure functions (money in SEK at
    each project's rate), for KS, KF and the office; each linked to its list where the user may open it."""
    figures = []
    for figure in cached_key_figures(year, changed):
        model, name, by_year = FIGURE_LISTS.get(figure.key, (None, None, False))
        link = None
        if name and allowed(user, Action.VIEW, model):
            link = url(name, year=year) if by_year else url(name)
        figures.append(
            Figure(
                figure.label,
                shown(figure.this_year, figure.is_money),
                link,
                shown(figure.last_year, figure.is_money),
                shown(figure.difference, figure.is_money, signed=True),
            )
        )
    return figures


def sections_for(user, today: datetime.date | None = None, year: int | None = None, changed=None) -> dict:
    """The start page's boxes for the user's roles; the portfolio's figures for `year` (this year by default), kept
    until the portfolio changes after `changed`."""
    today = today or timezone.localdate()
    year = year or today.year
    context = {"sections": [], "figures": [], "year": year, "years": list(range(today.year + 1, today.year - 10, -1))}
    if is_coordinator(user):
        context["sections"] += follow_ups_in_progress() + coordinator_sections(user, today)
    elif unit_ids(user):
        context["sections"] += follow_up_tasks(sorted(unit_ids(user))) + official_sections(user, today)
    if has_role(user, Role.KS):
        context["sections"] += ks_sections()
    if has_role(user, Role.KS, Role.KF, Role.COORDINATOR, Role.ADMINISTRATOR, Role.READER):
        context["figures"] = portfolio_figures(year, user, changed)
    return context


def _quarter_end(day: datetime.date) -> datetime.date:
    quarter_last_month = 3 * ((day.month - 1) // 3 + 1)
    first_of_next = datetime.date(day.year + quarter_last_month // 12, quarter_last_month % 12 + 1, 1)
    return first_of_next - datetime.timedelta(days=1)


def _url_of(obj) -> str | None:
    method = getattr(obj, "get_absolute_url", None)
    try:
        return method() if method else None
    except NoReverseMatch:
        return None
