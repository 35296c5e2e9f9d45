"""Visits: protocol and VIP visits, study visits, outgoing trips, conferences and job shadowing."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from cooperation.core.constraints import FieldCheckConstraint, not_before
from cooperation.core.countries import in_eu_eea
from cooperation.core.models import MoneyField, sort_indexes
from cooperation.organisation.models import municipality_errors
from cooperation.organisation.rules import TRAVEL_HELP, travel_errors

from .choices import Direction, GiftDirection, LegalBasis, VisitKind

OWN_PARTICIPANTS_MESSAGE = _(
    "Own participants: give how many of the municipality's own take part when the visit is outgoing."
)
MAIN_HOST_MESSAGE = _("Host units: a visit with several host units has exactly one main host.")


def main_host_errors(hosts) -> list:
    """The error if `hosts`, pairs of (unit, is_main), are several without exactly one main host."""
    hosts = list(hosts)
    if len(hosts) > 1 and sum(1 for _unit, is_main in hosts if is_main) != 1:
        return [ValidationError(MAIN_HOST_MESSAGE, code="main_host")]
    return []


class Visit(models.Model):
    """A visit to or from the municipality."""

    kind = models.CharField(_("kind"), max_length=20, choices=VisitKind.choices)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default=Direction.INCOMING)
    title = models.CharField(_("title"), max_length=300)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    visiting_organisation = models.CharField(_("visiting organisation"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=200, blank=True)
    country = CountryField(_("country"))
    delegation_size = models.PositiveIntegerField(_("delegation size"), null=True, blank=True)
    own_participants = models.PositiveIntegerField(
        _("own participants"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "How many of the municipality's own take part; required for outgoing trips, conferences and job shadowing."
        ),
    )
    purpose = models.TextField(_("purpose"), blank=True)
    topics = models.TextField(_("topics"), blank=True)
    programme = models.TextField(_("programme"), blank=True)
    requested_bodies = models.ManyToManyField(
        "organisation.Body",
        blank=True,
        related_name="requested_visits",
        verbose_name=_("asks to meet"),
        help_text=_("E.g. the KF chair, the executive board or a committee."),
    )
    host_units = models.ManyToManyField(
        "organisation.Unit", through="VisitHost", related_name="hosted_visits", verbose_name=_("host units")
    )
    interpreter = models.BooleanField(_("interpreter"), default=False)
    language = models.CharField(_("language"), max_length=100, blank=True)
    press = models.TextField(_("press"), blank=True)
    cost = MoneyField(_("cost"), null=True, blank=True)
    currency = models.ForeignKey(
        "core.Currency", models.PROTECT, default="SEK", related_name="+", verbose_name=_("currency")
    )
    representatives = models.TextField(
        _("who represents the municipality"), blank=True, help_text=_("For outgoing trips.")
    )
    approved_by = models.CharField(_("approved by"), max_length=200, blank=True, help_text=_("For outgoing trips."))
    video_conferencing_considered = models.BooleanField(_("digital meeting considered"), default=False)
    travel_considerations = models.TextField(_("near and digital alternatives"), blank=True, help_text=TRAVEL_HELP)
    follow_up = models.TextField(_("follow-up notes"), blank=True)
    city_relation = models.ForeignKey(
        "cities.CityRelation",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="visits",
        verbose_name=_("city relation"),
    )
    membership = models.ForeignKey(
        "networks.Membership", models.SET_NULL, null=True, blank=True, related_name="visits", verbose_name=_("network")
    )
    project = models.ForeignKey(
        "projects.Project", models.SET_NULL, null=True, blank=True, related_name="visits", verbose_name=_("project")
    )
    goals = models.ManyToManyField(
        "organisation.PolicyGoal", blank=True, related_name="visits", verbose_name=_("municipal goals")
    )
    sdgs = models.ManyToManyField(
        "core.SustainableDevelopmentGoal", blank=True, related_name="visits", verbose_name=_("Agenda 2030 goals")
    )
    history = HistoricalRecords(m2m_fields=[requested_bodies, goals, sdgs])

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        indexes = sort_indexes(
            "visit", "start_date", "title", "kind", "direction", "end_date", "country", "delegation_size"
        )
        constraints = [
            not_before(
                "start_date",
                "end_date",
                "visit_end_not_before_start",
                _("End date: the end date cannot be before the start date."),
            ),
            FieldCheckConstraint(
                condition=~models.Q(kind=VisitKind.OUTGOING_TRIP) | models.Q(direction=Direction.OUTGOING),
                name="outgoing_trip_goes_out",
                field="direction",
                violation_error_message=_("Direction: an outgoing trip is outgoing."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("visits:visit_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.pk:
            hosts = main_host_errors(self.hosts.values_list("unit", "is_main"))
            if hosts:
                errors[NON_FIELD_ERRORS] = hosts
        if self.direction == Direction.OUTGOING and self.own_participants is None:
            # The yearly report counts the municipality's own travellers; only an outgoing visit has them for sure.
            errors["own_participants"] = OWN_PARTICIPANTS_MESSAGE
        if self.direction == Direction.OUTGOING:
            # Travelling out is where "near before far, digital meetings considered" applies (Göteborg, Lidköping).
            errors |= travel_errors(self, "travel_considerations", self.start_date)
        if errors:
            raise ValidationError(errors)

    @property
    def from_partner_city(self) -> bool:
        return self.city_relation is not None and self.city_relation.is_partner

    @property
    def fee_applies(self) -> bool:
        """Programme study visits owe a fee unless the visitors come from a partner city or an EU/EEA city."""
        if self.kind != VisitKind.PROGRAMME_STUDY:
            return False
        return not (self.from_partner_city or in_eu_eea(self.country))

    def host_unit_ids(self) -> set[int]:
        """The units hosting the visit (uses prefetched hosts where there are some)."""
        return {host.unit_id for host in self.hosts.all()}

    @property
    def main_host(self):
        hosts = list(self.hosts.all())
        main = [host.unit for host in hosts if host.is_main]
        return main[0] if main else (hosts[0].unit if len(hosts) == 1 else None)


class VisitHost(models.Model):
    """A unit hosting a visit; where several units host, one is the main host."""

    visit = models.ForeignKey(Visit, models.CASCADE, related_name="hosts", verbose_name=_("visit"))
    unit = models.ForeignKey("organisation.Unit", models.PROTECT, related_name="visit_hosts", verbose_name=_("unit"))
    is_main = models.BooleanField(
        _("main host"), default=False, help_text=_("Plans and runs the programme when several units host.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["visit", "-is_main", "unit__name"]
        verbose_name = _("host unit")
        verbose_name_plural = _("host units")
        constraints = [
            models.UniqueConstraint(
                fields=["visit", "unit"],
                name="visit_host_unique",
                violation_error_message=_("Host units: the unit is already a host of this visit."),
            ),
            models.UniqueConstraint(
                fields=["visit"],
                condition=models.Q(is_main=True),
                name="one_main_host_per_visit",
                violation_error_message=MAIN_HOST_MESSAGE,
            ),
        ]

    def __str__(self):
        return f"{self.unit} ({_('main host')})" if self.is_main else str(self.unit)

    def clean(self):
        errors = municipality_errors(self, "unit")
        if errors:
            raise ValidationError(errors)


def default_erase_on(visit: Visit) -> datetime.date:
    return (visit.end_date or visit.start_date) + datetime.timedelta(days=settings.DELEGATE_RETENTION_DAYS)


class DelegationMember(models.Model):
    """A member of a visiting delegation: personal data, seen only by host units and coordinators, erased in time."""

    visit = models.ForeignKey(Visit, models.CASCADE, related_name="delegation", verbose_name=_("visit"))
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    legal_basis = models.CharField(
        _("legal basis"), max_length=20, choices=LegalBasis.choices, default=LegalBasis.PUBLIC_INTEREST
    )
    erase_on = models.DateField(
        _("erase on"), blank=True, help_text=_("Personal data is erased (gallras) after this date; statistics stay.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["visit", "name"]
        verbose_name = _("delegation member")
        verbose_name_plural = _("delegation members")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.erase_on is None:
            self.erase_on = default_erase_on(self.visit)
        super().save(*args, **kwargs)


class Gift(models.Model):
    """A gift given or received at a visit (the protocol gift register)."""

    visit = models.ForeignKey(Visit, models.CASCADE, related_name="gifts", verbose_name=_("visit"))
    direction = models.CharField(_("given or received"), max_length=10, choices=GiftDirection.choices)
    description = models.CharField(_("gift"), max_length=300)
    counterpart = models.CharField(_("given to or received from"), max_length=300, blank=True)
    value = MoneyField(_("estimated value (SEK)"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["visit", "direction"]
        verbose_name = _("gift")
        verbose_name_plural = _("gifts")

    def __str__(self):
        return self.description


def token_hash(token: str) -> str:
    """What a calendar link's token is kept as: its SHA-256, so the stored rows cannot be turned back into links."""
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeed(models.Model):
    """A person's secret calendar link: the visits they may see, filtered as they chose, for Outlook or a phone.

    Only the token's hash is kept: the link is shown once, when it is made or renewed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="calendar_feeds", verbose_name=_("user")
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    # The visit list's filters as its query string holds them ({"kind": ["study"], "mine": ["true"]}), re-read
    # through VisitFilterSet on every fetch.
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    renewed = models.DateTimeField(_("renewed"), null=True, blank=True, editable=False)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    # A calendar program fetches the link every hour or so: its use is noted on the row, not in the history.
    history = HistoricalRecords(excluded_fields=["last_used"])

    class Meta:
        ordering = ["user", "created"]
        verbose_name = _("calendar link")
        verbose_name_plural = _("calendar links")

    def __str__(self):
        return _("Calendar link {number} of {user}").format(number=self.pk, user=self.user)

    def new_token(self) -> str:
        """A new secret token for the link (the old one stops working once saved); returns the token itself."""
        token = secrets.token_urlsafe(32)
        self.token_hash = token_hash(token)
        return token

    def feed_url(self, token: str) -> str:
        return settings.SITE_URL.rstrip("/") + reverse("visits:calendar_feed", args=[token])
