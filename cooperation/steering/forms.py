from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from cooperation.core.dates import next_term_end
from cooperation.core.forms import DomainModelForm, FkuiFormMixin
from cooperation.organisation.models import Policy, PolicyGoal, get_municipality
from cooperation.organisation.roles import is_coordinator, unit_ids

from .choices import SECTIONS
from .models import ActionPlan, ActionPlanActivity, Evaluation, PositionPaper, PositionPaperVersion

SUBJECT_FIELDS = ["city_relation", "membership", "is_project_work"]


class PositionPaperForm(DomainModelForm):
    class Meta:
        model = PositionPaper
        fields = ["title", *SUBJECT_FIELDS]
        help_texts = {"title": _("E.g. Position paper for the partnership with Gdańsk.")}


class VersionForm(DomainModelForm):
    """The draft's seven sections, each edited in its own field."""

    class Meta:
        model = PositionPaperVersion
        fields = [name for name, _heading in SECTIONS]
        widgets = {name: forms.Textarea(attrs={"rows": 8}) for name, _heading in SECTIONS}


class AdoptForm(FkuiFormMixin, forms.Form):
    """KS adopts the draft: the decision as officials cite it, and when the paper is next reviewed."""

    date = forms.DateField(label=_("Date of the decision"))
    paragraph = forms.CharField(label=_("Paragraph (§)"), max_length=20)
    case_number = forms.CharField(label=_("Case number"), max_length=60, required=False)
    next_review_on = forms.DateField(
        label=_("Next review"), required=False, help_text=_("Evaluation and review as the executive board decides.")
    )


class ActionPlanForm(DomainModelForm):
    class Meta:
        model = ActionPlan
        fields = [
            "title",
            *SUBJECT_FIELDS,
            "start_date",
            "end_date",
            "goals",
            "priorities",
            "feedback_routines",
            "political_check_in",
            "cooperation_partners",
        ]


class ActivityForm(DomainModelForm):
    class Meta:
        model = ActionPlanActivity
        fields = ["title", "responsible_unit", "responsible_actor", "start_date", "end_date", "status", "description"]


ActivityFormSet = inlineformset_factory(ActionPlan, ActionPlanActivity, form=ActivityForm, extra=1, can_delete=True)


class EvaluationForm(DomainModelForm):
    """An evaluation; for a sector-specific membership the next one is due by the end of the next term of office.

    The nämnd owns a sector-specific membership's evaluation: an official records it for their own units'
    memberships, and only those; coordinators record any evaluation."""

    SUBJECTS = ["city_relation", "membership", "position_paper", "policy", "is_project_work"]

    class Meta:
        model = Evaluation
        fields = [
            "city_relation",
            "membership",
            "position_paper",
            "policy",
            "is_project_work",
            "date",
            "conclusions",
            "outcome",
            "decision",
            "next_due_on",
        ]
        help_texts = {
            "next_due_on": _(
                "From the executive board's decision; leave empty for a sector-specific "
                "membership, which is due once per term of office."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None and not is_coordinator(self.user):
            for name in self.SUBJECTS:
                if name != "membership":
                    del self.fields[name]
            membership = self.fields["membership"]
            membership.required = True
            membership.queryset = membership.queryset.sector_specific().filter(unit__in=unit_ids(self.user))

    def clean(self):
        cleaned = super().clean()
        membership, day = cleaned.get("membership"), cleaned.get("date")
        if membership and day and not cleaned.get("next_due_on") and membership.is_sector_specific:
            self.instance.next_due_on = cleaned["next_due_on"] = next_term_end(day)
        return cleaned


class PolicyForm(DomainModelForm):
    class Meta:
        model = Policy
        fields = [
            "title",
            "kind",
            "decision",
            "valid_from",
            "valid_until",
            "next_revision_on",
            "version",
            "published_on",
            "document_owner",
            "document_responsible",
            "summary",
            "document_url",
            "no_new_twin_towns",
            "requires_cooperation_analysis",
            "requires_travel_considerations",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.municipality_id:  # one municipality's portfolio per installation
            self.instance.municipality = get_municipality()


class GoalForm(DomainModelForm):
    class Meta:
        model = PolicyGoal
        fields = ["order", "kind", "title", "description", "parent"]


GoalFormSet = inlineformset_factory(Policy, PolicyGoal, form=GoalForm, fk_name="policy", extra=1, can_delete=True)
