"""The municipality's bodies and units, its users and their roles, decisions, and its own policy and goals."""

from datetime import date

from django.contrib.auth.models import AbstractUser
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cooperation.core.constraints import FieldCheckConstraint, not_before

from .choices import COMMITTEE_KINDS, BodyKind, GoalKind, GroupKind, Language, PolicyKind, Role, UnitKind

ONE_MUNICIPALITY = _(
    "This installation keeps the portfolio of {present}, and one installation keeps one municipality: {new} cannot be "
    "added to it. {new} needs an installation of its own."
)
DEMO_REPLACE = _(
    "On a demo or test installation only: python manage.py seed_demo --municipality {slug} --replace deletes the data "
    "of {present} and loads {new} with a fictional demo portfolio."
)
# The municipalities whose organisation ships as a fixture (fixtures/<slug>.json), which seed_demo can load.
MUNICIPALITY_FIXTURES = ("goteborg", "molndal", "vanersborg", "lidkoping", "jonkoping")


class SecondMunicipality(CommandError):
    """A second municipality was about to be saved: one municipality per installation."""


class Municipality(models.Model):
    """The kommun or stad whose portfolio this is."""

    name = models.CharField(
        _("name"), max_length=200, help_text=_("As the municipality writes it, e.g. Göteborgs Stad.")
    )
    short_name = models.CharField(_("short name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)
    website = models.URLField(_("website"), blank=True)
    # One municipality per installation, held by the database too (bulk inserts and concurrent loads send no
    # signals): every row has the same value here, and the value is unique.
    singleton = models.BooleanField(default=True, editable=False)
    history = HistoricalRecords(excluded_fields=["singleton"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.UniqueConstraint(fields=["singleton"], name="one_municipality_per_installation"),
            models.CheckConstraint(condition=models.Q(singleton=True), name="municipality_singleton_is_true"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        present = other_municipality(self)
        if present is not None:
            raise ValidationError({"name": one_municipality_message(present, self)})

    @property
    def central_office(self):
        return self.units.filter(is_central_office=True).first()


def other_municipality(municipality: Municipality) -> Municipality | None:
    """The municipality already installed, if it is not `municipality` itself."""
    return Municipality.objects.exclude(pk=municipality.pk).order_by("pk").first()


def one_municipality_message(present: Municipality, new: Municipality) -> str:
    """What is installed, that it stays one municipality, and, where the new one ships as a fixture, how a demo or
    test installation starts over with it."""
    message = ONE_MUNICIPALITY.format(present=present.name, new=new.name)
    if new.slug in MUNICIPALITY_FIXTURES:
        message = f"{message} {DEMO_REPLACE.format(slug=new.slug, present=present.name, new=new.name)}"
    return message


@receiver(pre_save, sender=Municipality)
def refuse_second_municipality(sender, instance, raw, **kwargs):
    """Every path, fixtures' raw saves included, stops before a second municipality mixes with the first."""
    present = other_municipality(instance)
    if present is not None:
        # On the command line the message is given in Swedish and in English, whatever language is active.
        messages = []
        for language in ("sv", "en"):
            with translation.override(language):
                messages.append(one_municipality_message(present, instance))
        raise SecondMunicipality("\n".join(messages))


class Population(models.Model):
    """The municipality's population at the end of a year, as reference data for figures per inhabitant."""

    municipality = models.ForeignKey(
        Municipality, models.CASCADE, related_name="populations", verbose_name=_("municipality")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1900), MaxValueValidator(2100)])
    inhabitants = models.PositiveIntegerField(_("inhabitants"), validators=[MinValueValidator(1)])
    source = models.CharField(_("source"), max_length=200, help_text=_("E.g. SCB, folkmängd 31 december 2024."))
    history = HistoricalRecords()

    class Meta:
        ordering = ["municipality", "-year"]
        verbose_name = _("population")
        verbose_name_plural = _("population per year")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"],
                name="population_one_per_year",
                violation_error_message=_("The municipality already has a population for this year."),
            ),
        ]

    def __str__(self):
        return f"{self.municipality} {self.year}: {self.inhabitants}"


def population(year: int) -> int | None:
    """The municipality's inhabitants at the end of `year`, or None where it is not recorded."""
    return Population.objects.filter(year=year).values_list("inhabitants", flat=True).first()


class Body(models.Model):
    """A political body: KF, its presidium, KS, KSAU, a nämnd or a company board."""

    municipality = models.ForeignKey(
        Municipality, models.CASCADE, related_name="bodies", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=200)
    abbreviation = models.CharField(
        _("abbreviation"), max_length=40, blank=True, help_text=_("How decisions are cited, e.g. KF, KS, KSAU.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("part of")
    )
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["municipality", "name"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        constraints = [models.UniqueConstraint(fields=["municipality", "name"], name="body_unique_name")]

    def __str__(self):
        return self.name

    @property
    def citation_name(self) -> str:
        return self.abbreviation or self.name


class Unit(models.Model):
    """An administration or company where officials work; one unit per municipality is the central office."""

    municipality = models.ForeignKey(Municipality, models.CASCADE, related_name="units", verbose_name=_("municipality"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices, default=UnitKind.ADMINISTRATION)
    body = models.ForeignKey(
        Body,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
        verbose_name=_("committee or board"),
        help_text=_("The nämnd or company board the unit answers to."),
    )
    is_central_office = models.BooleanField(
        _("central office"), default=False, help_text=_("Receives the coordination notices and supports KS.")
    )
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("The unit's functional mailbox."))
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["municipality", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unit_unique_name"),
            models.UniqueConstraint(
                fields=["municipality"],
                condition=models.Q(is_central_office=True),
                name="one_central_office_per_municipality",
                violation_error_message=_("The municipality already has a central office."),
            ),
        ]

    def __str__(self):
        return self.name


class User(AbstractUser):
    """A person who signs in; what they may do follows from their role assignments."""

    language = models.CharField(_("language"), max_length=5, choices=Language.choices, default=Language.SWEDISH)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def roles(self) -> set[str]:
        return {assignment.role for assignment in self.role_assignments.all()}

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    def units(self):
        return Unit.objects.filter(role_assignments__user=self).distinct()


class RoleAssignment(models.Model):
    """A user's role, for a unit where the role acts for one."""

    user = models.ForeignKey(User, models.CASCADE, related_name="role_assignments", verbose_name=_("user"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, models.CASCADE, null=True, blank=True, related_name="role_assignments", verbose_name=_("unit")
    )
    from_provider = models.BooleanField(
        _("from the identity provider"),
        default=False,
        editable=False,
        help_text=_("Given at single sign-on through a provider group, and taken away there; not by hand."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["user", "role"]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="role_assignment_unique"),
            models.UniqueConstraint(
                fields=["user", "role"], condition=models.Q(unit__isnull=True), name="role_assignment_unique_no_unit"
            ),
            FieldCheckConstraint(
                condition=~models.Q(role__in=[Role.OFFICIAL, Role.CONTACT_PERSON]) | models.Q(unit__isnull=False),
                name="unit_role_names_unit",
                field="unit",
                violation_error_message=_("Unit: a case officer or contact person acts for a unit; choose one."),
            ),
        ]

    def __str__(self):
        role = self.get_role_display()
        return f"{self.user}: {role}, {self.unit}" if self.unit else f"{self.user}: {role}"

    def clean(self):
        if self.role != Role.CONTACT_PERSON or self.unit_id is None:
            return
        # Lidköping: every administration appoints one person to the international group.
        if not CoordinationGroup.objects.filter(municipality_id=self.unit.municipality_id, one_contact_per_unit=True):
            return
        others = RoleAssignment.objects.filter(role=Role.CONTACT_PERSON, unit_id=self.unit_id).exclude(pk=self.pk)
        other = others.exclude(user_id=self.user_id).select_related("user").first()
        if other is not None:
            raise ValidationError(
                {
                    "unit": _(
                        "Unit: {unit} already has an international contact person ({person}); the policy asks for one "
                        "per administration."
                    ).format(unit=self.unit, person=other.user)
                }
            )


class ProviderGroupRole(models.Model):
    """A group at the identity provider whose members hold a role at single sign-on (for a unit, where the role
    acts for one)."""

    group = models.CharField(
        _("provider group"),
        max_length=255,
        help_text=_(
            "The group exactly as the provider names it in the groups claim: the group's object id in Entra ID, its "
            "path (/internationellt/samordnare) in Keycloak."
        ),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, models.CASCADE, null=True, blank=True, related_name="provider_group_roles", verbose_name=_("unit")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "role"]
        verbose_name = _("provider group's role")
        verbose_name_plural = _("provider groups' roles")
        constraints = [
            models.UniqueConstraint(fields=["group", "role", "unit"], name="provider_group_role_unique"),
            models.UniqueConstraint(
                fields=["group", "role"],
                condition=models.Q(unit__isnull=True),
                name="provider_group_role_unique_no_unit",
            ),
            FieldCheckConstraint(
                condition=~models.Q(role__in=[Role.OFFICIAL, Role.CONTACT_PERSON]) | models.Q(unit__isnull=False),
                name="provider_group_unit_role_names_unit",
                field="unit",
                violation_error_message=_("Unit: a case officer or contact person acts for a unit; choose one."),
            ),
        ]

    def __str__(self):
        role = self.get_role_display()
        return f"{self.group}: {role}, {self.unit}" if self.unit else f"{self.group}: {role}"


class Decision(models.Model):
    """A decision of KF, KS, KSAU or a nämnd, cited as officials cite it: KS 2012-06-05 § 173."""

    choice_related = ("body",)  # a dropdown's label names the body

    body = models.ForeignKey(Body, models.PROTECT, related_name="decisions", verbose_name=_("decided by"))
    date = models.DateField(_("date"))
    paragraph = models.CharField(_("paragraph (§)"), max_length=20, blank=True)
    case_number = models.CharField(
        _("case number"), max_length=60, blank=True, help_text=_("As the municipality writes it, e.g. SLK-2023-01047.")
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    document_url = models.URLField(_("link to the minutes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "body", "paragraph"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "date", "paragraph"],
                condition=~models.Q(paragraph=""),
                name="decision_unique_citation",
                violation_error_message=_("This body already has a decision with that date and paragraph."),
            ),
        ]

    def __str__(self):
        citation = f"{self.body.citation_name} {self.date:%Y-%m-%d}"
        return f"{citation} § {self.paragraph}" if self.paragraph else citation

    def get_absolute_url(self):
        return reverse("organisation:decision_detail", args=[self.pk])

    @property
    def body_kind(self) -> str:
        return self.body.kind


class Policy(models.Model):
    """The municipality's policy, guidelines or strategy for international cooperation."""

    municipality = models.ForeignKey(
        Municipality, models.CASCADE, related_name="policies", verbose_name=_("municipality")
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=PolicyKind.choices, default=PolicyKind.POLICY)
    decision = models.ForeignKey(
        Decision, models.PROTECT, null=True, blank=True, related_name="policies", verbose_name=_("adopting decision")
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    next_revision_on = models.DateField(_("next revision"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    document_url = models.URLField(_("link to the document"), blank=True)
    version = models.CharField(_("version"), max_length=20, blank=True, help_text=_("As the document gives it."))
    published_on = models.DateField(_("published on"), null=True, blank=True)
    document_owner = models.CharField(
        _("document owner"), max_length=200, blank=True, help_text=_("E.g. Kommunstyrelseförvaltningen.")
    )
    document_responsible = models.CharField(
        _("responsible for the document"), max_length=200, blank=True, help_text=_("E.g. Internationell samordnare.")
    )
    # The municipality's own standing rules, checked where they apply (DOMAIN.md 2.1, 2.4; the seeds).
    no_new_twin_towns = models.BooleanField(
        _("no new twin towns"),
        default=False,
        help_text=_("New twin-town agreements are not concluded (Jönköping's strategy)."),
    )
    requires_cooperation_analysis = models.BooleanField(
        _("analysis before a cooperation is decided"),
        default=False,
        help_text=_(
            "A benefit and risk analysis, the grounds for choosing the partner and, where the partner country is "
            "not a democracy, how democracy and human rights are addressed, before a project, city relation or "
            "membership is decided (Lidköping's policy)."
        ),
    )
    requires_travel_considerations = models.BooleanField(
        _("near before far, digital meetings considered"),
        default=False,
        help_text=_(
            "Trips, projects and network memberships record that near expertise and digital meetings were "
            "considered (Göteborg's and Lidköping's policies)."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["municipality", "-valid_from"]
        verbose_name = _("policy document")
        verbose_name_plural = _("policy documents")
        constraints = [
            not_before(
                "valid_from",
                "valid_until",
                "policy_valid_until_not_before_valid_from",
                _("Valid until: the end date cannot be before the start date."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("steering:policy_detail", args=[self.pk])

    def clean(self):
        errors = municipality_errors(self, "decision", municipality=self.municipality if self.municipality_id else None)
        if errors:
            raise ValidationError(errors)


class PolicyGoal(models.Model):
    """A goal, sub-goal, focus area or priority that the municipality's policy names."""

    policy = models.ForeignKey(Policy, models.CASCADE, related_name="goals", verbose_name=_("policy document"))
    parent = models.ForeignKey(
        "self", models.CASCADE, null=True, blank=True, related_name="children", verbose_name=_("part of")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=GoalKind.choices, default=GoalKind.GOAL)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["policy", "kind", "order", "title"]
        verbose_name = _("municipal goal")
        verbose_name_plural = _("municipal goals")

    def __str__(self):
        return self.title


class CoordinationGroup(models.Model):
    """A group that steers or coordinates the international work: a steering group, a coordination group or an
    international group with a contact person from each administration."""

    municipality = models.ForeignKey(
        Municipality, models.CASCADE, related_name="groups", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=GroupKind.choices)
    body = models.ForeignKey(
        Body,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="groups",
        verbose_name=_("body"),
        help_text=_("The body the group belongs to or acts for, e.g. KS's working committee."),
    )
    convened_by = models.ForeignKey(
        Unit,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="convened_groups",
        verbose_name=_("run by"),
        help_text=_("The unit that runs the group, e.g. the central office."),
    )
    decision = models.ForeignKey(
        Decision,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="groups",
        verbose_name=_("decision"),
        help_text=_("The decision that gives the group its mandate."),
    )
    mandate = models.TextField(_("mandate and tasks"), blank=True)
    member_units = models.ManyToManyField(Unit, blank=True, related_name="groups", verbose_name=_("member units"))
    members = models.ManyToManyField(User, blank=True, related_name="coordination_groups", verbose_name=_("members"))
    one_contact_per_unit = models.BooleanField(
        _("one contact person per administration"),
        default=False,
        help_text=_(
            "Each administration appoints one international contact person to the group; a unit then has at most "
            "one user with the contact person role."
        ),
    )
    history = HistoricalRecords(m2m_fields=[member_units, members])

    class Meta:
        ordering = ["municipality", "kind", "name"]
        verbose_name = _("steering or coordination group")
        verbose_name_plural = _("steering and coordination groups")
        constraints = [models.UniqueConstraint(fields=["municipality", "name"], name="group_unique_name")]

    def __str__(self):
        return self.name


MUNICIPALITY_CACHE_KEY = "organisation:municipality"
MUNICIPALITY_CACHE_SECONDS = 60  # another process sees a renamed municipality within this time


def get_municipality() -> Municipality | None:
    """The municipality whose portfolio this installation keeps; there is one per installation (see
    refuse_second_municipality). Every page's header names it, so it is kept in the cache; a save or delete
    forgets it at once in this process, and other processes read it again within a minute."""
    found = cache.get(MUNICIPALITY_CACHE_KEY)
    if found is None:
        found = Municipality.objects.order_by("pk").first()
        if found is not None:
            cache.set(MUNICIPALITY_CACHE_KEY, found, MUNICIPALITY_CACHE_SECONDS)
    return found


@receiver(post_save, sender=Municipality)
@receiver(post_delete, sender=Municipality)
def forget_municipality(sender, **kwargs):
    cache.delete(MUNICIPALITY_CACHE_KEY)


def policy_in_force(on: date | None = None) -> Policy | None:
    """The municipality's policy document in force on `on` (today by default): the latest one valid then."""
    on = on or timezone.localdate()
    return (
        Policy.objects.filter(models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=on))
        .filter(models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=on))
        .order_by(models.F("valid_from").desc(nulls_last=True), "-pk")
        .first()
    )


def decision_errors(field: str, decision, allowed_kinds, message, committee_message=None) -> dict:
    """The error, keyed by field, if `decision` is missing or not taken by a body of `allowed_kinds`."""
    if decision is not None and committee_message and decision.body.kind in COMMITTEE_KINDS:
        return {field: committee_message}
    if decision is None or decision.body.kind not in allowed_kinds:
        return {field: message}
    return {}


OTHER_MUNICIPALITY = _("{field}: the decision was taken by another municipality's body; choose one of {municipality}.")
OTHER_MUNICIPALITY_UNIT = _("{field}: the unit belongs to another municipality; choose one of {municipality}'s units.")


def municipality_errors(item, *fields: str, municipality=None) -> dict:
    """The errors, keyed by field, for each decision or unit in `fields` of another municipality than the item's own
    (where it has one) or the installation's."""
    errors = {}
    for field in fields:
        if getattr(item, item._meta.get_field(field).attname) is None:
            continue
        value = getattr(item, field)
        municipality = municipality or get_municipality()
        if municipality is None:
            continue
        label = capfirst(item._meta.get_field(field).verbose_name)
        if isinstance(value, Unit):
            if value.municipality_id != municipality.pk:
                errors[field] = OTHER_MUNICIPALITY_UNIT.format(field=label, municipality=municipality)
        elif value.body.municipality_id != municipality.pk:
            errors[field] = OTHER_MUNICIPALITY.format(field=label, municipality=municipality)
    return errors
