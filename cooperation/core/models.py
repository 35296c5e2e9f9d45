"""What the domain apps share: money, bilingual reference data, the Agenda 2030 goals, currencies and countries,
and the audit log."""

from decimal import Decimal

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst, format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords


def sort_indexes(prefix: str, *orders: str) -> list[models.Index]:
    """An index per order a list offers, with the primary key after it as the list sorts (`totally_ordered`): a
    page and its reverse (the last pages) are read from the index instead of sorting the whole table. An order
    is one column ("title") or several ("-start_date,title,-id")."""
    indexes = []
    for order in orders:
        fields = order.split(",")
        fields += [] if fields[-1].lstrip("-") == "id" else ["-id" if fields[0].startswith("-") else "id"]
        name = "_".join(field.lstrip("-") for field in fields[:-1])
        indexes.append(models.Index(fields=fields, name=f"{prefix}_{name}_idx"[:30]))
    return indexes


def too_many_decimals(label):
    """The message for an amount in smaller parts than the öre or cent an amount is kept in."""
    return format_lazy(_("{label}: give at most %(max)s decimals (öre or cent)."), label=capfirst(label))


class MoneyField(models.DecimalField):
    """An amount of money: a decimal, never a float, never negative, kept to the öre or cent."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("validators", [MinValueValidator(Decimal(0))])
        super().__init__(*args, **kwargs)

    def contribute_to_class(self, cls, name, *args, **kwargs):
        super().contribute_to_class(cls, name, *args, **kwargs)
        # set here, where the label is known, and not as an argument: migrations need not record a message
        self.error_messages["max_decimal_places"] = too_many_decimals(self.verbose_name)


class BilingualName(models.Model):
    """Reference data named in Swedish and English; `name` follows the active language."""

    name_sv = models.CharField(_("name in Swedish"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "sv").startswith("en") else self.name_sv


class SustainableDevelopmentGoal(BilingualName):
    """One of the 17 global goals of Agenda 2030."""

    number = models.PositiveSmallIntegerField(_("number"), primary_key=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name = _("Agenda 2030 goal")
        verbose_name_plural = _("Agenda 2030 goals")
        constraints = [
            models.CheckConstraint(condition=models.Q(number__gte=1, number__lte=17), name="sdg_number_1_to_17"),
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"


class Currency(BilingualName):
    """A currency by its ISO 4217 code."""

    code = models.CharField(_("code"), max_length=3, primary_key=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("currency")
        verbose_name_plural = _("currencies")

    def __str__(self):
        return self.code


class RegimeType(models.TextChoices):
    """The four regime types of the Economist Intelligence Unit's Democracy Index."""

    FULL_DEMOCRACY = "full_democracy", _("full democracy")
    FLAWED_DEMOCRACY = "flawed_democracy", _("flawed democracy")
    HYBRID_REGIME = "hybrid_regime", _("hybrid regime")
    AUTHORITARIAN = "authoritarian", _("authoritarian regime")


class CountryClassification(models.Model):
    """Whether a country counts as a democracy when a partner is chosen (Lidköping's policy), as a public index
    classifies it. The list holds the EIU's authoritarian and hybrid regimes, neither counted as a democracy; a country
    not listed is a full or flawed democracy and counts as one. Administrators keep the list up to date."""

    country = CountryField(_("country"), unique=True)
    regime_type = models.CharField(_("regime type"), max_length=20, choices=RegimeType.choices)
    is_democracy = models.BooleanField(
        _("counted as a democracy"),
        default=False,
        help_text=_(
            "Where it is not, a cooperation with a partner there says how democracy and human rights are addressed. "
            "The policy's reference is the Swedish Foreign Ministry's reports on human rights, democracy and the "
            "rule of law."
        ),
    )
    source = models.CharField(_("source"), max_length=200, help_text=_("E.g. EIU Democracy Index 2023."))
    as_of_year = models.PositiveSmallIntegerField(_("as of year"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["country"]
        verbose_name = _("country classification")
        verbose_name_plural = _("country classifications")

    def __str__(self):
        return f"{self.country.name}: {self.get_regime_type_display()}"


class AuditEventKind(models.TextChoices):
    SIGN_IN = "sign_in", _("sign-in")
    SIGN_IN_FAILED = "sign_in_failed", _("failed sign-in")
    SIGN_OUT = "sign_out", _("sign-out")
    LOCKOUT = "lockout", _("lockout")
    REFUSAL = "refusal", _("refusal")
    EXPORT = "export", _("export")
    DELETION = "deletion", _("deletion")
    ERASURE = "erasure", _("erasure")
    ACCESSIBILITY_REPORT = "accessibility", _("accessibility report")
    CALENDAR_CREATED = "calendar_created", _("calendar link created")
    CALENDAR_RENEWED = "calendar_renewed", _("calendar link renewed")
    CALENDAR_REVOKED = "calendar_revoked", _("calendar link revoked")
    IMPORT = "import", _("import from a file")


class AuditEvent(models.Model):
    """One entry of the audit log (`core.audit.record`): what happened, who, from which address, on which page.
    No history and no names or content of items: the user, the address and ids only."""

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    event = models.CharField(_("event"), max_length=20, choices=AuditEventKind.choices, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The account's name as given: also for a failed sign-in to an unknown account, and after a user is deleted.
    username = models.CharField(_("username"), max_length=150, blank=True)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    path = models.CharField(_("page"), max_length=500, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.get_event_display()} {self.username}".strip()

    @property
    def details_text(self) -> str:
        return ", ".join(f"{key}: {value}" for key, value in self.details.items())
