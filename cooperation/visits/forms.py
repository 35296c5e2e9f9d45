from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from cooperation.core.forms import DomainModelForm
from cooperation.organisation.forms import own_units
from cooperation.organisation.roles import is_coordinator, unit_ids

from .choices import COORDINATED_KINDS
from .models import DelegationMember, Gift, Visit, VisitHost, main_host_errors

FIELDSETS = [
    (_("The visit"), ["title", "kind", "direction", "start_date", "end_date"]),
    (_("Who"), ["visiting_organisation", "city", "country", "delegation_size", "requested_bodies"]),
    (_("Programme and purpose"), ["purpose", "topics", "programme"]),
    (_("Practical"), ["interpreter", "language", "press", "cost", "currency"]),
    (
        _("Outgoing trips"),
        [
            "own_participants",
            "representatives",
            "approved_by",
            "video_conferencing_considered",
            "travel_considerations",
        ],
    ),
    (_("Links"), ["city_relation", "membership", "project"]),
    (_("Goals"), ["goals", "sdgs"]),
    (_("Follow-up"), ["follow_up"]),
]


class VisitForm(DomainModelForm):
    class Meta:
        model = Visit
        fields = [name for _title, names in FIELDSETS for name in names]

    def clean_kind(self):
        """Protocol and VIP visits are the central office's to run: a unit registers a new one as a request, but
        does not turn its own visit into one (it would then lose the visit it hosts)."""
        kind = self.cleaned_data.get("kind")
        stored = self.instance.kind if self.instance.pk else None
        changed_into = stored is not None and kind in COORDINATED_KINDS and stored not in COORDINATED_KINDS
        if changed_into and self.user is not None and not is_coordinator(self.user):
            raise ValidationError(
                _(
                    "Kind: only the central office makes a visit a protocol or VIP visit. Keep the kind and use "
                    "“Inform the central office” on the visit's page: the office takes it over from there."
                )
            )
        return kind


class VisitHostForm(DomainModelForm):
    class Meta:
        model = VisitHost
        fields = ["unit", "is_main"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        own_units(self)

    def has_changed(self):
        # A new row pre-filled with the official's own unit counts even when it is left as it is.
        return super().has_changed() or (self.instance.pk is None and bool(self.initial.get("unit")))


class BaseVisitHostFormSet(BaseInlineFormSet):
    """Host units as a whole: where several units host, exactly one is the main host. An official registering a
    new visit finds their own unit in the first row."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.form_kwargs.get("user")
        if self.instance.pk is None and not self.initial_extra and user is not None and not is_coordinator(user):
            self.initial_extra = [{"unit": unit} for unit in sorted(unit_ids(user))[:1]]

    def kept_forms(self):
        """The filled-in rows that are not being deleted."""
        return [form for form in self.forms if form.cleaned_data and not self._should_delete_form(form)]

    def clean(self):
        super().clean()
        errors = main_host_errors(
            (form.cleaned_data.get("unit"), form.cleaned_data.get("is_main", False)) for form in self.kept_forms()
        )
        if errors:
            raise ValidationError(errors)

    def kept_unit_ids(self) -> set[int]:
        return {form.cleaned_data["unit"].pk for form in self.kept_forms() if form.cleaned_data.get("unit")}


class DelegationMemberForm(DomainModelForm):
    class Meta:
        model = DelegationMember
        fields = ["name", "title", "organisation"]


class GiftForm(DomainModelForm):
    class Meta:
        model = Gift
        fields = ["direction", "description", "counterpart", "value"]


HostFormSet = inlineformset_factory(
    Visit, VisitHost, form=VisitHostForm, formset=BaseVisitHostFormSet, extra=1, can_delete=True
)
DelegationFormSet = inlineformset_factory(Visit, DelegationMember, form=DelegationMemberForm, extra=1, can_delete=True)
GiftFormSet = inlineformset_factory(Visit, Gift, form=GiftForm, extra=1, can_delete=True)
