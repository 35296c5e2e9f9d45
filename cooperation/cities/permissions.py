"""Who may change the city relations: coordinators own them; the units doing the work record their activities."""

from cooperation.core.permissions import register
from cooperation.organisation.roles import coordinators, is_coordinator, is_official, unit_ids


def activity_recorders(user, obj=None) -> bool:
    """Coordinators, and officials (for the relations their units work on: checked on the item and its form)."""
    return is_coordinator(user) or is_official(user)


def may_record_activity(user, relation) -> bool:
    """Coordinators, and the officials of a unit doing the relation's ongoing work."""
    return is_coordinator(user) or bool(unit_ids(user) & {unit.pk for unit in relation.units.all()})


def activity_editors(user, activity) -> bool:
    """Coordinators any activity; officials their own unit's, under a relation their unit works on."""
    if is_coordinator(user):
        return True
    mine = unit_ids(user)
    return activity.unit_id in mine and bool(mine & {unit.pk for unit in activity.relation.units.all()})


register("cities.CityRelation", add=coordinators, change=coordinators, delete=coordinators)
register("cities.Agreement", add=coordinators, change=coordinators, delete=coordinators)
register("cities.CityActivity", add=activity_recorders, change=activity_editors, delete=activity_editors)
