from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from cooperation.core.forms import DomainModelForm
from cooperation.organisation.forms import own_units
from cooperation.organisation.models import Unit
from cooperation.organisation.roles import is_coordinator, unit_ids

from .choices import MembershipKind
from .models import Declaration, Membership, MembershipFee, Organisation, Representative

ORGANISATION_FIELDSETS = [
    (_("The organisation"), ["name", "acronym", "country", "website", "description"]),
]

MEMBERSHIP_FIELDSETS = [
    (_("The membership"), ["organisation", "kind", "unit", "units", "member_since", "purpose"]),
    (_("Decision"), ["decision"]),
    (_("Money"), ["annual_fee", "fee_currency", "fee_basis", "other_costs", "other_costs_description"]),
    (_("Evaluation"), ["next_review_on"]),
    (_("Goals"), ["goals", "sdgs"]),
    (
        _("Before the membership is decided"),
        ["benefit_risk_analysis", "partner_choice_grounds", "democracy_considerations", "travel_considerations"],
    ),
]


class OrganisationForm(DomainModelForm):
    class Meta:
        model = Organisation
        fields = [name for _title, names in ORGANISATION_FIELDSETS for name in names]


class DeclarationForm(DomainModelForm):
    class Meta:
        model = Declaration
        fields = ["title", "status", "proposed_on", "decision", "summary"]


DeclarationFormSet = inlineformset_factory(Organisation, Declaration, form=DeclarationForm, extra=1, can_delete=True)


class MembershipForm(DomainModelForm):
    class Meta:
        model = Membership
        fields = [name for _title, names in MEMBERSHIP_FIELDSETS for name in names]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.select_related("body")
        if self.user is not None and not is_coordinator(self.user):
            # An official registers sector-specific memberships of the units they work in; memberships of common
            # interest are the coordinators'.
            user_units = Unit.objects.filter(pk__in=unit_ids(self.user)).select_related("body")
            self.fields["unit"].queryset = user_units
            self.fields["kind"].choices = [(MembershipKind.SECTOR_SPECIFIC, MembershipKind.SECTOR_SPECIFIC.label)]
            if self.instance.pk is None:
                self.initial["kind"] = MembershipKind.SECTOR_SPECIFIC
                if len(unit_ids(self.user)) == 1 and not self.initial.get("unit"):
                    self.initial["unit"] = next(iter(unit_ids(self.user)))
        self.fields["decision"].help_text = _(
            "A membership of common interest: the decision of KF or KS. A sector-specific membership: the decision "
            "of the member unit's own committee or board."
        )
        own_units(self)


class MembershipEndForm(DomainModelForm):
    """Ending a membership: the last day, why, and the decision to end it where there is one."""

    class Meta:
        model = Membership
        fields = ["member_until", "end_reason", "end_decision"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member_until"].required = True
        self.fields["end_reason"].required = True
        self.fields["end_decision"].queryset = self.fields["end_decision"].queryset.select_related("body")


class RepresentativeForm(DomainModelForm):
    class Meta:
        model = Representative
        fields = ["name", "position", "start_date", "end_date"]


RepresentativeFormSet = inlineformset_factory(
    Membership, Representative, form=RepresentativeForm, extra=1, can_delete=True
)


class FeeForm(DomainModelForm):
    class Meta:
        model = MembershipFee
        fields = ["year", "amount", "currency", "paid_on"]


FeeFormSet = inlineformset_factory(Membership, MembershipFee, form=FeeForm, extra=1, can_delete=True)
