"""A consultation linked to an EU initiative must reach the central office (DOMAIN.md 2.3), also when the
initiative is added to it later."""

from django.utils.translation import gettext as _

from cooperation.notices.choices import Area
from cooperation.notices.triggers import Item, register


def summary(consultation, created: bool, before: dict) -> str | None:
    linked_before = bool(before.get("eu_initiative", "").strip())
    if consultation.concerns_eu_initiative and (created or not linked_before):
        return _("A consultation linked to the EU initiative “{initiative}” was registered: {item}.").format(
            initiative=consultation.eu_initiative, item=consultation
        )
    return None


register(
    Item(
        "consultations.Consultation",
        Area.MONITORING,
        "consultation",
        unit=lambda consultation: consultation.unit,
        summary=summary,
        watched=("eu_initiative",),
    )
)
