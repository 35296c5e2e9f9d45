"""Reviews coming due: adopted position papers, the project work's evaluation and the policy's revision."""

from django.utils.translation import gettext_lazy as _

from cooperation.notices import reminders
from cooperation.organisation.models import Policy

from .choices import VersionStatus
from .models import Evaluation, PositionPaperVersion


@reminders.register
def reviews_due(today, ahead) -> list:
    papers = PositionPaperVersion.objects.filter(status=VersionStatus.ADOPTED, next_review_on__lte=ahead)
    items = [
        reminders.Due("review", f"paper:{v.pk}", v.next_review_on, v, _("Review"))
        for v in papers.select_related("paper")
    ]
    project_work = Evaluation.objects.filter(is_project_work=True).order_by("-date").first()
    if project_work and project_work.next_due_on and project_work.next_due_on <= ahead:
        items.append(reminders.Due("review", "project_work", project_work.next_due_on, project_work, _("Review")))
    policies = Policy.objects.filter(next_revision_on__lte=ahead)
    items += [reminders.Due("review", f"policy:{p.pk}", p.next_revision_on, p, _("Review")) for p in policies]
    return items
