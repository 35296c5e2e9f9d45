"""The registers the start page lists, with their counts and where to find them."""

from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse
from django.utils.text import capfirst

REGISTER_MODELS = [
    "cities.CityRelation",
    "cities.Agreement",
    "networks.Organisation",
    "networks.Membership",
    "networks.Declaration",
    "projects.Project",
    "visits.Visit",
    "consultations.Consultation",
    "organisation.Decision",
    "steering.PositionPaper",
    "steering.ActionPlan",
    "steering.Evaluation",
    "notices.Notice",
    "organisation.Policy",
]


@dataclass
class Register:
    name: str
    count: int
    url: str | None


def registers_for(user) -> list[Register]:
    """Each register with its size; the link only where the user may open the admin list."""
    registers = []
    for label in REGISTER_MODELS:
        model = apps.get_model(label)
        opts = model._meta
        can_view = user.is_staff and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") if can_view else None
        registers.append(Register(capfirst(opts.verbose_name_plural), model._default_manager.count(), url))
    return registers
