"""The history timeline of an item: who changed which fields from what to what, and when."""

from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import pairwise

from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

HISTORY_LIMIT = 50
EMPTY = "–"
HISTORY_TYPES = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    version: int
    when: datetime
    user: object
    kind: str
    reason: str
    changes: list[Change] = field(default_factory=list)


def tracked_fields(model) -> list[models.Field]:
    """The editable concrete fields, in form order; many-to-many changes are not diffed (they would cost a
    query per version)."""
    return [f for f in model._meta.concrete_fields if f.editable and not f.primary_key]


def _display(model_field, value, related: dict) -> str:
    if value is None or value == "":
        return EMPTY
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        return str(related.get((model_field.related_model, value), value))
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, datetime):  # kept in UTC: the day is Stockholm's
        return formats.date_format(timezone.template_localtime(value), "SHORT_DATE_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if hasattr(value, "name") and hasattr(value, "code"):  # a django-countries Country
        return str(value.name)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name
    return formats.localize(value, use_l10n=True)


def timeline(obj) -> list[Entry]:
    """The latest versions of `obj`, newest first, each with the fields it changed; a fixed number of queries."""
    model = type(obj)
    fields = tracked_fields(model)
    names = [f.name for f in fields]
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: HISTORY_LIMIT + 1]
    )
    deltas = [(newer, newer.diff_against(older, included_fields=names)) for newer, older in pairwise(records)]
    related = _related_objects(fields, [change for _record, delta in deltas for change in delta.changes])
    by_name = {f.name: f for f in fields}
    entries = []
    for record, delta in deltas:
        changes = [
            Change(
                capfirst(by_name[c.field].verbose_name),
                _display(by_name[c.field], c.old, related),
                _display(by_name[c.field], c.new, related),
            )
            for c in sorted(delta.changes, key=lambda c: names.index(c.field))
        ]
        entries.append(_entry(record, changes))
    if records and len(records) <= HISTORY_LIMIT:  # the oldest shown is the creation
        entries.append(_entry(records[-1], []))
    return entries


def _entry(record, changes) -> Entry:
    return Entry(
        record.history_id,
        record.history_date,
        record.history_user,
        HISTORY_TYPES.get(record.history_type, ""),
        record.history_change_reason or "",
        changes,
    )


def _related_objects(fields, changes) -> dict:
    """Fetch, one query per related model, the objects that changed foreign keys point to."""
    by_name = {f.name: f for f in fields}
    wanted: dict = {}
    for change in changes:
        model_field = by_name[change.field]
        if isinstance(model_field, models.ForeignKey):
            for value in (change.old, change.new):
                if value is not None:
                    wanted.setdefault(model_field.related_model, set()).add(value)
    related = {}
    for related_model, pks in wanted.items():
        for item in related_model._default_manager.select_related().filter(pk__in=pks):
            related[(related_model, item.pk)] = item
    return related
