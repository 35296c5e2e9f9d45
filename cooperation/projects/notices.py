"""Every international project is within the coordinated scope: the office is told when one is registered and
when its status changes (Göteborg §4 and 5.3)."""

from django.utils.translation import gettext as _

from cooperation.notices import synergies
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


def synergy_keys(project) -> list:
    """Its partners and their cities, each partner country abroad with its Agenda 2030 goals, and its EU programme's
    call. Its network and city relation are not keys: a project says itself that it works within them."""
    kinds = synergies.SynergyKind
    partners = list(project.partners.all())
    goals = list(project.sdgs.all())
    keys = [synergies.Key(kinds.PARTNER, partner.name) for partner in partners]
    keys += [synergies.city(partner.city, partner.country) for partner in partners]
    for country in {partner.country.code: partner.country for partner in partners}.values():
        keys += synergies.country_themes(country, goals)
    if project.programme_id and project.call:
        label = f"{project.programme}, {project.call}"
        keys.append(synergies.Key(kinds.CALL, f"{project.programme.name} {project.call}", label))
    return keys


synergies.register(
    synergies.Source(
        "projects.Project",
        keys=synergy_keys,
        unit=lambda project: project.owner,
        period=lambda project: (project.start_date, project.end_date),
        rows={"projects.ProjectPartner": "project"},
        many=("sdgs",),
        related=("partners", "sdgs", "programme", "owner"),
    )
)
