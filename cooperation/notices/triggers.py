"""The items a coordination notice can concern, and the automatic notices, whatever path changes an item.

Each register declares in its own `notices.py` which of its models a notice can concern (`Item`): the coordination
area, the field on Notice that points to it, the unit a notice about it comes from, and `summary(obj, created,
before)`, the sentence for the central office where the policy says it must know (Göteborg §4 and 5.3), else None.
Here those models' saves are watched: before a save the fields the summary reads are noted, after it the summary
decides. A page, the admin, a management command and a shell all save, so all of them raise the notice; loaddata's
raw saves raise nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db.models.signals import post_save, pre_save
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

from cooperation.organisation.roles import is_coordinator


@dataclass(frozen=True)
class Item:
    model: str  # "projects.Project"
    area: str  # the coordination area (choices.Area)
    field: str  # the field on Notice that points to the item
    unit: Callable  # unit(obj): the unit a notice about `obj` comes from, or None
    # summary(obj, created, before): what the office is told, or None where the policy asks nothing
    summary: Callable | None = None
    watched: tuple[str, ...] = ()  # the fields `before` holds (attnames); every field when empty
    # The office changing its own items (relations, coordinated memberships, protocol visits) informs nobody:
    # the item's history records the change.
    skip_coordinators: bool = False


ITEMS: dict[str, Item] = {}


def register(item: Item) -> None:
    """Declare a model a notice can concern; with a summary, its saves raise notices. Called from notices.py."""
    model = apps.get_model(item.model)
    label = model._meta.label_lower
    ITEMS[label] = item
    if item.summary is not None:
        pre_save.connect(note_before, sender=model, dispatch_uid=f"notices-before-{label}")
        post_save.connect(decide, sender=model, dispatch_uid=f"notices-decide-{label}")


def item_for(obj_or_model) -> Item | None:
    return ITEMS.get(obj_or_model._meta.label_lower)


def watched_fields(model, item: Item) -> list[str]:
    return list(item.watched) or [field.attname for field in model._meta.concrete_fields]


def note_before(sender, instance, raw=False, **kwargs):
    """Before a save: the stored values the summary will compare with."""
    if raw:
        return
    fields = watched_fields(sender, ITEMS[sender._meta.label_lower])
    stored = None
    if not instance._state.adding and instance.pk is not None:
        stored = sender._default_manager.filter(pk=instance.pk).values(*fields).first()
    instance._notice_before = stored or {}


def decide(sender, instance, created=False, raw=False, **kwargs):
    """After a save: raise the notice, or add to the open one, where the item's summary asks for it."""
    if raw or getattr(instance, "skip_history_when_saving", False):
        return  # loaddata; or a form that stores its many-to-many fields first and sends post_save again after
    item = ITEMS[sender._meta.label_lower]
    before = instance.__dict__.pop("_notice_before", {})
    fields = watched_fields(sender, item)
    if not created and before and not changed(sender, instance, before, fields):
        return  # saved, but nothing the policy asks about changed
    summary = item.summary(instance, created, before)
    if summary is None:
        return
    user = acting_user(instance)
    if item.skip_coordinators and user is not None and is_coordinator(user):
        return
    from .services import raise_automatically

    notice, is_new = raise_automatically(instance, user, summary)
    if notice is not None:
        instance._coordination_notice = (notice, is_new)


def changed(model, instance, before: dict, fields: list[str]) -> bool:
    """Whether any of `fields` now differs from what was stored (a value set as text, "2026-01-01", is compared as
    the date it is stored as)."""
    opts = model._meta
    return any(before.get(name) != opts.get_field(name).to_python(getattr(instance, name)) for name in fields)


def acting_user(instance):
    """Who made the change: the history's user, else the signed-in person of the request (simple-history's
    middleware keeps it), else nobody (a command or a shell)."""
    user = getattr(instance, "_history_user", None)
    if user is None:
        request = getattr(HistoricalRecords.context, "request", None)
        user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def saved_note(sender, instance, user, **kwargs) -> str:
    """For the page that saved the item: what became of the notice (core.signals.item_saved)."""
    from .services import central_office

    raised = instance.__dict__.pop("_coordination_notice", None)
    if raised is None:
        return ""
    notice, is_new = raised
    if is_new:
        return _("{office} has been informed (coordination notice {number}).").format(
            office=central_office() or _("The central office"), number=notice.number
        )
    return _("The change was added to the open coordination notice {number}.").format(number=notice.number)
