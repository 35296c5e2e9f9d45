from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cooperation.core.registry import Group, Register


class ReportsConfig(AppConfig):
    name = "cooperation.reports"
    verbose_name = _("Reports")
    registers = [Register("reports.FollowUp", 130, _("Open the follow-up of a year"), group=Group.FOLLOW_UP)]
