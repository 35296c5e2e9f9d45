from django.db import models
from django.utils.translation import gettext_lazy as _


class VisitKind(models.TextChoices):
    PROTOCOL = "protocol", _("protocol visit")
    VIP = "vip", _("VIP visit")
    STUDY = "study", _("study visit")
    PROGRAMME_STUDY = "programme_study", _("study visit under a programme")
    OUTGOING_TRIP = "outgoing_trip", _("outgoing trip")
    CONFERENCE = "conference", _("conference")
    JOB_SHADOWING = "job_shadowing", _("job shadowing")


# Visits the central office coordinates; a request that reaches a unit is passed on to it.
COORDINATED_KINDS = frozenset({VisitKind.PROTOCOL, VisitKind.VIP})


class Direction(models.TextChoices):
    INCOMING = "incoming", _("incoming")
    OUTGOING = "outgoing", _("outgoing")


class GiftDirection(models.TextChoices):
    GIVEN = "given", _("given")
    RECEIVED = "received", _("received")


class LegalBasis(models.TextChoices):
    PUBLIC_INTEREST = "public_interest", _("task in the public interest")
    CONSENT = "consent", _("consent")
