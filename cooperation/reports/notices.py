"""Units that have not submitted their account of the year as the deadline nears, counted in working days."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cooperation.core.dates import working_days_between
from cooperation.notices import reminders

from .choices import FollowUpState
from .models import UnitReport


@reminders.register
def accounts_due(today, ahead) -> list:
    tasks = UnitReport.objects.filter(follow_up__state=FollowUpState.OPEN, submitted_at__isnull=True).select_related(
        "follow_up", "unit"
    )
    return [
        reminders.Due("follow_up", f"{task.follow_up_id}:{task.unit_id}", task.follow_up.deadline, task, DUE_LABEL)
        for task in tasks
        if working_days_between(today, task.follow_up.deadline) <= settings.FOLLOW_UP_REMINDER_WORKING_DAYS
    ]


DUE_LABEL = _("Account for the annual follow-up not submitted")
