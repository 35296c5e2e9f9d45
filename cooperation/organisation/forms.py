from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cooperation.core.forms import DomainModelForm

from .choices import COMMITTEE_KINDS, BodyKind, Role
from .models import Body, Decision, Unit, get_municipality
from .roles import body_ids, has_role, is_coordinator


def own_units(form):
    """Every unit choice of `form` offers only the units of the installation's municipality."""
    municipality = get_municipality()
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is not None and queryset.model is Unit:
            field.queryset = queryset.filter(municipality=municipality)


FIELDSETS = [
    (_("The citation"), ["body", "date", "paragraph", "case_number"]),
    (_("The decision"), ["title", "summary", "document_url"]),
]


def recordable_bodies(user):
    """The bodies whose decisions `user` may record: coordinators any; KS users KS and KSAU; KF users KF and its
    presidium; officials their units' committees and boards (the same answer as the permission rule)."""
    bodies = Body.objects.all()
    if is_coordinator(user):
        return bodies
    condition = Q(pk__in=[])
    if has_role(user, Role.KS):
        condition |= Q(kind__in=[BodyKind.EXECUTIVE_BOARD, BodyKind.WORKING_COMMITTEE])
    if has_role(user, Role.KF):
        condition |= Q(kind__in=[BodyKind.COUNCIL, BodyKind.COUNCIL_PRESIDIUM])
    condition |= Q(pk__in=body_ids(user), kind__in=COMMITTEE_KINDS)
    return bodies.filter(condition)


class DecisionForm(DomainModelForm):
    class Meta:
        model = Decision
        fields = [name for _title, names in FIELDSETS for name in names]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            # A body outside this set is refused as an invalid choice, whatever the browser posts.
            self.fields["body"].queryset = recordable_bodies(self.user)

    def validate_unique(self):
        """The unique citation is a rule over three fields: show its message beside the paragraph."""
        super().validate_unique()
        constraint = next(c for c in Decision._meta.constraints if c.name == "decision_unique_citation")
        message = str(constraint.get_violation_error_message())
        general = self._errors.get(NON_FIELD_ERRORS, [])
        if message in general:
            remaining = [error for error in general if error != message]
            del self._errors[NON_FIELD_ERRORS]
            if remaining:
                self.add_error(None, remaining)
            self.add_error("paragraph", message)
