"""Goals the year's items serve: the Agenda 2030 goals touched, and the items linked to each goal of the policy."""

from django.db.models import Count, F

from cooperation.core.models import SustainableDevelopmentGoal
from cooperation.organisation.models import PolicyGoal

from . import cities, memberships, projects, visits
from .scope import name_field

# The registers whose items link to goals: how the report names each, and its year's items.
REGISTERS = {
    "projects": lambda year, units: projects.ran(year, units),
    "visits": lambda year, units: visits.of_year(year, units),
    "memberships": lambda year, units: memberships.active(year, units),
    "city_relations": lambda year, units: cities.active(year, units),
}
TITLES = {"projects": "title", "visits": "title", "memberships": "organisation__name", "city_relations": "city"}


def links(year: int, units, relation: str):
    """Per register, the (goal, item) pairs of the year's items through their `relation` (sdgs or goals)."""
    for register, items in REGISTERS.items():
        model = items(year, units).model
        through = model._meta.get_field(relation).remote_field.through
        item_field = model._meta.model_name
        goal_field = next(
            f.name for f in through._meta.get_fields() if f.is_relation and f.name != item_field and f.name != "id"
        )
        pairs = through.objects.filter(**{f"{item_field}__in": items(year, units).values("pk")})
        yield register, item_field, goal_field, pairs


def agenda2030(year: int, units=None) -> list[dict]:
    """Per Agenda 2030 goal the year's items serve: how many of each register's items."""
    counts: dict[int, dict] = {}
    for register, item_field, goal_field, pairs in links(year, units, "sdgs"):
        for row in pairs.values(goal=F(f"{goal_field}_id")).annotate(n=Count(item_field, distinct=True)):
            counts.setdefault(row["goal"], dict.fromkeys(REGISTERS, 0))[register] = row["n"]
    names = dict(SustainableDevelopmentGoal.objects.filter(pk__in=counts).values_list("number", name_field()))
    return [{"number": number, "name": names[number], **counts[number]} for number in sorted(counts)]


def policy_goals(year: int, units=None, policy=None) -> list[dict]:
    """Each goal and sub-goal of `policy`, in order, with the year's items linked to it (register and title)."""
    if policy is None:
        return []
    goals = list(PolicyGoal.objects.filter(policy=policy).values("pk", "title", "kind", "parent_id", "order"))
    linked: dict[int, list[tuple[str, str]]] = {goal["pk"]: [] for goal in goals}
    for register, item_field, goal_field, pairs in links(year, units, "goals"):
        title = f"{item_field}__{TITLES[register]}"
        for goal, item in pairs.filter(**{f"{goal_field}__policy": policy}).values_list(f"{goal_field}_id", title):
            linked[goal].append((register, item))
    return [{**goal, "items": sorted(linked[goal["pk"]])} for goal in ordered(goals)]


def ordered(goals: list[dict]) -> list[dict]:
    """Goals in the policy's order, each followed by its sub-goals, with their depth."""
    children: dict = {}
    for goal in goals:
        children.setdefault(goal["parent_id"], []).append(goal)
    result = []

    def walk(parent, depth):
        for goal in sorted(children.get(parent, []), key=lambda g: (g["order"], g["title"])):
            result.append({**goal, "depth": depth})
            walk(goal["pk"], depth + 1)

    walk(None, 0)
    return result
