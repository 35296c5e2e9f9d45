"""A user's roles and units, read once per request, and the small predicates the apps' permission rules use."""

from django.utils.translation import gettext_lazy as _

from .choices import COMMITTEE_KINDS, UNIT_ROLES, Role


def roles(user) -> set[str]:
    """The user's roles, read once per request."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_roles_cache"):
        rows = list(user.role_assignments.select_related("unit__body").order_by("role", "unit__name"))
        user._assignments_cache = rows
        user._roles_cache = {row.role for row in rows}
        user._units_cache = {row.unit_id for row in rows if row.unit_id and row.role in UNIT_ROLES}
        user._bodies_cache = {
            row.unit.body_id
            for row in rows
            if row.unit_id and row.unit.body_id and row.role in UNIT_ROLES and row.unit.body.kind in COMMITTEE_KINDS
        }
        if user.is_superuser:
            user._roles_cache.add(Role.ADMINISTRATOR)
    return user._roles_cache


def assignments(user) -> list:
    """The user's role assignments with their units, by role and unit name (the start page and the profile list
    them), read with the roles."""
    roles(user)
    return getattr(user, "_assignments_cache", [])


def unit_ids(user) -> set[int]:
    """The units the user acts for as case officer or contact person."""
    roles(user)
    return getattr(user, "_units_cache", set())


def body_ids(user) -> set[int]:
    """The committees and company boards the user's units answer to (not KS, for the central office)."""
    roles(user)
    return getattr(user, "_bodies_cache", set())


def has_role(user, *wanted: str) -> bool:
    return bool(roles(user).intersection(wanted))


def is_coordinator(user) -> bool:
    """Coordinators (and administrators) read and edit everything."""
    return has_role(user, Role.COORDINATOR, Role.ADMINISTRATOR)


def is_official(user) -> bool:
    return bool(unit_ids(user))


def sees_personal_data_of_all(user) -> bool:
    """Coordinators see every delegation; KS and KF read what a coordinator reads."""
    return has_role(user, Role.COORDINATOR, Role.ADMINISTRATOR, Role.KS, Role.KF)


# The predicates most rules are made of, in the shape core.permissions.register() takes.


def coordinators(user, obj=None) -> bool:
    return is_coordinator(user)


def coordinators_and_officials(user, obj=None) -> bool:
    return is_coordinator(user) or is_official(user)


# Who each predicate lets in, named on the refusal page (core.permissions.who_may).
coordinators.who = _("the central office's coordinators and the administrators")
coordinators_and_officials.who = _("the officials of a unit and the central office's coordinators")
