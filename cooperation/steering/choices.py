from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    ADOPTED = "adopted", _("adopted")
    SUPERSEDED = "superseded", _("superseded")


class EvaluationOutcome(models.TextChoices):
    CONTINUE = "continue", _("continue")
    CHANGE = "change", _("change")
    LEAVE = "leave", _("leave")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    ONGOING = "ongoing", _("ongoing")
    DONE = "done", _("done")
    POSTPONED = "postponed", _("postponed")
    CANCELLED = "cancelled", _("cancelled")


# The seven fixed sections of a position paper (Göteborg), in order: field name and heading.
SECTIONS = [
    ("purpose", _("Purpose")),
    ("background", _("Background")),
    ("activities", _("Activities and future direction")),
    ("responsibilities", _("Division of responsibility")),
    ("communication", _("Communication")),
    ("financial_conditions", _("Financial conditions")),
    ("evaluation", _("Evaluation and review")),
]
