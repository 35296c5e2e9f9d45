from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cooperation.core.registry import Register


class CitiesConfig(AppConfig):
    name = "cooperation.cities"
    verbose_name = _("Cities")
    registers = [Register("cities.CityRelation", 30, _("New city relation"))]
