"""The registers: the main menu's links and the start page's counts, from what each app declares."""

from dataclasses import dataclass

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst

from cooperation.core.registry import registers


@dataclass
class Register:
    name: str
    count: int | None
    url: str | None
    url_name: str = ""
    current: str = ""  # aria-current: "page" on the register's list, "true" on its other pages


def list_url(declared) -> tuple[str, str | None]:
    opts = apps.get_model(declared.model)._meta
    name = declared.list_url_name or f"{opts.app_label}:{opts.model_name}_list"
    try:
        return name, reverse(name)
    except NoReverseMatch:
        return name, None


def navigation(view_name: str = "") -> list[Register]:
    """The registers that have pages of their own, for the main menu; the one `view_name` belongs to is current."""
    menu = []
    for declared in registers():
        model = apps.get_model(declared.model)
        name, url = list_url(declared)
        if url:
            prefix = name.removesuffix("_list")
            current = "page" if view_name == name else "true" if view_name.startswith(f"{prefix}_") else ""
            menu.append(Register(capfirst(model._meta.verbose_name_plural), None, url, name, current))
    return menu


def registers_for(user) -> list[Register]:
    """Each register with its size; its own pages where it has them, else the admin list for staff."""
    found = []
    for declared in registers():
        model = apps.get_model(declared.model)
        opts = model._meta
        _name, url = list_url(declared)
        if url is None and user.is_staff and user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        found.append(Register(capfirst(opts.verbose_name_plural), model._default_manager.count(), url))
    return found
