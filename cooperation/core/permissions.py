"""The permission machinery: who may do what to which item, asked in one place.

Everyone signed in reads every register (offentlighetsprincipen); what differs is who may add, change, end and
delete, and who may read restricted rows. Each app declares its rules in its own `permissions.py` (found when the
apps are ready, the way the admin finds `admin.py`); views ask `allowed(user, action, obj)` and narrow querysets
with `visible(user, queryset)`. The roles themselves are read in `cooperation.organisation.roles`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Model, QuerySet


class Action(StrEnum):
    VIEW = "view"
    ADD = "add"
    CHANGE = "change"
    END = "end"
    DELETE = "delete"


def everyone(user) -> bool:
    return True


@dataclass(frozen=True)
class Rule:
    """Who may add items to a register (`add(user)`), and who may change and delete one (`change(user, obj)`,
    `delete(user, obj)`); ending follows change. `view(user)` says who may open the register at all (everyone
    signed in unless the app says otherwise); which of its rows they read is `visible()`'s business."""

    add: Callable
    change: Callable
    delete: Callable
    view: Callable = everyone


RULES: dict[str, Rule] = {}
FILTERS: dict[str, Callable[..., QuerySet]] = {}


def register(model: str, *, add: Callable, change: Callable, delete: Callable, view: Callable = everyone) -> None:
    """Declare the rule for `model` ("app_label.ModelName"); an app calls this from its permissions.py."""
    RULES[model.lower()] = Rule(add=add, change=change, delete=delete, view=view)


def register_filter(model: str, narrow: Callable[..., QuerySet]) -> None:
    """Declare which rows of `model` a user may read: `narrow(user, queryset)` returns them."""
    FILTERS[model.lower()] = narrow


def rule_for(model) -> Rule:
    try:
        return RULES[model._meta.label_lower]
    except KeyError:
        raise LookupError(
            f"{model._meta.label} has no permission rule: declare one in its app's permissions.py"
        ) from None


def allowed(user, action: Action, obj_or_model) -> bool:
    """May `user` do `action` to this item (or, for ADD, to this register)?"""
    if not user.is_authenticated:
        return False
    is_model = isinstance(obj_or_model, type)
    model = obj_or_model if is_model else type(obj_or_model)
    if action == Action.VIEW:
        rule = RULES.get(model._meta.label_lower)
        return rule is None or rule.view(user)
    rule = rule_for(model)
    if action == Action.ADD:
        return rule.add(user)
    if is_model:
        raise TypeError(f"{action} needs an item, not a register")
    if action == Action.DELETE:
        return rule.delete(user, obj_or_model)
    return rule.change(user, obj_or_model)  # CHANGE and END


def who_may(action: Action, obj_or_model) -> str:
    """Who may do `action` here, for the refusal page, where the rule's predicate says (its `who` attribute)."""
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    rule = rule_for(model)
    predicate = {Action.VIEW: rule.view, Action.ADD: rule.add, Action.DELETE: rule.delete}.get(action, rule.change)
    return str(getattr(predicate, "who", ""))


def visible(user, queryset: QuerySet) -> QuerySet:
    """The rows of `queryset` the user may read: all of them unless the model's app declared a filter."""
    narrow = FILTERS.get(queryset.model._meta.label_lower)
    return narrow(user, queryset) if narrow else queryset


def narrowed(model) -> bool:
    """Whether the model's app declared which of its rows a user may read."""
    return model._meta.label_lower in FILTERS


def permission_flags(user, obj: Model) -> dict[str, bool]:
    """What the detail page may offer this user."""
    can_change = allowed(user, Action.CHANGE, obj)
    return {"can_change": can_change, "can_end": can_change, "can_delete": allowed(user, Action.DELETE, obj)}
