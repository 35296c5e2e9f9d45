"""What is coming due or overdue, and the reminders about it: each sent once, however often the command runs.

The notices themselves are reminded about here; each register declares what else comes due in its notices.py
(`register(source)`, where `source(today, ahead)` returns its Due items).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from .models import Notice, Reminder
from .services import office_addresses, send


@dataclass
class Due:
    kind: str  # with `key` and `due_on`, what makes a reminder the same one however often it is sent
    key: str
    due_on: datetime.date
    item: object
    label: str = ""  # what is due, for the mail: "Review", "Agreement ends"


SOURCES: list[Callable[[datetime.date, datetime.date], list[Due]]] = []


def register(source: Callable[[datetime.date, datetime.date], list[Due]]):
    """Declare a source of reminders; usable as a decorator."""
    SOURCES.append(source)
    return source


def due_items(today: datetime.date) -> list[Due]:
    """Unanswered notices, and what the registers say needs a reminder today."""
    ahead = today + datetime.timedelta(days=settings.REMINDER_DAYS_AHEAD)
    overdue = Notice.objects.overdue(today).select_related("unit")
    items = [Due("notice", str(n.pk), n.answer_due_on(), n, _("Coordination notice not answered")) for n in overdue]
    for source in SOURCES:
        items += source(today, ahead)
    return items


def send_reminders(today: datetime.date) -> list[Due]:
    """Remind the central office of what is due and not reminded about yet; return what was sent."""
    recipients = office_addresses()
    fresh = []
    for item in due_items(today):
        try:
            with transaction.atomic():
                Reminder.objects.create(
                    kind=item.kind, key=item.key, due_on=item.due_on, recipients=", ".join(recipients)
                )
        except IntegrityError:  # reminded already
            continue
        fresh.append(item)
    if fresh:
        send("reminders", recipients, settings.LANGUAGE_CODE, {"items": fresh, "today": today})
    return fresh
