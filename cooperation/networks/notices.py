"""Memberships of common interest are coordinated: the office is told when one is registered or changes, and when a
membership becomes or stops being one. Sector-specific memberships are evaluated once per term of office."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.notices import reminders, synergies
from cooperation.notices.choices import Area
from cooperation.notices.triggers import Item, register

from .choices import MembershipKind
from .models import Membership


def summary(membership, created: bool, before: dict) -> str | None:
    if membership.kind == MembershipKind.COMMON_INTEREST or before.get("kind") == MembershipKind.COMMON_INTEREST:
        return (
            _("A membership of common interest was registered: {item}.")
            if created
            else _("The membership of common interest in {item} changed.")
        ).format(item=membership)
    return None


# Changes the office makes itself are on the membership's history, not sent to its own inbox.
register(
    Item(
        "networks.Membership",
        Area.NETWORKS,
        "membership",
        unit=lambda membership: membership.unit,
        summary=summary,
        skip_coordinators=True,
    )
)


@reminders.register
def evaluations_due(today, ahead) -> list:
    memberships = Membership.objects.active(today).with_last_evaluation().select_related("organisation")
    return [
        reminders.Due("evaluation", str(m.pk), m.evaluation_due_on, m, gettext_lazy("Evaluation of a membership"))
        for m in memberships
        if m.evaluation_due_on and m.evaluation_due_on <= ahead
    ]


synergies.register(
    synergies.Source(
        "networks.Membership",
        keys=lambda membership: [synergies.network(membership.organisation)],
        unit=lambda membership: membership.unit,
        period=lambda membership: (membership.member_since, membership.member_until),
        related=("organisation", "unit"),
    )
)
