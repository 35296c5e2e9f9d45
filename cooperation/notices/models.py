"""Coordination notices: the central office is informed of activities within the coordinated areas."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Length
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cooperation.core.dates import add_working_days, last_start_due_by
from cooperation.core.models import sort_indexes
from cooperation.organisation.roles import is_coordinator

from .choices import EVENT_TITLES, MOVE_TITLES, OPEN_STATES, TRANSITIONS, Area, EventKind, NoticeState, SynergyKind

ITEM_FIELDS = ("project", "visit", "membership", "city_relation", "consultation")


class NoticeQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def overdue(self, today=None):
        """Submitted and not taken up by its answer's due day (`Notice.answer_due_on`), as `is_overdue` says."""
        cutoff = last_start_due_by(today or timezone.localdate(), settings.NOTICE_ANSWER_WORKING_DAYS)
        # the day in Stockholm, as `submitted_on` reads it: before the day after the cutoff begins there
        after_cutoff = datetime.datetime.combine(cutoff + datetime.timedelta(days=1), datetime.time())
        return self.filter(
            state=NoticeState.SUBMITTED,
            created_at__lt=timezone.make_aware(after_cutoff, timezone.get_default_timezone()),
        )


class Notice(models.Model):
    """A coordination notice (samordningsanmälan) about one item, or free-standing."""

    number = models.CharField(_("number"), max_length=20, unique=True, editable=False)
    area = models.CharField(_("coordination area"), max_length=20, choices=Area.choices)
    unit = models.ForeignKey("organisation.Unit", models.PROTECT, related_name="notices", verbose_name=_("unit"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="submitted_notices",
        verbose_name=_("submitted by"),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_notices",
        verbose_name=_("handled by"),
    )
    summary = models.TextField(_("summary"))
    state = models.CharField(_("state"), max_length=20, choices=NoticeState.choices, default=NoticeState.SUBMITTED)
    is_automatic = models.BooleanField(_("raised automatically"), default=False)
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    first_answered_at = models.DateTimeField(_("first answered at"), null=True, blank=True, editable=False)
    project = models.ForeignKey(
        "projects.Project", models.CASCADE, null=True, blank=True, related_name="notices", verbose_name=_("project")
    )
    visit = models.ForeignKey(
        "visits.Visit", models.CASCADE, null=True, blank=True, related_name="notices", verbose_name=_("visit")
    )
    membership = models.ForeignKey(
        "networks.Membership",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name=_("membership"),
    )
    city_relation = models.ForeignKey(
        "cities.CityRelation",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name=_("city relation"),
    )
    consultation = models.ForeignKey(
        "consultations.Consultation",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name=_("consultation"),
    )
    history = HistoricalRecords()

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("coordination notice")
        verbose_name_plural = _("coordination notices")
        indexes = sort_indexes("notice", "created_at", "area", "state")

    def __str__(self):
        return f"{self.number}: {self.summary[:60]}"

    def save(self, *args, **kwargs):
        if self.number:
            return super().save(*args, **kwargs)
        for attempt in range(5):  # two notices raised at once may draw the same number: draw again
            self.number = self.next_number(self.submitted_on.year)
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                self.number = ""
                if attempt == 4:
                    raise

    def get_absolute_url(self):
        return reverse("notices:notice_detail", args=[self.pk])

    def clean(self):
        chosen = [field for field in ITEM_FIELDS if getattr(self, f"{field}_id")]
        if len(chosen) > 1:
            raise ValidationError({chosen[1]: _("Concerns: a notice concerns one item at most.")})

    @property
    def item(self):
        return next((getattr(self, field) for field in ITEM_FIELDS if getattr(self, f"{field}_id")), None)

    @staticmethod
    def next_number(year: int) -> str:
        """The year and a running number, as the office refers to notices: 2026-041."""
        last = (
            Notice.objects.filter(number__startswith=f"{year}-")
            .order_by(Length("number").desc(), "-number")
            .values_list("number", flat=True)
            .first()
        )
        sequence = int(last.split("-")[1]) + 1 if last else 1
        return f"{year}-{sequence:03d}"

    @property
    def submitted_on(self) -> datetime.date:
        """The day it was submitted in Stockholm: a notice sent 00:30 on 1 January is of the new year."""
        return timezone.localdate(self.created_at, timezone.get_default_timezone())

    def answer_due_on(self) -> datetime.date:
        """The day the office's answer is due: the configured number of working days after the notice came."""
        return add_working_days(self.submitted_on, settings.NOTICE_ANSWER_WORKING_DAYS)

    def is_overdue(self, today=None) -> bool:
        return self.state == NoticeState.SUBMITTED and (today or timezone.localdate()) >= self.answer_due_on()

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def can_move_to(self, state: str) -> bool:
        return state in TRANSITIONS[NoticeState(self.state)]

    @transaction.atomic
    def move_to(self, state: str, actor, comment: str = "") -> "NoticeEvent":
        """Move the notice to `state`, recording who, when and why; illegal moves are refused."""
        if not self.can_move_to(state):
            raise ValidationError(
                {
                    "state": _("State: a notice cannot go from “{current}” to “{new}”.").format(
                        current=self.get_state_display(), new=NoticeState(state).label
                    )
                }
            )
        answering = self.state == NoticeState.INFO_REQUESTED and actor is not None and not is_coordinator(actor)
        event = self.events.create(
            kind=EventKind.ANSWERED if answering else EventKind.STATE_CHANGED,
            actor=actor,
            from_state=self.state,
            to_state=state,
            comment=comment,
        )
        self.state = state
        if self.first_answered_at is None:  # the first move is always the office's: its first answer
            self.first_answered_at = event.created_at
        self._history_user = actor
        self.save(update_fields=["state", "first_answered_at"])
        return event

    @transaction.atomic
    def assign(self, user):
        """A coordinator takes the notice; the trail says so."""
        self.assigned_to = user
        self._history_user = user
        self.save(update_fields=["assigned_to"])
        self.events.create(kind=EventKind.ASSIGNED, actor=user)


class NoticeEvent(models.Model):
    """One step in a notice's trail: who did what, when, with a comment."""

    notice = models.ForeignKey(Notice, models.CASCADE, related_name="events", verbose_name=_("notice"))
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)
    from_state = models.CharField(_("from"), max_length=20, choices=NoticeState.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=20, choices=NoticeState.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("notice event")
        verbose_name_plural = _("notice events")

    def __str__(self):
        return f"{self.notice.number} {self.get_kind_display()} {timezone.localtime(self.created_at):%Y-%m-%d %H:%M}"

    @property
    def title(self) -> str:
        """What happened, in words: "The unit answered", "The central office took up the notice" …"""
        if self.kind == EventKind.STATE_CHANGED and self.to_state in MOVE_TITLES:
            return MOVE_TITLES[self.to_state]
        if self.kind == EventKind.SUBMITTED and self.actor_id is None:
            return _("The notice was raised automatically")
        return EVENT_TITLES.get(self.kind, self.get_kind_display())


class NoticeAttachment(models.Model):
    """A file sent with a notice."""

    notice = models.ForeignKey(Notice, models.CASCADE, related_name="attachments", verbose_name=_("notice"))
    file = models.FileField(_("file"), upload_to="notices/%Y/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.file.name.rsplit("/", 1)[-1]


class Reminder(models.Model):
    """A reminder that was sent, so that running the reminder command twice sends nothing twice."""

    kind = models.CharField(_("kind"), max_length=40)
    key = models.CharField(_("about"), max_length=100)
    due_on = models.DateField(_("due on"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    recipients = models.TextField(_("recipients"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [models.UniqueConstraint(fields=["kind", "key", "due_on"], name="reminder_sent_once")]

    def __str__(self):
        return f"{self.kind} {self.key} {self.due_on}"


class SynergyKey(models.Model):
    """What an item offers for finding synergies: one row per partner, city, country and theme, network or call,
    with the item's unit and period (notices.synergies keeps them). Derived from the item, so it keeps no history:
    it is rebuilt from the item whenever the item or its rows change."""

    item_type = models.ForeignKey("contenttypes.ContentType", models.CASCADE, related_name="+")
    item_id = models.PositiveBigIntegerField()
    unit = models.ForeignKey("organisation.Unit", models.CASCADE, null=True, blank=True, related_name="+")
    kind = models.CharField(max_length=20, choices=SynergyKind.choices)
    key = models.CharField(max_length=300)  # normalised: no case, accents, punctuation or filler words
    label = models.CharField(max_length=300)  # as the item spells it
    starts = models.DateField(null=True, blank=True)
    ends = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["kind", "key"], name="synergykey_kind_key"),
            models.Index(fields=["item_type", "item_id"], name="synergykey_item"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.label}"


class Overlap(models.Model):
    """Two units' items that share a partner, a city, a country and theme, a network or a call in overlapping
    periods: open until a coordinator dismisses it with a reason."""

    kind = models.CharField(_("kind"), max_length=20, choices=SynergyKind.choices)
    label = models.CharField(_("shared"), max_length=300)
    first_type = models.ForeignKey("contenttypes.ContentType", models.CASCADE, related_name="+")
    first_id = models.PositiveBigIntegerField()
    second_type = models.ForeignKey("contenttypes.ContentType", models.CASCADE, related_name="+")
    second_id = models.PositiveBigIntegerField()
    first = GenericForeignKey("first_type", "first_id")
    second = GenericForeignKey("second_type", "second_id")
    # the items' units when the overlap was found, for the lists that name them without reading every item
    first_unit = models.ForeignKey(
        "organisation.Unit", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("unit")
    )
    second_unit = models.ForeignKey(
        "organisation.Unit", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("other unit")
    )
    found_at = models.DateTimeField(_("found at"), default=timezone.now)
    dismissed_at = models.DateTimeField(_("dismissed at"), null=True, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dismissed by"),
    )
    reason = models.TextField(_("reason"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-found_at", "-pk"]
        verbose_name = _("possible synergy")
        verbose_name_plural = _("possible synergies")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "first_type", "first_id", "second_type", "second_id"], name="overlap_once"
            ),
            models.CheckConstraint(
                condition=models.Q(dismissed_at__isnull=True) | ~models.Q(reason=""),
                name="overlap_dismissed_with_reason",
                violation_error_message=_("Say why the overlap is dismissed."),
            ),
        ]
        indexes = [
            models.Index(fields=["first_type", "first_id"], name="overlap_first"),
            models.Index(fields=["second_type", "second_id"], name="overlap_second"),
            models.Index(fields=["dismissed_at", "-found_at"], name="overlap_open"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.label}"

    @property
    def is_open(self) -> bool:
        return self.dismissed_at is None

    def shared(self) -> str:
        """What the two items share, as a person reads it: the same partner “Nordic Urban Lab”."""
        return gettext("{kind} “{label}”").format(kind=self.get_kind_display(), label=self.label)


# The closest overlaps first: a shared partner or call says more than a shared country and theme.
WEIGHT = [SynergyKind.PARTNER, SynergyKind.CALL, SynergyKind.NETWORK, SynergyKind.CITY, SynergyKind.COUNTRY_THEME]


def by_weight(overlaps):
    """Overlaps with the closest kinds first, each kind newest first."""
    rank = models.Case(
        *(models.When(kind=kind, then=models.Value(place)) for place, kind in enumerate(WEIGHT)),
        output_field=models.IntegerField(),
    )
    return overlaps.alias(weight=rank).order_by("weight", "-found_at", "-pk")
