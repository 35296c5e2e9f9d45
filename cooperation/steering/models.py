"""Steering documents: position papers with versions, action plans with activities, evaluations and reviews."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cooperation.core.constraints import FieldCheckConstraint, not_before
from cooperation.organisation.choices import BodyKind
from cooperation.organisation.models import municipality_errors

from .choices import SECTIONS, ActivityStatus, EvaluationOutcome, VersionStatus

SUBJECT_MESSAGE = _("Concerns: choose exactly one of a city relation, a network membership or the project work.")


def one_subject(name: str, *fields: str, message=SUBJECT_MESSAGE) -> FieldCheckConstraint:
    """Exactly one of the subject fields (foreign keys, or the project-work flag) is set."""

    def only(chosen: str) -> models.Q:
        q = models.Q()
        for field in fields:
            if field == "is_project_work":
                q &= models.Q(is_project_work=(field == chosen))
            else:
                q &= models.Q(**{f"{field}__isnull": field != chosen})
        return q

    condition = only(fields[0])
    for field in fields[1:]:
        condition |= only(field)
    return FieldCheckConstraint(condition=condition, name=name, field=fields[0], violation_error_message=message)


class Subject(models.Model):
    """What a steering document is about: a city relation, a coordinated network membership, or the project work."""

    city_relation = models.ForeignKey(
        "cities.CityRelation",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="%(class)ss",
        verbose_name=_("city relation"),
    )
    membership = models.ForeignKey(
        "networks.Membership",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="%(class)ss",
        verbose_name=_("network"),
    )
    is_project_work = models.BooleanField(_("the project work as a whole"), default=False)

    class Meta:
        abstract = True

    @property
    def subject(self):
        if self.is_project_work:
            return _("the project work as a whole")
        return self.city_relation or self.membership

    def clean(self):
        if self.membership_id and not self.membership.is_common_interest:
            raise ValidationError(
                {
                    "membership": _(
                        "Network: position papers and action plans are kept for coordinated memberships "
                        "(of common interest)."
                    )
                }
            )


class PositionPaper(Subject):
    """The position paper for one subject; its text lives in versions."""

    title = models.CharField(_("title"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("position paper")
        verbose_name_plural = _("position papers")
        constraints = [
            one_subject("position_paper_one_subject", "city_relation", "membership", "is_project_work"),
            models.UniqueConstraint(
                fields=["city_relation"],
                name="one_paper_per_city_relation",
                violation_error_message=_("City relation: it already has a position paper."),
            ),
            models.UniqueConstraint(
                fields=["membership"],
                name="one_paper_per_membership",
                violation_error_message=_("Network: it already has a position paper."),
            ),
            models.UniqueConstraint(
                fields=["is_project_work"],
                condition=models.Q(is_project_work=True),
                name="one_paper_for_project_work",
                violation_error_message=_("The project work already has a position paper."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("steering:positionpaper_detail", args=[self.pk])

    @property
    def adopted_version(self):
        return next((v for v in self.versions.all() if v.status == VersionStatus.ADOPTED), None)

    @property
    def draft(self):
        return next((v for v in self.versions.all() if v.status == VersionStatus.DRAFT), None)

    @transaction.atomic
    def start_draft(self) -> "PositionPaperVersion":
        """A new draft starts from the adopted text (or empty, for a first version)."""
        if self.draft is not None:
            return self.draft
        adopted = self.adopted_version
        text = {name: getattr(adopted, name) for name, _heading in SECTIONS} if adopted else {}
        number = (self.versions.aggregate(last=models.Max("number"))["last"] or 0) + 1
        return self.versions.create(number=number, **text)


class PositionPaperVersion(models.Model):
    """One version of a position paper: a draft, the adopted text, or a superseded one."""

    paper = models.ForeignKey(PositionPaper, models.CASCADE, related_name="versions", verbose_name=_("position paper"))
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    purpose = models.TextField(_("purpose"), blank=True)
    background = models.TextField(_("background"), blank=True)
    activities = models.TextField(_("activities and future direction"), blank=True)
    responsibilities = models.TextField(_("division of responsibility"), blank=True)
    communication = models.TextField(_("communication"), blank=True)
    financial_conditions = models.TextField(_("financial conditions"), blank=True)
    evaluation = models.TextField(_("evaluation and review"), blank=True)
    decision = models.ForeignKey(
        "organisation.Decision",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="position_paper_versions",
        verbose_name=_("adopting decision"),
        help_text=_("Position papers are adopted by the executive board (KS)."),
    )
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["paper", "-number"]
        verbose_name = _("position paper version")
        verbose_name_plural = _("position paper versions")
        constraints = [
            models.UniqueConstraint(fields=["paper", "number"], name="paper_version_unique_number"),
            models.UniqueConstraint(
                fields=["paper"],
                condition=models.Q(status=VersionStatus.DRAFT),
                name="one_draft_per_paper",
                violation_error_message=_("Status: the position paper already has a draft."),
            ),
            models.UniqueConstraint(
                fields=["paper"],
                condition=models.Q(status=VersionStatus.ADOPTED),
                name="one_adopted_version_per_paper",
                violation_error_message=_("Status: the position paper already has an adopted version."),
            ),
            FieldCheckConstraint(
                condition=models.Q(status=VersionStatus.DRAFT) | models.Q(decision__isnull=False),
                name="adopted_version_has_decision",
                field="decision",
                violation_error_message=_(
                    "Adopting decision: an adopted version needs the KS decision that adopted it."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.paper}, {_('version')} {self.number}"

    def get_absolute_url(self):
        return reverse("steering:positionpaperversion_detail", args=[self.pk])

    @property
    def sections(self) -> list[tuple[str, str, str]]:
        """The seven sections in order: field name, heading, text."""
        return [(name, heading, getattr(self, name)) for name, heading in SECTIONS]

    @property
    def previous(self):
        return self.paper.versions.filter(number__lt=self.number).order_by("-number").first()

    @transaction.atomic
    def adopt(self, decision, next_review_on=None):
        """KS adopts the draft: it is frozen, and the version adopted before it is superseded."""
        if self.status != VersionStatus.DRAFT:
            raise ValidationError({"status": _("Status: only a draft can be adopted.")})
        for older in self.paper.versions.filter(status=VersionStatus.ADOPTED):
            older.status = VersionStatus.SUPERSEDED
            older.save()
        self.status, self.decision, self.next_review_on = VersionStatus.ADOPTED, decision, next_review_on
        self.full_clean()
        self.save()

    def clean(self):
        errors = {}
        if self.decision is not None and self.decision.body.kind != BodyKind.EXECUTIVE_BOARD:
            errors["decision"] = _("Adopting decision: position papers are adopted by the executive board (KS).")
        errors |= municipality_errors(self, "decision")
        if errors:
            raise ValidationError(errors)


class ActionPlan(Subject):
    """An action plan made with the actors involved: goals, priorities, activities, feedback routines."""

    title = models.CharField(_("title"), max_length=300)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)
    goals = models.TextField(_("goals"), blank=True)
    priorities = models.TextField(_("priorities"), blank=True)
    feedback_routines = models.TextField(_("routines for feedback"), blank=True)
    political_check_in = models.TextField(_("political check-in"), blank=True)
    cooperation_partners = models.TextField(
        _("cooperation partners"),
        blank=True,
        help_text=_("Actors inside and outside the organisation: universities, science parks, companies."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [
            one_subject("action_plan_one_subject", "city_relation", "membership", "is_project_work"),
            not_before(
                "start_date",
                "end_date",
                "action_plan_end_not_before_start",
                _("Until: the end date cannot be before the start date."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("steering:actionplan_detail", args=[self.pk])


class ActionPlanActivity(models.Model):
    """An activity in an action plan with its responsible actor, time and status."""

    plan = models.ForeignKey(ActionPlan, models.CASCADE, related_name="activities", verbose_name=_("action plan"))
    title = models.CharField(_("activity"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    responsible_unit = models.ForeignKey(
        "organisation.Unit",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_activities",
        verbose_name=_("responsible unit"),
    )
    responsible_actor = models.CharField(
        _("responsible outside actor"),
        max_length=200,
        blank=True,
        help_text=_("E.g. a university, science park or company."),
    )
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "start_date", "title"]
        verbose_name = _("action plan activity")
        verbose_name_plural = _("action plan activities")
        constraints = [
            not_before(
                "start_date",
                "end_date",
                "plan_activity_end_not_before_start",
                _("Until: the end date cannot be before the start date."),
            ),
            FieldCheckConstraint(
                condition=models.Q(responsible_unit__isnull=False) | ~models.Q(responsible_actor=""),
                name="plan_activity_has_responsible",
                field="responsible_unit",
                violation_error_message=_("Responsible unit: name a responsible unit or an outside actor."),
            ),
        ]

    def __str__(self):
        return self.title


class Evaluation(models.Model):
    """An evaluation and review of a city relation, a membership, a position paper, the policy itself (Mölndal's
    end-of-period follow-up, Jönköping's evaluation of the strategy) or the project work."""

    city_relation = models.ForeignKey(
        "cities.CityRelation",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="evaluations",
        verbose_name=_("city relation"),
    )
    membership = models.ForeignKey(
        "networks.Membership",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="evaluations",
        verbose_name=_("membership"),
    )
    position_paper = models.ForeignKey(
        PositionPaper,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="evaluations",
        verbose_name=_("position paper"),
    )
    policy = models.ForeignKey(
        "organisation.Policy",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="evaluations",
        verbose_name=_("policy"),
    )
    is_project_work = models.BooleanField(_("the project work as a whole"), default=False)
    date = models.DateField(_("date"))
    conclusions = models.TextField(_("conclusions"), blank=True)
    outcome = models.CharField(
        _("outcome"),
        max_length=10,
        choices=EvaluationOutcome.choices,
        blank=True,
        help_text=_("Whether the cooperation continues as it is, changes, or is left."),
    )
    decision = models.ForeignKey(
        "organisation.Decision",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="evaluations",
        verbose_name=_("decision that follows"),
    )
    next_due_on = models.DateField(_("next evaluation due"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("evaluation and review")
        verbose_name_plural = _("evaluations and reviews")
        constraints = [
            one_subject(
                "evaluation_one_subject",
                "city_relation",
                "membership",
                "position_paper",
                "policy",
                "is_project_work",
                message=_(
                    "Concerns: choose exactly one of a city relation, a membership, a position paper, the policy "
                    "or the project work."
                ),
            ),
            not_before(
                "date",
                "next_due_on",
                "evaluation_next_due_after_date",
                _("Next evaluation due: cannot be before the evaluation itself."),
            ),
        ]

    # what its name reads, fetched with it (the header's search, a dropdown)
    choice_related = ("city_relation", "membership__organisation", "position_paper", "policy")

    def __str__(self):
        subject = (
            self.city_relation
            or self.membership
            or self.position_paper
            or self.policy
            or _("the project work as a whole")
        )
        return f"{subject} {self.date:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("steering:evaluation_detail", args=[self.pk])

    def clean(self):
        errors = municipality_errors(self, "decision")
        if errors:
            raise ValidationError(errors)
