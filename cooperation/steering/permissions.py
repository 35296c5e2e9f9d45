"""Who may change the steering documents: coordinators; KS adopts position papers; a member unit's officials record
their sector-specific memberships' evaluations (the nämnd owns them)."""

from cooperation.core.permissions import register, register_filter
from cooperation.organisation.choices import Role
from cooperation.organisation.roles import coordinators, coordinators_and_officials, has_role, is_coordinator, unit_ids

from .choices import VersionStatus


def draft_editors(user, version) -> bool:
    """Only a draft is edited, by coordinators; an adopted version is frozen."""
    return is_coordinator(user) and version.status == VersionStatus.DRAFT


def may_adopt(user, version) -> bool:
    """The executive board adopts position papers: only KS users record the adoption."""
    return has_role(user, Role.KS, Role.ADMINISTRATOR) and version.status == VersionStatus.DRAFT


def sees_drafts(user) -> bool:
    return has_role(user, Role.COORDINATOR, Role.ADMINISTRATOR, Role.KS)


def drafts_visible(user, queryset):
    return queryset if sees_drafts(user) else queryset.exclude(status=VersionStatus.DRAFT)


def evaluation_editors(user, evaluation) -> bool:
    """Coordinators any evaluation; the member unit's officials their sector-specific membership's."""
    if is_coordinator(user):
        return True
    membership = evaluation.membership
    return membership is not None and membership.is_sector_specific and membership.unit_id in unit_ids(user)


register("steering.PositionPaper", add=coordinators, change=coordinators, delete=coordinators)
register("steering.PositionPaperVersion", add=coordinators, change=draft_editors, delete=coordinators)
register("steering.ActionPlan", add=coordinators, change=coordinators, delete=coordinators)
register("steering.Evaluation", add=coordinators_and_officials, change=evaluation_editors, delete=coordinators)
register_filter("steering.PositionPaperVersion", drafts_visible)
