"""The registers: the main menu's links and the start page's counts, from what each app declares."""

from dataclasses import dataclass

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from cooperation.core.permissions import Action, allowed
from cooperation.core.queries import count
from cooperation.core.registry import Group, registers
from cooperation.importing.models import ImportBatch


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


@dataclass
class MenuGroup:
    label: str
    links: list[Register]


def current(view_name: str, url_name: str) -> str:
    """aria-current for a menu link: "page" on the page itself, "true" on the other pages of its register."""
    if view_name == url_name:
        return "page"
    prefix = url_name.removesuffix("_list")
    return "true" if prefix != url_name and view_name.startswith(f"{prefix}_") else ""


def administration(user) -> list[tuple[str, str, bool]]:
    """The portal's own links under Administration: (label, URL name, whether the user may open it)."""
    return [
        (_("The organisation"), "organisation", True),
        (_("Import from a file"), "importing:start", allowed(user, Action.VIEW, ImportBatch)),
        (_("Audit log"), "core:auditevent_list", user.is_staff and user.has_perm("core.view_auditevent")),
        (_("Users and reference data"), "admin:index", user.is_staff),
    ]


def openable_list(user, declared) -> tuple[str, str | None]:
    """A register's list page's URL name and URL, the URL None where it has none or the user may not open it."""
    name, url = list_url(declared)
    return name, url if url and allowed(user, Action.VIEW, apps.get_model(declared.model)) else None


def register_lists() -> list[tuple[str, str]]:
    """(URL name, URL) of every register's list page, in menu order, whoever asks: for the screenshots and tests."""
    return [(name, url) for name, url in (list_url(declared) for declared in registers()) if url]


def navigation(user, view_name: str = "") -> list[MenuGroup]:
    """The main menu: the pages this user may open, in the groups their apps declared; the current place marked."""
    groups = {group: MenuGroup(group.label, []) for group in Group}
    for declared in registers():
        name, url = openable_list(user, declared)
        if url:
            label = capfirst(apps.get_model(declared.model)._meta.verbose_name_plural)
            groups[declared.group].links.append(Register(label, None, url, name, current(view_name, name)))
    for label, name, may_open in administration(user):
        if may_open:
            groups[Group.ADMINISTRATION].links.append(
                Register(label, None, reverse(name), name, current(view_name, name))
            )
    return [group for group in groups.values() if group.links]


def register_counts() -> dict:
    """Each register's size as a one-value queryset, for `core.queries.scalars()` to ask in one query."""
    return {
        f"count_{model._meta.db_table}": count(model._default_manager.all())
        for model in (apps.get_model(declared.model) for declared in registers())
    }


def registers_for(user, counts: dict) -> list[Register]:
    """Each register with its size (from `register_counts()`); its own pages where it has them and the user may open
    them, else the admin list for staff."""
    found = []
    for declared in registers():
        model = apps.get_model(declared.model)
        opts = model._meta
        _name, url = openable_list(user, declared)
        if url is None and user.is_staff and user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        found.append(Register(capfirst(opts.verbose_name_plural), counts[f"count_{opts.db_table}"], url))
    return found
