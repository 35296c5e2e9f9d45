"""City relations (twin towns, partner cities, sister cities), their agreements and ongoing activities."""

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
from cooperation.core.models import MoneyField
from cooperation.organisation.choices import COMMITTEE_KINDS, BodyKind
from cooperation.organisation.models import decision_errors, municipality_errors, policy_in_force
from cooperation.organisation.rules import cooperation_analysis_errors, refuses_new_twin_towns

from .choices import PARTNER_KINDS, ActivityKind, AgreementKind, RelationKind, RelationStatus

NO_COMMITTEE = _(
    "Decision: a committee (nämnd) or company board may not conclude twin-town or partner-city agreements."
)
NO_COMMITTEE_SISTER_CITY = _(
    "Decision: a committee (nämnd) or company board may not sign sister-city agreements; the executive board (KS) does."
)
NOT_DOING_THE_WORK = _(
    "Unit: an activity is carried out by one of the units doing the ongoing work under the relation; choose one of "
    "them, or add the unit to the relation's units first."
)
NO_NEW_TWIN_TOWN = _("Kind: the municipality's policy says no new twin towns are concluded; choose another kind.")
NO_NEW_TWIN_TOWN_AGREEMENT = _(
    "Kind: the municipality's policy says no new twin-town agreements are concluded; choose another kind."
)

# What each relation kind needs: the bodies that may decide it, and the message when another body did.
RELATION_DECISIONS = {
    RelationKind.TWIN_TOWN: (
        {BodyKind.COUNCIL},
        _("Decision: a twin town is decided by the municipal council (KF); choose a KF decision."),
    ),
    RelationKind.PARTNER_CITY: (
        {BodyKind.EXECUTIVE_BOARD},
        _("Decision: a partner city is decided by the executive board (KS); choose a KS decision."),
    ),
    RelationKind.SISTER_CITY: (
        {BodyKind.EXECUTIVE_BOARD},
        _("Decision: a sister city is decided by the executive board (KS); choose a KS decision."),
    ),
}

AGREEMENT_DECISIONS = {
    AgreementKind.TWIN_TOWN: (
        {BodyKind.COUNCIL},
        _("Decision: a twin-town agreement is decided by the municipal council (KF); choose a KF decision."),
    ),
    AgreementKind.PARTNER_CITY: (
        {BodyKind.EXECUTIVE_BOARD},
        _("Decision: a partner-city agreement is decided by the executive board (KS); choose a KS decision."),
    ),
    AgreementKind.SISTER_CITY: (
        {BodyKind.EXECUTIVE_BOARD},
        _("Decision: a sister-city agreement is signed by the executive board (KS); choose a KS decision."),
    ),
}

# The relation kinds each agreement kind belongs under (DOMAIN.md 2.1): a memorandum of understanding names priority
# areas for a time-limited period, under a twin town, a thematic partner city or issue-specific cooperation; a
# cooperation agreement may stand under any relation (Jönköping's with Gorzów Wielkopolski is issue-specific).
AGREEMENT_RELATIONS = {
    AgreementKind.TWIN_TOWN: {RelationKind.TWIN_TOWN},
    AgreementKind.PARTNER_CITY: {RelationKind.PARTNER_CITY},
    AgreementKind.SISTER_CITY: {RelationKind.SISTER_CITY},
    # Göteborg: "med vissa städer sluts även samförståndsavtal", also with twin towns.
    AgreementKind.MEMORANDUM: {RelationKind.TWIN_TOWN, RelationKind.PARTNER_CITY, RelationKind.ISSUE_SPECIFIC},
    AgreementKind.COOPERATION: set(RelationKind),
}


def committee_message(kind) -> str:
    """Why a committee may not decide it; a relation's and an agreement's sister-city kinds share one value."""
    return NO_COMMITTEE_SISTER_CITY if kind == RelationKind.SISTER_CITY else NO_COMMITTEE


def saved_value(instance, field: str):
    """The value `field` has in the database, or None for an item not saved yet."""
    if instance.pk is None:
        return None
    return type(instance)._default_manager.filter(pk=instance.pk).values_list(field, flat=True).first()


def current_year() -> int:
    """This year in Stockholm: the latest year a relation can have started."""
    return timezone.localdate().year


