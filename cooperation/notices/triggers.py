"""When the policy says the central office must know (Göteborg §4 and 5.3): the automatic notices.

A project within scope is registered or changes lifecycle status; a protocol or VIP visit is registered by a
unit; a consultation linked to an EU initiative is registered; a membership of common interest or a city
relation is registered or changes. Every international project is within scope: that is what the register holds.
"""

from django.utils.translation import gettext as _

from cooperation.core.permissions import is_coordinator
from cooperation.networks.choices import MembershipKind
from cooperation.visits.choices import COORDINATED_KINDS

from . import services


def summary_for(obj, created: bool, before: dict) -> str | None:
    """What the office is told about `obj`, or None where the policy asks nothing."""
    label = obj._meta.label_lower
    if label == "projects.project":
        if created:
            return _("A new international project was registered: {item} ({status}).").format(
                item=obj, status=obj.get_status_display()
            )
        if before.get("status") != obj.status:
            old = dict(type(obj)._meta.get_field("status").flatchoices).get(before.get("status"), before.get("status"))
            return _("The project {item} changed status from “{old}” to “{new}”.").format(
                item=obj, old=old, new=obj.get_status_display()
            )
    elif label == "visits.visit":
        if created and obj.kind in COORDINATED_KINDS:
            return _("A request for a {kind} was registered: {item}.").format(kind=obj.get_kind_display(), item=obj)
    elif label == "consultations.consultation":
        if created and obj.concerns_eu_initiative:
            return _("A consultation linked to the EU initiative “{initiative}” was registered: {item}.").format(
                initiative=obj.eu_initiative, item=obj
            )
    elif label == "networks.membership":
        if obj.kind == MembershipKind.COMMON_INTEREST or before.get("kind") == MembershipKind.COMMON_INTEREST:
            return (
                _("A membership of common interest was registered: {item}.")
                if created
                else _("The membership of common interest in {item} changed.")
            ).format(item=obj)
    elif label == "cities.cityrelation":
        return (
            _("A city relation was registered: {item}.") if created else _("The city relation {item} changed.")
        ).format(item=obj)
    return None


def notify(obj, user, created: bool, before: dict | None = None):
    """Raise or add to the notice about `obj` where the policy asks for one; return (notice, is_new) or None.

    Protocol and VIP visits are raised when a unit registers them; the office registering its own needs no
    notice to itself."""
    summary = summary_for(obj, created, before or {})
    if summary is None:
        return None
    if obj._meta.label_lower == "visits.visit" and is_coordinator(user):
        return None
    notice, is_new = services.raise_automatically(obj, user, summary)
    return (notice, is_new) if notice else None
