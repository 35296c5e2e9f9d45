"""Who records which decisions, and who changes the policy."""

from cooperation.core.permissions import register

from .choices import COMMITTEE_KINDS, BodyKind, Role
from .roles import body_ids, coordinators, has_role, is_coordinator


def decision_editors(user, decision) -> bool:
    """Coordinators record any decision; KS users KS decisions, KF users KF decisions, officials their nämnd's."""
    if is_coordinator(user):
        return True
    kind = decision.body.kind
    if kind in (BodyKind.EXECUTIVE_BOARD, BodyKind.WORKING_COMMITTEE):
        return has_role(user, Role.KS)
    if kind in (BodyKind.COUNCIL, BodyKind.COUNCIL_PRESIDIUM):
        return has_role(user, Role.KF)
    return kind in COMMITTEE_KINDS and decision.body_id in body_ids(user)


def decision_recorders(user, obj=None) -> bool:
    return is_coordinator(user) or has_role(user, Role.KS, Role.KF) or bool(body_ids(user))


register("organisation.Decision", add=decision_recorders, change=decision_editors, delete=coordinators)
register("organisation.Policy", add=coordinators, change=coordinators, delete=coordinators)