NEW_BEFORE_REGISTER = _(
    "Established before the register: only a relation already in the register can be marked so; record a new "
    "relation with its decision."
)
SINCE_AFTER_POLICY = _(
    "Since (year): a relation established before the register started before the policy was adopted "
    "({year}); give an earlier year, or record its decision instead."
)


def is_new_twin_town(instance, twin_town_kind) -> bool:
    """The item is of the twin-town kind and was not before: added now, or changed into one."""
    return instance.kind == twin_town_kind and saved_value(instance, "kind") != twin_town_kind


class CityRelation(models.Model):
    """The municipality's relation with a city or region abroad."""

    city = models.CharField(_("city or region"), max_length=200)
    country = CountryField(_("country"))
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=RelationKind.choices,
        help_text=_(
            "Twin towns are decided by KF, partner cities and sister cities by KS; a committee may conclude none "
            "of them."
        ),
    )
    status = models.CharField(_("status"), max_length=10, choices=RelationStatus.choices, default=RelationStatus.ACTIVE)
    decision = models.ForeignKey(
        "organisation.Decision",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="established_city_relations",
        verbose_name=_("decision"),
        help_text=_("The decision that established the relation."),
    )
    established_before_register = models.BooleanField(
        _("established before the register"),
        default=False,
        help_text=_(
            "The relation was established before any decision recorded here (e.g. long-standing twin towns): it then "
            "needs no decision. Give the year in 'since (year)' where it is known."
        ),
    )
    since_year = models.PositiveSmallIntegerField(
        _("since (year)"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1000, message=_("Since (year): give a year from 1000 on.")),
            MaxValueValidator(current_year, message=_("Since (year): the year cannot be after %(limit_value)s.")),
        ],
    )
    description = models.TextField(_("description"), blank=True)
    priority_areas = models.TextField(_("priority areas"), blank=True)
    responsible_body = models.ForeignKey(
        "organisation.Body",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="city_relations",
        verbose_name=_("responsible body"),
    )
    units = models.ManyToManyField(
        "organisation.Unit",
        blank=True,
        related_name="city_relations",
        verbose_name=_("units doing the ongoing work"),
    )
    goals = models.ManyToManyField(
        "organisation.PolicyGoal", blank=True, related_name="city_relations", verbose_name=_("municipal goals")
    )
    sdgs = models.ManyToManyField(
        "core.SustainableDevelopmentGoal",
        blank=True,
        related_name="city_relations",
        verbose_name=_("Agenda 2030 goals"),
    )
    last_incoming_meeting_on = models.DateField(_("last meeting here"), null=True, blank=True)
    last_outgoing_meeting_on = models.DateField(_("last meeting there"), null=True, blank=True)
    next_incoming_meeting_on = models.DateField(_("next meeting here"), null=True, blank=True)
    next_outgoing_meeting_on = models.DateField(_("next meeting there"), null=True, blank=True)
    next_review_on = models.DateField(
        _("next review"), null=True, blank=True, help_text=_("Evaluation and review as the executive board decides.")
    )
    benefit_risk_analysis = models.TextField(_("benefit and risk analysis"), blank=True)
    partner_choice_grounds = models.TextField(_("grounds for choosing the partner"), blank=True)
    democracy_considerations = models.TextField(
        _("democracy and human rights"),
        blank=True,
        help_text=_("Where the country is not a democracy: how democracy and human rights are addressed."),
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.TextField(_("reason for ending"), blank=True)
    end_decision = models.ForeignKey(
        "organisation.Decision",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="ended_city_relations",
        verbose_name=_("decision to end"),
    )
    history = HistoricalRecords(m2m_fields=[units, goals, sdgs])

    # Set by the relation's forms to the units they post, so its activities are checked against the units as saved.
    posted_unit_ids = None

    class Meta:
        ordering = ["city"]
        verbose_name = _("city relation")
        verbose_name_plural = _("city relations")
        constraints = [
            FieldCheckConstraint(
                condition=~models.Q(status=RelationStatus.ENDED) | models.Q(ended_on__isnull=False),
                name="ended_city_relation_has_end_date",
                field="ended_on",
                violation_error_message=_("Ended on: an ended relation needs the date it ended."),
            ),
        ]

    def __str__(self):
        return f"{self.city} ({self.get_kind_display()})"

    def get_absolute_url(self):
        return reverse("cities:cityrelation_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.kind in RELATION_DECISIONS:
            kinds, message = RELATION_DECISIONS[self.kind]
            no_committee = committee_message(self.kind)
            # A relation older than the register stands without a recorded decision; one that is recorded is checked.
            if self.decision is not None or not self.established_before_register:
                errors |= decision_errors("decision", self.decision, kinds, message, no_committee)
            if self.end_decision is not None:
                errors |= decision_errors("end_decision", self.end_decision, kinds, message, no_committee)
        errors |= self.before_register_errors()
        if self.kind == RelationKind.TWIN_TOWN and self.status == RelationStatus.ENDED and self.end_decision is None:
            errors["end_decision"] = _("Decision to end: only the municipal council (KF) can end a twin town.")
        if self.ended_on and self.since_year and self.ended_on.year < self.since_year:
            errors["ended_on"] = _("Ended on: the relation cannot end before the year it started.")
        if is_new_twin_town(self, RelationKind.TWIN_TOWN) and refuses_new_twin_towns(*self.started()):
            errors["kind"] = NO_NEW_TWIN_TOWN
        started_on = self.started_on()
        if started_on is not None:
            # Lidköping: the analysis comes "before new international cooperation starts": when the relation is
            # decided, or, without a decision, when it is active (as a project is once granted).
            errors |= cooperation_analysis_errors(self, started_on, [self.country])
        errors |= municipality_errors(self, "decision", "end_decision")
        if errors:
            raise ValidationError(errors)

    def before_register_errors(self) -> dict:
        """The flag says what was true before the register: a new relation is recorded with its decision, so the
        flag cannot bypass the decision rules; where the year is given it precedes the policy in force's adoption.
        The year is optional: Göteborg's and Jönköping's texts give none."""
        if not self.established_before_register:
            return {}
        if self._state.adding:
            return {"established_before_register": NEW_BEFORE_REGISTER}
        policy = policy_in_force()
        # A year cannot tell whether it was before or after the adoption in that year: the adoption year is accepted.
        if policy is not None and policy.valid_from and self.since_year and self.since_year > policy.valid_from.year:
            return {"since_year": SINCE_AFTER_POLICY.format(year=policy.valid_from.year)}
        return {}

    def started(self) -> tuple[datetime.date | None, int | None, bool]:
        """What tells when the relation started: its decision's date, its first year, whether it is older than the
        register."""
        decided_on = self.decision.date if self.decision is not None else None
        return decided_on, self.since_year, self.established_before_register

    def started_on(self) -> datetime.date | None:
        """The day the relation was decided, or for an active one without a decision the day it started: the first
        day of its first year, else the day it was recorded (today for a new one). None for an older relation whose
        start is unknown (established before the register, or loaded without a trail) and for one not active."""
        if self.decision is not None:
            return self.decision.date
        if self.status != RelationStatus.ACTIVE or self.established_before_register:
            return None
        if self.since_year:
            # A year out of bounds is refused on its field; read here it only must not break the other checks.
            return datetime.date(min(self.since_year, datetime.MAXYEAR), 1, 1)
        if self._state.adding:
            return timezone.localdate()
        first = self.history.order_by("history_date").values_list("history_date", flat=True).first()
        return timezone.localdate(first) if first else None

    @property
    def is_partner(self) -> bool:
        return self.kind in PARTNER_KINDS and self.status != RelationStatus.ENDED

    def working_unit_ids(self) -> set[int]:
        """The units doing the ongoing work: those a form posts when it gave them, else the saved ones."""
        if self.posted_unit_ids is not None:
            return set(self.posted_unit_ids)
        return set(self.units.values_list("pk", flat=True)) if self.pk else set()


class Agreement(models.Model):
    """A signed agreement, memorandum or declaration under a city relation."""

    relation = models.ForeignKey(
        CityRelation, models.CASCADE, related_name="agreements", verbose_name=_("city relation")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AgreementKind.choices)
    title = models.CharField(_("title"), max_length=300)
    decision = models.ForeignKey(
        "organisation.Decision",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("decision"),
        help_text=_(
            "Partner-city agreements and sister-city declarations are decided by KS, twin-town agreements by KF."
        ),
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    priority_areas = models.TextField(_("priority areas"), blank=True)
    document = models.FileField(_("document"), upload_to="agreements/%Y/", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["relation", "-valid_from"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            not_before(
                "valid_from",
                "valid_until",
                "agreement_valid_until_not_before_valid_from",
                _("Valid until: the end date cannot be before the start date."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """Agreements are shown, and edited, on their relation's page."""
        return f"{reverse('cities:cityrelation_detail', args=[self.relation_id])}#agreement-{self.pk}"

    @property
    def relation_or_none(self):
        """The relation, also an unsaved one a form gave the agreement; None when there is none yet."""
        return self._state.fields_cache.get("relation") or (self.relation if self.relation_id else None)

    def concluded_on(self) -> datetime.date | None:
        """The day the agreement was concluded: its decision's date, else the day it was signed."""
        return self.decision.date if self.decision is not None else self.signed_on

    def clean(self):
        errors = {}
        relation = self.relation_or_none
        if self.kind in AGREEMENT_DECISIONS:
            kinds, message = AGREEMENT_DECISIONS[self.kind]
            errors = decision_errors("decision", self.decision, kinds, message, committee_message(self.kind))
        elif relation is not None and relation.kind in RELATION_DECISIONS and self.decision is not None:
            if self.decision.body.kind in COMMITTEE_KINDS:
                errors = {"decision": committee_message(relation.kind)}
        if relation is not None and self.kind and relation.kind not in AGREEMENT_RELATIONS.get(self.kind, ()):
            errors["kind"] = _("Kind: a {agreement} does not fit a relation of the kind {relation}.").format(
                agreement=self.get_kind_display(), relation=relation.get_kind_display()
            )
        elif is_new_twin_town(self, AgreementKind.TWIN_TOWN) and refuses_new_twin_towns(self.concluded_on()):
            errors["kind"] = NO_NEW_TWIN_TOWN_AGREEMENT
        errors |= municipality_errors(self, "decision")
        if errors:
            raise ValidationError(errors)


class CityActivity(models.Model):
    """An activity under a city relation, carried out by one of the units doing the ongoing work."""

    relation = models.ForeignKey(
        CityRelation, models.CASCADE, related_name="activities", verbose_name=_("city relation")
    )
    unit = models.ForeignKey(
        "organisation.Unit", models.PROTECT, related_name="city_activities", verbose_name=_("unit")
    )
    participating_units = models.ManyToManyField(
        "organisation.Unit",
        blank=True,
        related_name="participating_city_activities",
        verbose_name=_("participating units"),
        help_text=_("Other units that took part, beside the responsible unit."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices, default=ActivityKind.MEETING)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    participants = models.PositiveIntegerField(
        _("participants"),
        null=True,
        blank=True,
        help_text=_("How many took part, from here and from the partner city."),
    )
    cost = MoneyField(_("cost (SEK)"), null=True, blank=True, help_text=_("The municipality's cost, in kronor."))
    video_conferencing_considered = models.BooleanField(
        _("video conferencing considered"),
        default=False,
        help_text=_("The policy asks units to consider video or web conferencing and follow the travel policy."),
    )
    history = HistoricalRecords(m2m_fields=[participating_units])

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("activity under a city relation")
        verbose_name_plural = _("activities under city relations")
        constraints = [
            not_before(
                "start_date",
                "end_date",
                "city_activity_end_not_before_start",
                _("End date: the end date cannot be before the start date."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """Activities are shown, and edited, on their relation's page."""
        return f"{reverse('cities:cityrelation_detail', args=[self.relation_id])}#activity-{self.pk}"

    def clean(self):
        # DOMAIN.md 2.1: activities are carried out by the units doing the ongoing work under the relation. Checked
        # when an activity is recorded or moved; one recorded before its unit left the work stays as it was.
        relation = self._state.fields_cache.get("relation") or (self.relation if self.relation_id else None)
        if relation is None or self.unit_id is None:
            return
        saved = (
            type(self)._default_manager.filter(pk=self.pk).values_list("unit", "relation").first() if self.pk else None
        )
        if saved == (self.unit_id, relation.pk) or self.unit_id in relation.working_unit_ids():
            return
        raise ValidationError({"unit": NOT_DOING_THE_WORK})
