from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from cooperation.core.forms import DomainModelForm
from cooperation.organisation.forms import own_units
from cooperation.organisation.roles import is_coordinator, unit_ids

from .choices import RelationStatus
from .models import Agreement, CityActivity, CityRelation

FIELDSETS = [
    (_("The relation"), ["city", "country", "kind", "status", "since_year", "description", "next_review_on"]),
    (_("Decisions"), ["decision", "established_before_register"]),
    (_("The work"), ["responsible_body", "units", "priority_areas"]),
    (
        _("Meetings"),
        [
            "last_incoming_meeting_on",
            "last_outgoing_meeting_on",
            "next_incoming_meeting_on",
            "next_outgoing_meeting_on",
        ],
    ),
    (_("Goals"), ["goals", "sdgs"]),
    (
        _("Before the cooperation starts"),
        ["benefit_risk_analysis", "partner_choice_grounds", "democracy_considerations"],
    ),
]
END_FIELDS = ["ended_on", "end_reason", "end_decision"]
ENDED_FIELDSET = (_("Ended"), END_FIELDS)

END_DECISION_HELP = _(
    "Only the municipal council (KF) can end a twin town; the executive board (KS) decides on partner cities."
)


class PostsUnits:
    """Gives the relation the units this form posts, so the activities posted with it are checked against them."""

    def clean(self):
        cleaned = super().clean()
        if "units" in cleaned:
            self.instance.posted_unit_ids = {unit.pk for unit in cleaned["units"]}
        return cleaned


class CityRelationForm(PostsUnits, DomainModelForm):
    class Meta:
        model = CityRelation
        fields = [name for _title, names in FIELDSETS for name in names] + END_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            # A new relation is recorded with its decision; the flag is for relations already in the register.
            del self.fields["established_before_register"]
        own_units(self)
        if self.instance.status == RelationStatus.ENDED:
            # An ended relation's end date, reason and decision can be corrected here.
            self.fields["end_decision"].help_text = END_DECISION_HELP
        else:
            # A relation is ended through its End page, which asks for the date, the reason and the decision.
            for name in END_FIELDS:
                del self.fields[name]
            status = self.fields["status"]
            status.choices = [choice for choice in status.choices if choice[0] != RelationStatus.ENDED]
            status.help_text = _("To end the relation, use End on its page.")


class CityRelationEndForm(DomainModelForm):
    """Ending a relation: the date, why, and the decision (KF for a twin town)."""

    class Meta:
        model = CityRelation
        fields = END_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ended_on"].required = True
        self.fields["end_reason"].required = True
        self.fields["end_decision"].help_text = END_DECISION_HELP

    def clean(self):
        # The model's rules (a twin town is ended by KF) read the status: check them as the relation will be saved.
        self.instance.status = RelationStatus.ENDED
        return super().clean()


class AgreementForm(DomainModelForm):
    class Meta:
        model = Agreement
        fields = ["kind", "title", "decision", "signed_on", "valid_from", "valid_until", "priority_areas"]


class AgreementRows(BaseInlineFormSet):
    """Agreement rows checked against the relation as this form posts it, saved or not."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        # Agreement.clean reads the relation: give it the one being edited, with the kind this page posts.
        form.instance.relation = self.instance
        return form


class ActivityForm(DomainModelForm):
    class Meta:
        model = CityActivity
        fields = [
            "kind",
            "title",
            "unit",
            "participating_units",
            "start_date",
            "end_date",
            "participants",
            "cost",
            "video_conferencing_considered",
            "description",
        ]


class OneActivityForm(ActivityForm):
    """One activity on a page of its own, by one of the units doing the ongoing work under the relation: officials
    choose among their own units of those, coordinators among all of them."""

    def __init__(self, *args, relation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.relation = relation or self.instance.relation
        units = self.fields["unit"].queryset.filter(pk__in=self.instance.relation.units.values("pk"))
        if self.user is not None and not is_coordinator(self.user):
            units = units.filter(pk__in=unit_ids(self.user))
        self.fields["unit"].queryset = units


AgreementFormSet = inlineformset_factory(
    CityRelation, Agreement, form=AgreementForm, formset=AgreementRows, extra=1, can_delete=True
)
ActivityFormSet = inlineformset_factory(CityRelation, CityActivity, form=ActivityForm, extra=1, can_delete=True)
