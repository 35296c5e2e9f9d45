"""Every international project is within the coordinated scope: the office is told when one is registered and
when its status changes (Göteborg §4 and 5.3)."""

from django.utils.translation import gettext as _

from cooperation.notices.choices import Area
from cooperation.notices.triggers import Item, register


def summary(project, created: bool, before: dict) -> str | None:
    if created:
        return _("A new international project was registered: {item} ({status}).").format(
            item=project, status=project.get_status_display()
        )
    if before.get("status") != project.status:
        old = dict(type(project)._meta.get_field("status").flatchoices).get(before.get("status"), before.get("status"))
        return _("The project {item} changed status from “{old}” to “{new}”.").format(
            item=project, old=old, new=project.get_status_display()
        )
    return None


register(
    Item("projects.Project", Area.PROJECTS, "project", unit=lambda p: p.owner, summary=summary, watched=("status",))
)
