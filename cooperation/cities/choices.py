from django.db import models
from django.utils.translation import gettext_lazy as _


class RelationKind(models.TextChoices):
    TWIN_TOWN = "twin_town", _("twin town")
    PARTNER_CITY = "partner_city", _("partner city")
    SISTER_CITY = "sister_city", _("sister city")
    ISSUE_SPECIFIC = "issue_specific", _("issue-specific cooperation")
    CONTACT = "contact", _("established contact")


# Visitors from these relations are the municipality's partners (Göteborg: no fee for Green Gothenburg visits).
PARTNER_KINDS = frozenset({RelationKind.TWIN_TOWN, RelationKind.PARTNER_CITY, RelationKind.SISTER_CITY})


class RelationStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    DORMANT = "dormant", _("dormant")
    ENDED = "ended", _("ended")


class AgreementKind(models.TextChoices):
    TWIN_TOWN = "twin_town", _("twin-town agreement")
    PARTNER_CITY = "partner_city", _("partner-city agreement")
    MEMORANDUM = "memorandum", _("memorandum of understanding")
    SISTER_CITY = "sister_city", _("sister-city declaration of intent")
    COOPERATION = "cooperation", _("cooperation agreement")


class ActivityKind(models.TextChoices):
    MEETING = "meeting", _("meeting")
    VISIT = "visit", _("visit")
    EXCHANGE = "exchange", _("exchange")
    CONFERENCE = "conference", _("conference")
    DIGITAL_MEETING = "digital_meeting", _("digital meeting")
    OTHER = "other", _("other")
