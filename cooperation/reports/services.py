"""The follow-up's steps that span several rows: opening a year, submitting, building a report, KS's receipt."""

import datetime
import hashlib
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from . import content, render
from .choices import ACTIVE_BUILD_STATES, BuildState, FollowUpState
from .items import units_with_items
from .models import FollowUp, ReportBuild, ReportVersion, UnitReport

logger = logging.getLogger(__name__)

ALREADY_BUILDING = _("The report is already being built; wait for that build to finish.")


@transaction.atomic
def open_follow_up(year: int, deadline, user) -> FollowUp:
    """Open the year's follow-up: every unit with items active in the year gets its task."""
    follow_up = FollowUp(year=year, deadline=deadline, opened_by=user)
    follow_up.full_clean()
    follow_up.save()
    for unit in units_with_items(year):
        UnitReport.objects.create(follow_up=follow_up, unit=unit)
    return follow_up


def submit(unit_report: UnitReport, user, *, achieved: str, lessons: str, next_year: str) -> UnitReport:
    """The unit's account; submitting again updates it, and its history keeps every submission."""
    unit_report.achieved, unit_report.lessons, unit_report.next_year = achieved, lessons, next_year
    unit_report.submitted_at, unit_report.submitted_by = timezone.now(), user
    unit_report.full_clean()
    unit_report.save()
    return unit_report


def start_build(follow_up: FollowUp, user, *, body=None, language: str = "sv") -> ReportBuild:
    """Queue a build of the report; refused while the same report is being built."""
    from .tasks import build_report_task  # the task module imports this one

    give_up_stuck_builds()
    try:
        with transaction.atomic():
            build = ReportBuild.objects.create(follow_up=follow_up, body=body, language=language, requested_by=user)
            result = build_report_task.enqueue(build.pk)
    except IntegrityError:
        raise ValidationError(ALREADY_BUILDING) from None
    logger.info("Queued report build %s as task %s", build.pk, result.id)
    build.refresh_from_db()  # the immediate backend has run it already
    return build


def give_up_stuck_builds(builds=None) -> int:
    """Mark builds queued or running past the timeout as timed out, so they no longer hold their report.

    A worker that died leaves its build active for ever; the pages and a new request call this."""
    limit = timezone.now() - datetime.timedelta(minutes=settings.REPORT_BUILD_TIMEOUT_MINUTES)
    builds = ReportBuild.objects.all() if builds is None else builds
    stuck = builds.filter(state__in=ACTIVE_BUILD_STATES, requested_at__lt=limit)
    count = 0
    for build in stuck:  # one save each, so every build's history records the change
        build.state = BuildState.TIMED_OUT
        build.save()
        count += 1
    if count:
        logger.warning("Gave up %s report builds unfinished after the timeout", count)
    return count


def set_progress(build_id: int, percent: int, step: str) -> None:
    # progress and step are left out of the build's history, so a plain update misses nothing
    ReportBuild.objects.filter(pk=build_id).update(progress=max(0, min(100, int(percent))), step=str(step)[:200])


def run_build(build_id: int) -> None:
    """Build the report, then its three files; a version is made only once all three are whole."""
    build = ReportBuild.objects.select_related("follow_up", "body").get(pk=build_id)
    if build.state != BuildState.QUEUED:
        return  # run already (a task delivered twice)
    build.state = BuildState.RUNNING
    build.save()
    try:
        with translation.override(build.language):
            files = make_files(build)
        version = store_version(build, *files)
    except Exception as error:
        logger.exception("Report build %s failed", build.pk)
        build.state, build.error = BuildState.FAILED, f"{type(error).__name__}: {error}"[:1000]
        build.save()
        return
    build.refresh_from_db()
    build.state, build.progress, build.result = BuildState.DONE, 100, version
    build.save()


def make_files(build: ReportBuild) -> tuple[bytes, bytes, bytes]:
    def progress(percent, step):
        set_progress(build.pk, percent * 70 // 100, step)

    set_progress(build.pk, 0, _("Gathering the figures"))
    report = content.build_report(
        build.year, body=build.body, follow_up=build.follow_up, language=build.language, progress=progress
    )
    if build.follow_up.case_number and not report.case_number:
        report.case_number = build.follow_up.case_number
    set_progress(build.pk, 75, _("Writing the PDF"))
    pdf = render.render_pdf(
        report,
        lambda page: set_progress(
            build.pk, min(87, 75 + page // 3), _("Writing the PDF: page {page}").format(page=page)
        ),
    )
    set_progress(build.pk, 88, _("Writing the Excel workbook"))
    xlsx = render.render_xlsx(report)
    set_progress(build.pk, 95, _("Writing the Word document"))
    docx = render.render_docx(report)
    return pdf, xlsx, docx


def store_version(build: ReportBuild, pdf: bytes, xlsx: bytes, docx: bytes) -> ReportVersion:
    """Write the three files, then attach them to a new version: until that row exists no page offers them."""
    stem = f"reports/{build.year}/uppfoljning-{build.year}-{build.body_id or 'kommunen'}-{build.language}-b{build.pk}"
    written = []
    try:
        for kind, data in (("pdf", pdf), ("xlsx", xlsx), ("docx", docx)):
            written.append(default_storage.save(f"{stem}.{kind}", ContentFile(data)))
        with transaction.atomic():
            FollowUp.objects.select_for_update().get(pk=build.follow_up_id)  # numbers are handed out one at a time
            versions = ReportVersion.objects.filter(follow_up_id=build.follow_up_id, body=build.body)
            latest = versions.filter(language=build.language).aggregate(latest=Max("number"))["latest"] or 0
            version = ReportVersion.objects.create(
                follow_up_id=build.follow_up_id,
                body=build.body,
                language=build.language,
                number=latest + 1,
                pdf=written[0],
                xlsx=written[1],
                docx=written[2],
                sha256=hashlib.sha256(pdf).hexdigest(),
                made_by=build.requested_by,
            )
            if build.body_id is None and build.follow_up.state == FollowUpState.OPEN:
                build.follow_up.state = FollowUpState.COMPILED
                build.follow_up.save()
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
    return version


def latest_version(follow_up: FollowUp, language: str | None = None):
    """The whole portfolio's latest version, in `language` where one is named."""
    versions = follow_up.versions.filter(body__isnull=True)
    if language:
        versions = versions.filter(language=language)
    return versions.order_by("-made_at", "-number").first()


@transaction.atomic
def record_receipt(follow_up: FollowUp, decision, *, kf_decision=None, case_number: str = "") -> ReportVersion:
    """KS has received the report: its latest version is frozen and the decision recorded on the follow-up."""
    version = latest_version(follow_up)
    if version is None:
        raise ValidationError(_("There is no compiled report to receive yet: the coordinator compiles it first."))
    if version.is_frozen:
        raise ValidationError(_("KS has already received the latest version; a correction is compiled as a new one."))
    follow_up.ks_decision, follow_up.state = decision, FollowUpState.RECEIVED
    if kf_decision is not None:
        follow_up.kf_decision = kf_decision
    if case_number:
        follow_up.case_number = case_number
    follow_up.full_clean()
    follow_up.save()
    version.received_in = decision
    version.save()
    return version
