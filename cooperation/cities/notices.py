"""City relations are coordinated: the office is told when one is registered or changes; reviews and agreements
ending are reminded about."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.notices import reminders, synergies
from cooperation.notices.choices import Area
from cooperation.notices.triggers import Item, register

from .choices import RelationStatus
from .models import Agreement, CityRelation


def summary(relation, created: bool, before: dict) -> str:
    return (_("A city relation was registered: {item}.") if created else _("The city relation {item} changed.")).format(
        item=relation
    )


def working_unit(relation):
    """The first of the units doing the ongoing work."""
    return relation.units.order_by("name").first() if relation.pk else None


# Coordinators own the relations: the changes they make are on the relation's history, not sent to their own inbox.
register(
    Item(
        "cities.CityRelation", Area.CITIES, "city_relation", unit=working_unit, summary=summary, skip_coordinators=True
    )
)


@reminders.register
def reviews_and_agreements_due(today, ahead) -> list:
    relations = CityRelation.objects.exclude(status=RelationStatus.ENDED).filter(next_review_on__lte=ahead)
    agreements = Agreement.objects.filter(valid_until__gte=today, valid_until__lte=ahead).select_related("relation")
    return [
        *[reminders.Due("review", f"relation:{r.pk}", r.next_review_on, r, gettext_lazy("Review")) for r in relations],
        *[
            reminders.Due("agreement_end", str(a.pk), a.valid_until, a, gettext_lazy("Agreement ends"))
            for a in agreements
        ],
    ]


synergies.register(
    synergies.Source(
        "cities.CityRelation",
        keys=lambda relation: [synergies.city(relation.city, relation.country)],
        unit=working_unit,
        period=lambda relation: (relation.started_on(), relation.ended_on),
        many=("units",),
    )
)
