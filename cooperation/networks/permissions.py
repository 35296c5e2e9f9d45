"""Who may change the networks register: coordinators, and a member unit's officials its sector-specific memberships."""

from cooperation.core.permissions import register
from cooperation.organisation.roles import coordinators, coordinators_and_officials, is_coordinator, unit_ids

from .choices import MembershipKind


def membership_editors(user, membership) -> bool:
    if is_coordinator(user):
        return True
    return membership.kind == MembershipKind.SECTOR_SPECIFIC and membership.unit_id in unit_ids(user)


register("networks.Organisation", add=coordinators_and_officials, change=coordinators, delete=coordinators)
register("networks.Membership", add=coordinators_and_officials, change=membership_editors, delete=coordinators)
register("networks.Declaration", add=coordinators, change=coordinators, delete=coordinators)
