from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from cooperation.core.forms import DomainModelForm, FkuiFormMixin
from cooperation.notices.choices import Area
from cooperation.organisation.choices import Language

from .choices import Verdict
from .models import FollowUp, UnitReport


class FollowUpForm(DomainModelForm):
    class Meta:
        model = FollowUp
        fields = ["year", "deadline", "case_number"]


class UnitReportForm(DomainModelForm):
    """The unit's account of the year; the achievements are required when it is submitted."""

    class Meta:
        model = UnitReport
        fields = ["achieved", "lessons", "next_year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["achieved"].required = True
        self.fields["achieved"].error_messages["required"] = _(
            "What was achieved: write what the unit achieved in the year."
        )


class AssessmentForm(FkuiFormMixin, forms.Form):
    """The coordinator's assessment: a verdict and a text per goal of the policy, a text per coordination area."""

    def __init__(self, *args, goals=(), follow_up=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = list(goals)
        given = {a.goal_id: a for a in follow_up.goal_assessments.all()} if follow_up else {}
        areas = {a.area: a.text for a in follow_up.area_assessments.all()} if follow_up else {}
        for goal in self.goals:
            assessed = given.get(goal.pk)
            self.fields[f"goal_{goal.pk}_verdict"] = forms.ChoiceField(
                label=goal.title,
                choices=[("", _("not assessed")), *Verdict.choices],
                required=False,
                initial=assessed.verdict if assessed else "",
            )
            self.fields[f"goal_{goal.pk}_text"] = forms.CharField(
                label=_("Motivation: {goal}").format(goal=goal.title),
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                initial=assessed.text if assessed else "",
            )
        for value, label in Area.choices:
            self.fields[f"area_{value}"] = forms.CharField(
                label=capfirst(label),
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                initial=areas.get(value, ""),
            )
        for name, field in self.fields.items():
            if name.startswith(("goal_", "area_")):
                self.style(field)

    def goal_fields(self):
        return [field for field in self if field.name.startswith("goal_")]

    def area_fields(self):
        return [field for field in self if field.name.startswith("area_")]

    def clean(self):
        data = super().clean()
        for goal in self.goals:
            if data.get(f"goal_{goal.pk}_text", "").strip() and not data.get(f"goal_{goal.pk}_verdict"):
                self.add_error(
                    f"goal_{goal.pk}_verdict",
                    _("{goal}: choose whether the goal was fulfilled before motivating it.").format(goal=goal.title),
                )
        return data


class BuildForm(FkuiFormMixin, forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices, initial=Language.SWEDISH)


class ReceiptForm(FkuiFormMixin, forms.Form):
    """KS has received the report: its decision, cited as officials cite it."""

    date = forms.DateField(label=_("Date of the decision"))
    paragraph = forms.CharField(label=_("Paragraph (§)"), max_length=20)
    case_number = forms.CharField(label=_("Case number"), max_length=60, required=False)
    kf_date = forms.DateField(
        label=_("Date of the KF decision"),
        required=False,
        help_text=_("Where KS reports the follow-up on to the municipal council."),
    )
    kf_paragraph = forms.CharField(label=_("KF paragraph (§)"), max_length=20, required=False)

    def clean(self):
        data = super().clean()
        if data.get("kf_date") and not data.get("kf_paragraph"):
            self.add_error("kf_paragraph", _("KF paragraph (§): give the paragraph of the KF decision."))
        return data
