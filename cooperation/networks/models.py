"""International organisations and networks, the municipality's memberships in them, and their declarations."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from cooperation.core.constraints import FieldCheckConstraint, not_before
from cooperation.core.dates import next_term_end, term_end
from cooperation.core.models import MoneyField
from cooperation.organisation.choices import COMMITTEE_KINDS, BodyKind
from cooperation.organisation.models import decision_errors, municipality_errors
from cooperation.organisation.rules import TRAVEL_HELP, cooperation_analysis_errors, travel_errors

from .choices import DeclarationStatus, MembershipKind


class Organisation(models.Model):
    """An international organisation or network."""

    name = models.CharField(_("name"), max_length=300, unique=True)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    country = CountryField(_("seat"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("international organisation or network")
        verbose_name_plural = _("international organisations and networks")

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("networks:organisation_detail", args=[self.pk])


class MembershipQuerySet(models.QuerySet):
    def active(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(models.Q(member_until__isnull=True) | models.Q(member_until__gte=on), member_since__lte=on)

    def sector_specific(self):
        return self.filter(kind=MembershipKind.SECTOR_SPECIFIC)

    def with_last_evaluation(self):
        # the evaluations are the steering app's: reached through their relation, not imported
        evaluations = self.model._meta.get_field("evaluations").related_model
        latest = evaluations.objects.filter(membership=models.OuterRef("pk")).order_by("-date").values("date")[:1]
        return self.annotate(last_evaluation_on=models.Subquery(latest))


class Membership(models.Model):
    """The municipality's membership in an organisation or network."""

    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="memberships", verbose_name=_("organisation or network")
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=MembershipKind.choices,
        help_text=_(
            "Memberships of common interest are decided by KF or KS and coordinated; sector-specific ones by the "
            "unit's own committee or board, and evaluated at least once per term of office."
        ),
    )
    unit = models.ForeignKey(
        "organisation.Unit", models.PROTECT, related_name="memberships", verbose_name=_("member unit")
    )
    units = models.ManyToManyField(
        "organisation.Unit", blank=True, related_name="membership_work", verbose_name=_("units doing the work")
    )
    member_since = models.DateField(_("member since"))
    member_until = models.DateField(_("member until"), null=True, blank=True)
    decision = models.ForeignKey(
        "organisation.Decision",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("decision"),
    )
    end_decision = models.ForeignKey(
        "organisation.Decision",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="ended_memberships",
        verbose_name=_("decision to end"),
    )
    end_reason = models.TextField(_("reason for ending"), blank=True)
    purpose = models.TextField(_("why the municipality is a member"), blank=True)
    annual_fee = MoneyField(_("annual fee"), null=True, blank=True)
    fee_currency = models.ForeignKey(
        "core.Currency", models.PROTECT, default="SEK", related_name="+", verbose_name=_("currency")
    )
    fee_basis = models.CharField(_("fee based on"), max_length=300, blank=True, help_text=_("E.g. per inhabitant."))
    other_costs = MoneyField(_("other costs"), null=True, blank=True)
    other_costs_description = models.CharField(_("what the other costs are"), max_length=300, blank=True)
    next_review_on = models.DateField(
        _("next review"), null=True, blank=True, help_text=_("Evaluation and review as the executive board decides.")
    )
    benefit_risk_analysis = models.TextField(_("benefit and risk analysis"), blank=True)
    partner_choice_grounds = models.TextField(_("grounds for choosing the organisation"), blank=True)
    democracy_considerations = models.TextField(
        _("democracy and human rights"),
        blank=True,
        help_text=_(
            "Where the organisation's seat is not in a democracy: how democracy and human rights are addressed."
        ),
    )
    travel_considerations = models.TextField(_("near and digital alternatives"), blank=True, help_text=TRAVEL_HELP)
    goals = models.ManyToManyField(
        "organisation.PolicyGoal", blank=True, related_name="memberships", verbose_name=_("municipal goals")
    )
    sdgs = models.ManyToManyField(
        "core.SustainableDevelopmentGoal", blank=True, related_name="memberships", verbose_name=_("Agenda 2030 goals")
    )
    history = HistoricalRecords(m2m_fields=[units, goals, sdgs])

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            not_before(
                "member_since",
                "member_until",
                "membership_until_not_before_since",
                _("Member until: the end date cannot be before the start date."),
            ),
        ]

    # A dropdown tells apart the memberships in one organisation: by the member unit and the years.
    choice_related = ("organisation", "unit")

    def __str__(self):
        return str(self.organisation)

    def get_absolute_url(self):
        return reverse("networks:membership_detail", args=[self.pk])

    def choice_label(self) -> str:
        until = self.member_until.year if self.member_until else ""
        return f"{self.organisation} – {self.unit}, {self.member_since.year}–{until}"

    @property
    def is_common_interest(self) -> bool:
        return self.kind == MembershipKind.COMMON_INTEREST

    @property
    def is_sector_specific(self) -> bool:
        return self.kind == MembershipKind.SECTOR_SPECIFIC

    def clean(self):
        errors = {}
        if self.kind == MembershipKind.COMMON_INTEREST:
            errors |= decision_errors(
                "decision",
                self.decision,
                {BodyKind.COUNCIL, BodyKind.EXECUTIVE_BOARD},
                _(
                    "Decision: a membership of common interest is decided by the municipal council (KF) or the "
                    "executive board (KS)."
                ),
            )
        elif self.kind == MembershipKind.SECTOR_SPECIFIC:
            errors |= decision_errors(
                "decision",
                self.decision,
                COMMITTEE_KINDS,
                _("Decision: a sector-specific membership is decided by a committee (nämnd) or company board."),
            )
            own_body = self.unit.body if self.unit_id else None
            if not errors and own_body is not None and self.decision.body_id != own_body.pk:
                errors["decision"] = _(
                    "Decision: a sector-specific membership is decided by the member unit's own committee or board "
                    "({body})."
                ).format(body=own_body)
        if self.decision is not None:
            # A membership is decided when its decision is recorded: the analysis comes before (Lidköping).
            country = self.organisation.country if self.organisation_id else None
            errors |= cooperation_analysis_errors(self, self.decision.date, [country])
        # A membership begun while the policy asks for it says how near and digital alternatives were considered.
        errors |= travel_errors(self, "travel_considerations", self.member_since)
        errors |= municipality_errors(self, "decision", "end_decision", "unit")
        if errors:
            raise ValidationError(errors)

    def is_active(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.member_since <= on and (self.member_until is None or self.member_until >= on)

    @property
    def last_evaluated_on(self) -> datetime.date | None:
        if hasattr(self, "last_evaluation_on"):  # annotated by with_last_evaluation()
            return self.last_evaluation_on
        return self.evaluations.aggregate(last=models.Max("date"))["last"]

    @property
    def evaluation_due_on(self) -> datetime.date | None:
        """When the next evaluation is due: a sector-specific membership is evaluated once per term of office."""
        if self.kind != MembershipKind.SECTOR_SPECIFIC:
            return self.next_review_on
        last = self.last_evaluated_on
        return next_term_end(last) if last else term_end(self.member_since)

    def is_evaluation_overdue(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        due = self.evaluation_due_on
        return due is not None and due < on and self.is_active(on)


class MembershipFee(models.Model):
    """The fee paid for a membership for one year, as paid."""

    membership = models.ForeignKey(Membership, models.CASCADE, related_name="fees", verbose_name=_("membership"))
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("The year the fee is for."),
    )
    amount = MoneyField(_("amount paid"))
    currency = models.ForeignKey(
        "core.Currency", models.PROTECT, default="SEK", related_name="+", verbose_name=_("currency")
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["membership", "-year"]
        verbose_name = _("membership fee paid")
        verbose_name_plural = _("membership fees paid")
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "year"],
                name="membership_fee_one_per_year",
                violation_error_message=_("The membership already has a fee paid for this year."),
            ),
        ]

    def __str__(self):
        return f"{self.membership} {self.year}"

    def get_absolute_url(self):
        """Fees are shown, and edited, on their membership's page."""
        return f"{self.membership.get_absolute_url()}#fees"


