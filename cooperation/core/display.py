"""How a field's value reads on a page: choices by their label, money with its currency, links to related items."""

import functools
from datetime import date, datetime
from decimal import Decimal

from django.db import models
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .models import MoneyField

EMPTY = "–"


def money(amount: Decimal | None, currency: str = "SEK") -> str:
    """Kronor or euros grouped for the user's language, öre or cent only where there are any: 1 250 000 SEK,
    1 234,50 SEK."""
    if amount is None:
        return EMPTY
    places = 0 if amount == amount.to_integral_value() else 2
    # quantized first: number_format cuts decimals off rather than rounding them
    shown = formats.number_format(amount.quantize(Decimal(10) ** -places), places, use_l10n=True, force_grouping=True)
    return f"{shown} {currency}"


def day(value: date | None) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else EMPTY


def moment(value: datetime | None) -> str:
    """A point in time on the municipality's clock: the database keeps UTC, a page shows Stockholm time."""
    # `date_format` formats an aware datetime in its own zone; the template filter `date` converts, this must too
    return formats.date_format(timezone.template_localtime(value), "SHORT_DATETIME_FORMAT") if value else EMPTY


def currency_of(obj) -> str:
    return getattr(obj, "currency_id", None) or getattr(obj, "fee_currency_id", None) or "SEK"


def link(item):
    url = getattr(item, "get_absolute_url", None)
    return format_html('<a href="{}">{}</a>', url(), item) if url else str(item)


def value(obj, name: str, linked: bool = True):
    """The readable value of `obj.name` (HTML-safe where it links; plain text where `linked` is false)."""
    field = obj._meta.get_field(name)
    show = link if linked else str
    if field.many_to_many or field.one_to_many:
        items = list(getattr(obj, name).all())
        return format_html_join(", ", "{}", ((show(item),) for item in items)) if items else EMPTY
    raw = getattr(obj, name)
    if raw is None or raw == "":
        return EMPTY
    if hasattr(raw, "name") and hasattr(raw, "code"):  # a django-countries Country: its name, already translated
        return raw.name
    if field.choices:
        return str(choice_labels(field).get(raw, raw))  # as get_FOO_display(), without a dict of every choice each time
    if isinstance(field, MoneyField):
        return money(raw, currency_of(obj))
    if isinstance(field, models.ForeignKey):
        return show(raw)
    if isinstance(raw, bool):
        return _("Yes") if raw else _("No")
    if isinstance(raw, datetime):
        return moment(raw)
    if isinstance(raw, date):
        return formats.date_format(raw, "SHORT_DATE_FORMAT")
    if isinstance(raw, models.fields.files.FieldFile):
        return format_html('<a href="{}">{}</a>', raw.url, raw.name.rsplit("/", 1)[-1])
    if isinstance(field, models.URLField):
        return format_html('<a href="{}">{}</a>', raw, raw)
    return formats.localize(raw, use_l10n=True)


@functools.cache
def choice_labels(field) -> dict:
    """A field's choices by value (the labels stay lazy, so each is read in the language of the moment)."""
    return dict(field.flatchoices)


def label(model, name: str) -> str:
    field = model._meta.get_field(name)
    return capfirst(str(getattr(field, "verbose_name", name)))


def is_date(model, name: str) -> bool:
    return isinstance(model._meta.get_field(name), models.DateField)


def is_code(model, name: str) -> bool:
    """A short identifier such as a notice's number or a paragraph, which must not break across lines."""
    field = model._meta.get_field(name)
    return isinstance(field, models.CharField) and not field.choices and (field.max_length or 999) <= 20


def is_numeric(model, name: str) -> bool:
    field = model._meta.get_field(name)
    return isinstance(field, models.DecimalField | models.IntegerField) and not field.choices and not field.primary_key
