"""Who may do what to which item: the responsibility matrix of DOMAIN.md sections 1, 2 and 5, declared once.

Everyone signed in reads every register (offentlighetsprincipen); what differs is who may add, change, end and
delete, and who may read the personal data of delegation members. Views ask `allowed(user, action, obj)` and
narrow querysets with `visible(user, queryset)`; nothing else in the code decides these questions.
"""

from collections.abc import Callable
from enum import StrEnum

from django.db.models import Model, QuerySet

from cooperation.organisation.choices import COMMITTEE_KINDS, UNIT_ROLES, BodyKind, Role


class Action(StrEnum):
    VIEW = "view"
    ADD = "add"
    CHANGE = "change"
    END = "end"
    DELETE = "delete"


def roles(user) -> set[str]:
    """The user's roles, read once per request."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_roles_cache"):
        assignments = list(user.role_assignments.values_list("role", "unit_id", "unit__body_id", "unit__body__kind"))
        user._roles_cache = {role for role, *_rest in assignments}
        user._units_cache = {unit for role, unit, *_rest in assignments if unit and role in UNIT_ROLES}
        user._bodies_cache = {
            body for role, _unit, body, kind in assignments if body and role in UNIT_ROLES and kind in COMMITTEE_KINDS
        }
        if user.is_superuser:
            user._roles_cache.add(Role.ADMINISTRATOR)
    return user._roles_cache


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


# --- the matrix: for each register, who may add, and who may change an item ---------------------------------


def _coordinators(user, obj=None) -> bool:
    return is_coordinator(user)


def _coordinators_and_officials(user, obj=None) -> bool:
    return is_coordinator(user) or is_official(user)


def _project_editors(user, project) -> bool:
    return is_coordinator(user) or project.owner_id in unit_ids(user)


def _membership_editors(user, membership) -> bool:
    from cooperation.networks.choices import MembershipKind

    if is_coordinator(user):
        return True
    return membership.kind == MembershipKind.SECTOR_SPECIFIC and membership.unit_id in unit_ids(user)


def _visit_editors(user, visit) -> bool:
    from cooperation.visits.choices import COORDINATED_KINDS

    if is_coordinator(user):
        return True
    if visit.kind in COORDINATED_KINDS:  # protocol and VIP visits: a unit registers the request, the office runs it
        return False
    return bool(visit.host_unit_ids() & unit_ids(user))


def _consultation_editors(user, consultation) -> bool:
    return is_coordinator(user) or consultation.unit_id in unit_ids(user)


def _decision_editors(user, decision) -> bool:
    """Coordinators record any decision; KS users KS decisions, KF users KF decisions, officials their nämnd's."""
    if is_coordinator(user):
        return True
    kind = decision.body.kind
    if kind in (BodyKind.EXECUTIVE_BOARD, BodyKind.WORKING_COMMITTEE):
        return has_role(user, Role.KS)
    if kind in (BodyKind.COUNCIL, BodyKind.COUNCIL_PRESIDIUM):
        return has_role(user, Role.KF)
    return kind in COMMITTEE_KINDS and decision.body_id in body_ids(user)


def _decision_recorders(user, obj=None) -> bool:
    return is_coordinator(user) or has_role(user, Role.KS, Role.KF) or bool(body_ids(user))


def _draft_editors(user, version) -> bool:
    """Only a draft is edited, by coordinators; an adopted version is frozen."""
    from cooperation.steering.choices import VersionStatus

    return is_coordinator(user) and version.status == VersionStatus.DRAFT


def may_adopt(user, version) -> bool:
    """The executive board adopts position papers: only KS users record the adoption."""
    from cooperation.steering.choices import VersionStatus

    return has_role(user, Role.KS, Role.ADMINISTRATOR) and version.status == VersionStatus.DRAFT


def sees_drafts(user) -> bool:
    return has_role(user, Role.COORDINATOR, Role.ADMINISTRATOR, Role.KS)


