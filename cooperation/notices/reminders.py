"""What is coming due or overdue, and the reminders about it: each sent once, however often the command runs."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction

from cooperation.cities.choices import RelationStatus
from cooperation.cities.models import Agreement, CityRelation
from cooperation.networks.models import Membership
from cooperation.organisation.models import Policy
from cooperation.steering.models import Evaluation, PositionPaperVersion

from .models import Notice, Reminder
from .services import office_addresses, send


@dataclass
class Due:
    kind: str
    key: str
    due_on: datetime.date
    item: object


def due_items(today: datetime.date) -> list[Due]:
    """Unanswered notices, evaluations and reviews, and agreements ending, that need a reminder today."""
    ahead = today + datetime.timedelta(days=settings.REMINDER_DAYS_AHEAD)
    items = [
        Due("notice", str(n.pk), n.answer_due_on(), n) for n in Notice.objects.overdue(today).select_related("unit")
    ]
    for membership in Membership.objects.active(today).with_last_evaluation().select_related("organisation"):
        due = membership.evaluation_due_on
        if due and due <= ahead:
            items.append(Due("evaluation", str(membership.pk), due, membership))
    relations = CityRelation.objects.exclude(status=RelationStatus.ENDED).filter(next_review_on__lte=ahead)
    items += [Due("review", f"relation:{r.pk}", r.next_review_on, r) for r in relations]
    papers = PositionPaperVersion.objects.filter(status="adopted", next_review_on__lte=ahead).select_related("paper")
    items += [Due("review", f"paper:{v.pk}", v.next_review_on, v) for v in papers]
    project_work = Evaluation.objects.filter(is_project_work=True).order_by("-date").first()
    if project_work and project_work.next_due_on and project_work.next_due_on <= ahead:
        items.append(Due("review", "project_work", project_work.next_due_on, project_work))
    policies = Policy.objects.filter(next_revision_on__lte=ahead)
    items += [Due("review", f"policy:{p.pk}", p.next_revision_on, p) for p in policies]
    agreements = Agreement.objects.filter(valid_until__gte=today, valid_until__lte=ahead).select_related("relation")
    items += [Due("agreement_end", str(a.pk), a.valid_until, a) for a in agreements]
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
