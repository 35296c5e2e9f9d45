"""Who may change a visit, and who reads the names of a delegation's members (DOMAIN.md section 5)."""

from django.utils.translation import gettext_lazy as _

from cooperation.core.permissions import register, register_filter
from cooperation.organisation.roles import (
    coordinators,
    coordinators_and_officials,
    is_coordinator,
    sees_personal_data_of_all,
    unit_ids,
)

from .choices import COORDINATED_KINDS


def visit_editors(user, visit) -> bool:
    if is_coordinator(user):
        return True
    if visit.kind in COORDINATED_KINDS:  # protocol and VIP visits: a unit registers the request, the office runs it
        return False
    return bool(visit.host_unit_ids() & unit_ids(user))


def may_see_delegation(user, visit) -> bool:
    return sees_personal_data_of_all(user) or bool(visit.host_unit_ids() & unit_ids(user))


def delegates_visible(user, queryset):
    """Delegation members' names are for the host units, coordinators, KS and KF."""
    if sees_personal_data_of_all(user):
        return queryset
    return queryset.filter(visit__hosts__unit__in=unit_ids(user)).distinct()


visit_editors.who = _(
    "the host units' officials and the central office's coordinators (protocol and VIP visits: the coordinators only)"
)

register("visits.Visit", add=coordinators_and_officials, change=visit_editors, delete=coordinators)
register_filter("visits.DelegationMember", delegates_visible)