class Rule:
    """Who may add items to a register and who may change one item; ending follows change, deleting is for
    coordinators and administrators."""

    def __init__(self, add: Callable, change: Callable):
        self.add = add
        self.change = change


RULES: dict[str, Rule] = {
    "cities.cityrelation": Rule(add=_coordinators, change=_coordinators),
    "cities.agreement": Rule(add=_coordinators, change=_coordinators),
    "networks.organisation": Rule(add=_coordinators_and_officials, change=_coordinators),
    "networks.membership": Rule(add=_coordinators_and_officials, change=_membership_editors),
    "networks.declaration": Rule(add=_coordinators, change=_coordinators),
    "projects.project": Rule(add=_coordinators_and_officials, change=_project_editors),
    "visits.visit": Rule(add=_coordinators_and_officials, change=_visit_editors),
    "consultations.consultation": Rule(add=_coordinators_and_officials, change=_consultation_editors),
    "organisation.decision": Rule(add=_decision_recorders, change=_decision_editors),
    "notices.notice": Rule(add=_coordinators_and_officials, change=_coordinators),
    "steering.positionpaper": Rule(add=_coordinators, change=_coordinators),
    "steering.positionpaperversion": Rule(add=_coordinators, change=_draft_editors),
    "steering.actionplan": Rule(add=_coordinators, change=_coordinators),
    "steering.evaluation": Rule(add=_coordinators, change=_coordinators),
    "organisation.policy": Rule(add=_coordinators, change=_coordinators),
}


def rule_for(model) -> Rule:
    return RULES[model._meta.label_lower]


def allowed(user, action: Action, obj_or_model) -> bool:
    """May `user` do `action` to this item (or, for ADD, to this register)?"""
    if not user.is_authenticated:
        return False
    is_model = isinstance(obj_or_model, type)
    model = obj_or_model if is_model else type(obj_or_model)
    if action == Action.VIEW:
        return True
    rule = rule_for(model)
    if action == Action.ADD:
        return rule.add(user)
    if is_model:
        raise TypeError(f"{action} needs an item, not a register")
    if action == Action.DELETE:
        return is_coordinator(user)
    return rule.change(user, obj_or_model)  # CHANGE and END


def visible(user, queryset: QuerySet) -> QuerySet:
    """The rows of `queryset` the user may read: the registers are public; delegation members' names are for the
    host units, coordinators, KS and KF; coordination notices for the raising unit, coordinators and KS."""
    from cooperation.notices.models import Notice
    from cooperation.visits.models import DelegationMember

    if queryset.model is DelegationMember and not sees_personal_data_of_all(user):
        return queryset.filter(visit__hosts__unit__in=unit_ids(user)).distinct()
    if queryset.model is Notice and not has_role(user, Role.COORDINATOR, Role.ADMINISTRATOR, Role.KS):
        return queryset.filter(unit__in=unit_ids(user))
    if queryset.model._meta.label_lower == "steering.positionpaperversion" and not sees_drafts(user):
        return queryset.exclude(status="draft")
    return queryset


def sees_notices(user) -> bool:
    return has_role(user, Role.COORDINATOR, Role.ADMINISTRATOR, Role.KS) or is_official(user)


def may_move_notice(user, notice, state: str) -> bool:
    """The office moves a notice along; the raising unit answers when more information is requested."""
    from cooperation.notices.choices import NoticeState

    if not notice.can_move_to(state):
        return False
    if is_coordinator(user):
        return True
    answering = notice.state == NoticeState.INFO_REQUESTED and state == NoticeState.UNDER_REVIEW
    return answering and notice.unit_id in unit_ids(user)


def may_see_delegation(user, visit) -> bool:
    return sees_personal_data_of_all(user) or bool(visit.host_unit_ids() & unit_ids(user))


def permission_flags(user, obj: Model) -> dict[str, bool]:
    """What the detail page may offer this user."""
    can_change = allowed(user, Action.CHANGE, obj)
    return {"can_change": can_change, "can_end": can_change, "can_delete": allowed(user, Action.DELETE, obj)}
