"""The annual follow-up: the year's cycle, the units' accounts, the coordinator's assessments, and the report's
versions and builds. The figures themselves are computed from the registers (`content.py`, `figures/`)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cooperation.notices.choices import Area
from cooperation.organisation.choices import BodyKind, Language
from cooperation.organisation.models import municipality_errors

from .choices import ACTIVE_BUILD_STATES, BuildState, FollowUpState, ReportFormat, Verdict

FROZEN = _("This version was received by KS and is frozen: a correction is made as a new version.")
YEARS = [MinValueValidator(2000), MaxValueValidator(2100)]


class FollowUp(models.Model):
    """The follow-up of one year: opened by a coordinator, answered by the units, compiled, received by KS."""

    # The year is the follow-up's key: there is one per year, and its pages are found by the year.
    year = models.PositiveSmallIntegerField(_("year"), primary_key=True, validators=YEARS)
    deadline = models.DateField(_("deadline"), help_text=_("The day the units submit their accounts by."))
    state = models.CharField(_("state"), max_length=10, choices=FollowUpState.choices, default=FollowUpState.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    case_number = models.CharField(
        _("case number"), max_length=60, blank=True, help_text=_("As the municipality writes it, e.g. KS 2026/00123.")
    )
    ks_decision = models.ForeignKey(
        "organisation.Decision",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="received_follow_ups",
        verbose_name=_("KS decision receiving the report"),
    )
    kf_decision = models.ForeignKey(
        "organisation.Decision",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="reported_follow_ups",
        verbose_name=_("KF decision"),
        help_text=_("Where KS reports the follow-up on to the municipal council."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("annual follow-up")
        verbose_name_plural = _("annual follow-ups")

    def __str__(self):
        return _("Follow-up {year}").format(year=self.year)

    def get_absolute_url(self):
        return reverse("reports:followup_detail", args=[self.year])

    def clean(self):
        errors = {}
        if self.deadline and self.year and self.deadline.year < self.year:
            errors["deadline"] = _("Deadline: the units cannot account for the year before it has begun.")
        if self.ks_decision and self.ks_decision.body.kind != BodyKind.EXECUTIVE_BOARD:
            errors["ks_decision"] = _("KS decision receiving the report: choose a decision of the executive board.")
        if self.kf_decision and self.kf_decision.body.kind != BodyKind.COUNCIL:
            errors["kf_decision"] = _("KF decision: choose a decision of the municipal council.")
        errors |= municipality_errors(self, "ks_decision", "kf_decision")
        if errors:
            raise ValidationError(errors)


class UnitReport(models.Model):
    """A unit's task in the follow-up, and its account of the year once submitted."""

    follow_up = models.ForeignKey(
        FollowUp, models.CASCADE, related_name="unit_reports", verbose_name=_("annual follow-up")
    )
    unit = models.ForeignKey("organisation.Unit", models.PROTECT, related_name="+", verbose_name=_("unit"))
    achieved = models.TextField(_("what was achieved"), blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True)
    next_year = models.TextField(_("plans for next year"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["follow_up", "unit__name"]
        verbose_name = _("unit's account")
        verbose_name_plural = _("units' accounts")
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up", "unit"],
                name="unit_report_once_per_follow_up",
                violation_error_message=_("Unit: the unit already has its task in this follow-up."),
            )
        ]

    def __str__(self):
        return _("{unit}, follow-up {year}").format(unit=self.unit, year=self.follow_up_id)

    def get_absolute_url(self):
        return reverse("reports:unitreport_detail", args=[self.pk])

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    def clean(self):
        if self.is_submitted and not self.achieved.strip():
            raise ValidationError({"achieved": _("What was achieved: write what the unit achieved in the year.")})


class GoalAssessment(models.Model):
    """The coordinator's assessment of how far a goal or sub-goal of the policy was fulfilled in the year."""

    follow_up = models.ForeignKey(
        FollowUp, models.CASCADE, related_name="goal_assessments", verbose_name=_("annual follow-up")
    )
    goal = models.ForeignKey("organisation.PolicyGoal", models.PROTECT, related_name="+", verbose_name=_("goal"))
    verdict = models.CharField(_("assessment"), max_length=15, choices=Verdict.choices)
    text = models.TextField(_("motivation"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["follow_up", "goal__order", "goal__title"]
        verbose_name = _("goal assessment")
        verbose_name_plural = _("goal assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up", "goal"],
                name="goal_assessed_once_per_follow_up",
                violation_error_message=_("Goal: the goal is already assessed in this follow-up."),
            )
        ]

    def __str__(self):
        return f"{self.goal}: {self.get_verdict_display()}"


