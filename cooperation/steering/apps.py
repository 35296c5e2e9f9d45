from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cooperation.core.registry import Register


class SteeringConfig(AppConfig):
    name = "cooperation.steering"
    verbose_name = _("Steering documents")
    registers = [
        Register("steering.PositionPaper", 90),
        Register("steering.ActionPlan", 100),
        Register("steering.Evaluation", 110),
        # the policy is organisation's model; its pages are kept here, with the steering documents
        Register("organisation.Policy", 120, list_url_name="steering:policy_list"),
    ]
