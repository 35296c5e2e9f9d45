"""Readers the registers' importers share: the municipality's units, bodies and decisions, currencies."""

from django.utils.translation import gettext_lazy as _

from cooperation.core.models import Currency
from cooperation.organisation.models import Body, Decision, Unit

from .cells import Named

unit = Named(Unit.objects.filter(is_active=True), "name", what=_("unit"))
body = Named(Body.objects.all(), "name", "abbreviation", what=_("committee or board"))
decision = Named(Decision.objects.exclude(case_number=""), "case_number", what=_("decision (case number)"))
currency = Named(Currency.objects.all(), "code", "name_sv", "name_en", what=_("currency"))
