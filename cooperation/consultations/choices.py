from django.db import models
from django.utils.translation import gettext_lazy as _


class Origin(models.TextChoices):
    COMMISSION = "commission", _("European Commission open consultation")
    GOVERNMENT = "government", _("Government Offices (Regeringskansliet)")
    OWN_INITIATIVE = "own_initiative", _("the municipality's own initiative")
    OTHER = "other", _("other")


class ConsultationStatus(models.TextChoices):
    RECEIVED = "received", _("received")
    IN_PROGRESS = "in_progress", _("in progress")
    ANSWERED = "answered", _("answered")
    NOT_ANSWERED = "not_answered", _("not answered")
