"""Who may do what in the annual follow-up: coordinators open, assess and compile; a unit's contact person (or,
where it has none, its officials) submits its account; KS records receipt; a committee's people build its report."""

from cooperation.core.permissions import register
from cooperation.organisation.choices import Role
from cooperation.organisation.models import RoleAssignment
from cooperation.organisation.roles import (
    body_ids,
    coordinators,
    coordinators_and_officials,
    has_role,
    is_coordinator,
    unit_ids,
)


def nobody(user, obj=None) -> bool:
    return False


def may_record_receipt(user) -> bool:
    """KS records that it has received the report (administrators may act for it)."""
    return has_role(user, Role.KS, Role.ADMINISTRATOR)


def may_compile(user) -> bool:
    """Coordinators compile the whole portfolio's report; KS may produce it afresh, e.g. in another language."""
    return is_coordinator(user) or has_role(user, Role.KS)


def may_see_task(user, unit_report) -> bool:
    return is_coordinator(user) or unit_report.unit_id in unit_ids(user)


def contact_people(unit_id):
    """The unit's international contact persons' role assignments."""
    return RoleAssignment.objects.filter(role=Role.CONTACT_PERSON, unit_id=unit_id)


def may_submit(user, unit_report) -> bool:
    """The unit's contact person submits its account; a unit without one leaves it to its officials."""
    if unit_report.unit_id not in unit_ids(user):
        return False
    contacts = contact_people(unit_report.unit_id)
    return not contacts.exists() or contacts.filter(user=user).exists()


def may_build_for(user, body) -> bool:
    """A committee's report: its units' contact persons and officials build it, coordinators any committee's."""
    return is_coordinator(user) or (body is not None and body.pk in body_ids(user))


def may_delete_version(user, version) -> bool:
    return is_coordinator(user) and not version.is_frozen


register("reports.FollowUp", add=coordinators, change=coordinators, delete=coordinators)
register("reports.UnitReport", add=coordinators, change=may_submit, delete=coordinators)
register("reports.GoalAssessment", add=coordinators, change=coordinators, delete=coordinators)
register("reports.AreaAssessment", add=coordinators, change=coordinators, delete=coordinators)
# Versions are made by builds only, and never edited afterwards.
register("reports.ReportVersion", add=coordinators_and_officials, change=nobody, delete=may_delete_version)
register("reports.ReportBuild", add=coordinators_and_officials, change=coordinators, delete=coordinators)
