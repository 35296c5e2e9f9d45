from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cooperation.core.registry import Group, Register


class SteeringConfig(AppConfig):
    name = "cooperation.steering"
    verbose_name = _("Steering documents")
    registers = [
        Register("steering.PositionPaper", 90, _("New position paper"), group=Group.STEERING),
        Register("steering.ActionPlan", 100, _("New action plan"), group=Group.STEERING),
        Register("steering.Evaluation", 110, _("New evaluation"), group=Group.STEERING),
        # the policy is organisation's model; its pages are kept here, with the steering documents
        Register(
            "organisation.Policy", 120, _("New policy"), list_url_name="steering:policy_list", group=Group.STEERING
        ),
    ]
