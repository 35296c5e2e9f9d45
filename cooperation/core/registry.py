"""What a register declares about itself for the menu, the start page and its "new" button.

Each app lists its registers in its AppConfig (`registers = [Register(...)]`); the portal's menu and the generic
views read them from there, so adding a register touches no other app.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import IntegerChoices
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class Group(IntegerChoices):
    """The main menu's groups, in the order they are shown."""

    REGISTERS = 1, _("Registers")
    STEERING = 2, _("Steering documents")
    FOLLOW_UP = 3, _("Follow-up and reports")
    ADMINISTRATION = 4, _("Administration")


@dataclass(frozen=True)
class Register:
    model: str  # "projects.Project"
    order: int  # its place in the menu and on the start page
    # The "new" button and form heading; Swedish needs the noun's own gender (nytt projekt, ny remiss).
    add_label: str = ""
    # Where its list lives when not at "<app_label>:<model_name>_list" (the policy is kept with the steering documents).
    list_url_name: str = ""
    group: Group = Group.REGISTERS  # where the main menu lists it


def registers() -> list[Register]:
    """Every register the installed apps declare, in menu order."""
    declared = [register for config in apps.get_app_configs() for register in getattr(config, "registers", [])]
    return sorted(declared, key=lambda register: register.order)


def add_label(model) -> str:
    label = model._meta.label_lower
    declared = next((register.add_label for register in registers() if register.model.lower() == label), "")
    return declared or capfirst(model._meta.verbose_name)
