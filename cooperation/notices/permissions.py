"""Who reads and moves coordination notices: the raising unit, coordinators and KS."""

from django.utils.translation import gettext_lazy as _

from cooperation.core.permissions import register, register_filter
from cooperation.organisation.choices import Role
from cooperation.organisation.roles import coordinators, coordinators_and_officials, has_role, is_coordinator, unit_ids

from .choices import NoticeState


def reads_all_notices(user) -> bool:
    return has_role(user, Role.COORDINATOR, Role.ADMINISTRATOR, Role.KS)


def sees_notices(user) -> bool:
    return reads_all_notices(user) or bool(unit_ids(user))


sees_notices.who = _("the officials of a unit, the central office's coordinators, KS and the administrators")


def notices_visible(user, queryset):
    return queryset if reads_all_notices(user) else queryset.filter(unit__in=unit_ids(user))


def may_move_notice(user, notice, state: str) -> bool:
    """The office moves a notice along; the raising unit answers when more information is requested."""
    if not notice.can_move_to(state):
        return False
    if is_coordinator(user):
        return True
    answering = notice.state == NoticeState.INFO_REQUESTED and state == NoticeState.UNDER_REVIEW
    return answering and notice.unit_id in unit_ids(user)


register("notices.Notice", add=coordinators_and_officials, change=coordinators, delete=coordinators, view=sees_notices)
register_filter("notices.Notice", notices_visible)


def found_by_the_finder(user, obj=None) -> bool:
    """Overlaps are found by the synergy finder, not written by anyone."""
    return False


# The possible synergies are the central office's to weigh; a coordinator dismisses one with a reason.
register("notices.Overlap", add=found_by_the_finder, change=coordinators, delete=found_by_the_finder, view=coordinators)
