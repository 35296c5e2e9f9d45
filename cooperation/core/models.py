"""What the domain apps share: money, bilingual reference data, the Agenda 2030 goals and currencies."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.text import capfirst, format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


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
