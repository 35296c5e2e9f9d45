"""The registers: the navigation's links and the start page's counts."""

from dataclasses import dataclass

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

# The registers in the order officials think of them; the first ones are in the main menu.
REGISTER_MODELS = [
    "projects.Project",
    "visits.Visit",
    "cities.CityRelation",
    "networks.Membership",
    "networks.Organisation",
    "consultations.Consultation",
    "organisation.Decision",
    "notices.Notice",
    "steering.PositionPaper",
    "steering.ActionPlan",
    "steering.Evaluation",
    "organisation.Policy",
]


# The label of a register's "new" button and form heading; Swedish needs the noun's own gender (nytt projekt,
# nytt besök, ny remiss), so each has its own string.
ADD_LABELS = {
    "projects.project": _("New project"),
    "visits.visit": _("New visit"),
    "cities.cityrelation": _("New city relation"),
    "networks.membership": _("New membership"),
    "networks.organisation": _("New organisation or network"),
    "consultations.consultation": _("New consultation"),
    "organisation.decision": _("New decision"),
}


def add_label(model) -> str:
    return ADD_LABELS.get(model._meta.label_lower) or capfirst(model._meta.verbose_name)


@dataclass
class Register:
    name: str
    count: int | None
    url: str | None
    url_name: str = ""
    current: str = ""  # aria-current: "page" on the register's list, "true" on its other pages


# Registers whose pages live in another app than their model (the policy is kept with the steering documents).
LIST_URL_NAMES = {"organisation.policy": "steering:policy_list"}


def list_url(model) -> tuple[str, str | None]:
    opts = model._meta
    name = LIST_URL_NAMES.get(opts.label_lower, f"{opts.app_label}:{opts.model_name}_list")
    try:
        return name, reverse(name)
    except NoReverseMatch:
        return name, None


def navigation(view_name: str = "") -> list[Register]:
    """The registers that have pages of their own, for the main menu; the one `view_name` belongs to is current."""
    registers = []
    for label in REGISTER_MODELS:
        model = apps.get_model(label)
        name, url = list_url(model)
        if url:
            prefix = name.removesuffix("_list")
            current = "page" if view_name == name else "true" if view_name.startswith(f"{prefix}_") else ""
            registers.append(Register(capfirst(model._meta.verbose_name_plural), None, url, name, current))
    return registers


def registers_for(user) -> list[Register]:
    """Each register with its size; its own pages where it has them, else the admin list for staff."""
    registers = []
    for label in REGISTER_MODELS:
        model = apps.get_model(label)
        opts = model._meta
        _name, url = list_url(model)
        if url is None and user.is_staff and user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        registers.append(Register(capfirst(opts.verbose_name_plural), model._default_manager.count(), url))
    return registers
