from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cooperation.core.registry import Register


class ProjectsConfig(AppConfig):
    name = "cooperation.projects"
    verbose_name = _("International projects")
    registers = [Register("projects.Project", 10, _("New project"))]
