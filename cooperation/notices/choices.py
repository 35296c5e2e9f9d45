from django.db import models
from django.utils.translation import gettext_lazy as _


class Area(models.TextChoices):
    """The five coordination areas (Göteborg 5.3)."""

    CITIES = "cities", _("cities")
    NETWORKS = "networks", _("organisations and networks")
    MONITORING = "monitoring", _("monitoring and advocacy")
    PROJECTS = "projects", _("international projects")
    VISITS = "visits", _("visits")


class NoticeState(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    UNDER_REVIEW = "under_review", _("under review")
    ACKNOWLEDGED = "acknowledged", _("acknowledged")
    INFO_REQUESTED = "info_requested", _("more information requested")
    CLOSED = "closed", _("closed")


# The moves a notice may make: the office reviews it, acknowledges it or asks for more, the submitter answers.
TRANSITIONS = {
    NoticeState.SUBMITTED: {NoticeState.UNDER_REVIEW, NoticeState.CLOSED},
    NoticeState.UNDER_REVIEW: {NoticeState.ACKNOWLEDGED, NoticeState.INFO_REQUESTED, NoticeState.CLOSED},
    NoticeState.INFO_REQUESTED: {NoticeState.UNDER_REVIEW, NoticeState.CLOSED},
    NoticeState.ACKNOWLEDGED: {NoticeState.CLOSED},
    NoticeState.CLOSED: set(),
}

OPEN_STATES = frozenset({NoticeState.SUBMITTED, NoticeState.UNDER_REVIEW, NoticeState.INFO_REQUESTED})


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    STATE_CHANGED = "state_changed", _("state changed")
    ANSWERED = "answered", _("the unit answered")  # the raising unit's answer to a request for more information
    ASSIGNED = "assigned", _("assigned")
    COMMENT = "comment", _("comment")
    ITEM_CHANGED = "item_changed", _("the item changed")


# What happened, as a step of the trail says it: by the move's new state (the unit's answer has its own kind).
MOVE_TITLES = {
    NoticeState.UNDER_REVIEW: _("The central office took up the notice"),
    NoticeState.ACKNOWLEDGED: _("The central office acknowledged the notice"),
    NoticeState.INFO_REQUESTED: _("The central office asked for more information"),
    NoticeState.CLOSED: _("The central office closed the notice"),
}
EVENT_TITLES = {
    EventKind.SUBMITTED: _("The notice was sent"),
    EventKind.ANSWERED: _("The unit answered"),
    EventKind.ASSIGNED: _("A coordinator took charge of the notice"),
    EventKind.COMMENT: _("Comment"),
    EventKind.ITEM_CHANGED: _("The item was changed"),
}


class SynergyKind(models.TextChoices):
    """What two units' items may share, which the central office should know of (Göteborg §4: "to secure
    synergies")."""

    PARTNER = "partner", _("the same partner")
    CITY = "city", _("the same city")
    COUNTRY_THEME = "country_theme", _("the same country and theme")
    NETWORK = "network", _("the same network")
    CALL = "call", _("the same EU programme and call")
