"""Who may change a project: the owning unit's officials and coordinators."""

from django.utils.translation import gettext_lazy as _

from cooperation.core.permissions import register
from cooperation.organisation.roles import coordinators, coordinators_and_officials, is_coordinator, unit_ids


def project_editors(user, project) -> bool:
    return is_coordinator(user) or project.owner_id in unit_ids(user)


project_editors.who = _("the owning unit's officials and the central office's coordinators")

register("projects.Project", add=coordinators_and_officials, change=project_editors, delete=coordinators)