class AreaAssessment(models.Model):
    """The coordinator's assessment of one coordination area's year."""

    follow_up = models.ForeignKey(
        FollowUp, models.CASCADE, related_name="area_assessments", verbose_name=_("annual follow-up")
    )
    area = models.CharField(_("area"), max_length=20, choices=Area.choices)
    text = models.TextField(_("assessment"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["follow_up", "area"]
        verbose_name = _("area assessment")
        verbose_name_plural = _("area assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up", "area"],
                name="area_assessed_once_per_follow_up",
                violation_error_message=_("Area: the area is already assessed in this follow-up."),
            )
        ]

    def __str__(self):
        return f"{self.get_area_display()} {self.follow_up_id}"


class ReportVersion(models.Model):
    """One compiled report, the whole portfolio's or one committee's, as PDF, Excel and Word.

    Once KS has recorded receipt it is frozen: it never changes again, and a correction is a new version."""

    follow_up = models.ForeignKey(FollowUp, models.PROTECT, related_name="versions", verbose_name=_("annual follow-up"))
    body = models.ForeignKey(
        "organisation.Body",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("committee or board"),
        help_text=_("Empty for the whole portfolio's report."),
    )
    number = models.PositiveIntegerField(_("version"))
    language = models.CharField(_("language"), max_length=5, choices=Language.choices, default=Language.SWEDISH)
    pdf = models.FileField(_("PDF"), upload_to="reports/%Y/")
    xlsx = models.FileField(_("Excel workbook"), upload_to="reports/%Y/")
    docx = models.FileField(_("Word document"), upload_to="reports/%Y/")
    sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64)
    made_at = models.DateTimeField(_("made at"), default=timezone.now)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("made by")
    )
    received_in = models.ForeignKey(
        "organisation.Decision",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("received by KS in"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["follow_up", "body", "language", "-number"]
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up", "language", "number"],
                condition=models.Q(body__isnull=True),
                name="report_version_unique_number",
            ),
            models.UniqueConstraint(
                fields=["follow_up", "body", "language", "number"],
                condition=models.Q(body__isnull=False),
                name="committee_report_version_unique_number",
            ),
        ]

    def __str__(self):
        subject = self.body or _("the whole portfolio")
        return _("Follow-up {year}, {subject}, version {number} ({language})").format(
            year=self.follow_up_id, subject=subject, number=self.number, language=self.get_language_display()
        )

    def save(self, *args, **kwargs):
        # Every path (page, admin, shell) is refused, not only forms that call clean().
        if self.stored_frozen():
            raise ValidationError(FROZEN)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("reports:version_pdf", args=[self.pk])

    def delete(self, *args, **kwargs):
        if self.stored_frozen():
            raise ValidationError(FROZEN)
        return super().delete(*args, **kwargs)

    def clean(self):
        if self.stored_frozen():
            raise ValidationError(FROZEN)

    @property
    def is_frozen(self) -> bool:
        return self.received_in_id is not None

    def stored_frozen(self) -> bool:
        """Whether the version as stored is frozen: what it is about to become does not unfreeze it."""
        return bool(self.pk) and ReportVersion.objects.filter(pk=self.pk, received_in__isnull=False).exists()

    def file(self, kind: str):
        return getattr(self, ReportFormat(kind).value)


class ReportBuild(models.Model):
    """A report being built in the background: how far it has come, and the version it made."""

    follow_up = models.ForeignKey(FollowUp, models.CASCADE, related_name="builds", verbose_name=_("annual follow-up"))
    body = models.ForeignKey(
        "organisation.Body",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("committee or board"),
    )
    language = models.CharField(_("language"), max_length=5, choices=Language.choices, default=Language.SWEDISH)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    state = models.CharField(_("state"), max_length=10, choices=BuildState.choices, default=BuildState.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0, validators=[MaxValueValidator(100)])
    step = models.CharField(_("step"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    result = models.ForeignKey(
        ReportVersion, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("version made")
    )
    history = HistoricalRecords(excluded_fields=["progress", "step"])  # progress ticks are not changes worth keeping

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("report build")
        verbose_name_plural = _("report builds")
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up", "language"],
                condition=models.Q(body__isnull=True, state__in=ACTIVE_BUILD_STATES),
                name="one_active_build_per_report",
                violation_error_message=_("The report is already being built; wait for that build to finish."),
            ),
            models.UniqueConstraint(
                fields=["follow_up", "body", "language"],
                condition=models.Q(body__isnull=False, state__in=ACTIVE_BUILD_STATES),
                name="one_active_build_per_committee_report",
                violation_error_message=_("The report is already being built; wait for that build to finish."),
            ),
        ]

    def __str__(self):
        subject = self.body or _("the whole portfolio")
        return _("Report {year}, {subject} ({language})").format(
            year=self.follow_up_id, subject=subject, language=self.get_language_display()
        )

    def get_absolute_url(self):
        return reverse("reports:reportbuild_detail", args=[self.pk])

    @property
    def year(self) -> int:
        return self.follow_up_id

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_BUILD_STATES
