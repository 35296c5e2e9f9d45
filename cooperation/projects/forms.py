from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from cooperation.core.forms import DomainModelForm
from cooperation.organisation.forms import own_units
from cooperation.organisation.models import Unit
from cooperation.organisation.roles import is_coordinator, unit_ids

from .choices import ProjectStatus
from .models import Project, ProjectFinance, ProjectPartner, ProjectTeamMember

FIELDSETS = [
    (_("The project"), ["title", "acronym", "status", "description", "aim", "case_number"]),
    (_("Responsibility"), ["owner", "participating_units", "contact", "role", "decision"]),
    (_("Funding"), ["funding_source", "programme", "call", "icld_phase"]),
    (_("Dates"), ["start_date", "end_date"]),
    (
        _("Budget"),
        [
            "currency",
            "exchange_rate",
            "total_budget",
            "municipality_share",
            "external_funding",
            "own_contribution_cash",
            "own_contribution_in_kind",
        ],
    ),
    (
        _("Before the cooperation starts"),
        [
            "benefit_risk_analysis",
            "partner_choice_grounds",
            "democracy_considerations",
            "video_conferencing_considered",
            "travel_considerations",
        ],
    ),
    (_("Goals and links"), ["goals", "sdgs", "city_relation", "membership"]),
    (_("Results"), ["results"]),
    (_("Publication"), ["published", "public_summary_sv", "public_summary_en"]),
]
# Only coordinators decide what the public sees: the fields are not in anyone else's form, so a post cannot set them.
PUBLICATION_FIELDS = ["published", "public_summary_sv", "public_summary_en"]


class ProjectForm(DomainModelForm):
    class Meta:
        model = Project
        fields = [name for _title, names in FIELDSETS for name in names]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None and not is_coordinator(self.user):
            # An official registers projects for the units they work in.
            self.fields["owner"].queryset = Unit.objects.filter(pk__in=unit_ids(self.user))
        if self.user is None or not is_coordinator(self.user):
            for name in PUBLICATION_FIELDS:
                del self.fields[name]
        own_units(self)


class ProjectEndForm(DomainModelForm):
    """Closing a project: the end date and why."""

    class Meta:
        model = Project
        fields = ["end_date", "end_reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = True

    def save(self, commit=True):
        self.instance.status = ProjectStatus.CLOSED
        return super().save(commit)


class PartnerForm(DomainModelForm):
    class Meta:
        model = ProjectPartner
        fields = ["name", "city", "country", "kind", "is_lead"]


class TeamMemberForm(DomainModelForm):
    class Meta:
        model = ProjectTeamMember
        fields = ["name", "title", "side", "role"]


PartnerFormSet = inlineformset_factory(Project, ProjectPartner, form=PartnerForm, extra=1, can_delete=True)
TeamFormSet = inlineformset_factory(Project, ProjectTeamMember, form=TeamMemberForm, extra=1, can_delete=True)


class FinanceForm(DomainModelForm):
    class Meta:
        model = ProjectFinance
        fields = [
            "year",
            "source",
            "programme",
            "applied_for",
            "granted",
            "granted_on",
            "paid_out",
            "own_contribution_cash",
            "own_contribution_in_kind",
            "costs",
        ]


class FinanceRows(BaseInlineFormSet):
    """The yearly finance rows, checked together against the project's totals as this page posts both; the edit
    page and the admin use it alike."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The rows are checked here, as a whole, rather than one by one against the rows stored before.
        self.instance.finances_posted = True

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        rows = [
            form.instance
            for form in self.forms
            if (form.has_changed() or form.instance.pk) and not self._should_delete_form(form)
        ]
        messages = [message for _total, _row, message in self.instance.finance_problems(rows)]
        if messages:
            raise ValidationError(messages)


FinanceFormSet = inlineformset_factory(
    Project, ProjectFinance, form=FinanceForm, formset=FinanceRows, extra=1, can_delete=True
)