class Representative(models.Model):
    """Someone who represents the municipality in an organisation, or holds a position there."""

    membership = models.ForeignKey(
        Membership, models.CASCADE, related_name="representatives", verbose_name=_("membership")
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position held"), max_length=200, blank=True, help_text=_("E.g. board member."))
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["membership", "name"]
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        constraints = [
            not_before(
                "start_date",
                "end_date",
                "representative_end_not_before_start",
                _("Until: the end date cannot be before the start date."),
            ),
        ]

    def __str__(self):
        return f"{self.name}, {self.position}" if self.position else self.name

    def get_absolute_url(self):
        """Representatives are shown on their membership's page."""
        return f"{self.membership.get_absolute_url()}#representative-{self.pk}"


class Declaration(models.Model):
    """A declaration or declaration of intent proposed for adoption within a network; KS decides."""

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="declarations", verbose_name=_("organisation or network")
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    proposed_on = models.DateField(_("proposed on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DeclarationStatus.choices, default=DeclarationStatus.PROPOSED
    )
    decision = models.ForeignKey(
        "organisation.Decision",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="declarations",
        verbose_name=_("decision"),
        help_text=_("Declarations within a network are decided by the executive board (KS)."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-proposed_on"]
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")
        constraints = [
            FieldCheckConstraint(
                condition=models.Q(status=DeclarationStatus.PROPOSED) | models.Q(decision__isnull=False),
                name="decided_declaration_has_decision",
                field="decision",
                violation_error_message=_("Decision: an adopted or rejected declaration needs the KS decision."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """Declarations are shown on their organisation's page."""
        return f"{self.organisation.get_absolute_url()}#declaration-{self.pk}"

    def clean(self):
        errors = {}
        if self.decision is not None and self.decision.body.kind != BodyKind.EXECUTIVE_BOARD:
            errors["decision"] = _("Decision: declarations within a network are decided by the executive board (KS).")
        errors |= municipality_errors(self, "decision")
        if errors:
            raise ValidationError(errors)
