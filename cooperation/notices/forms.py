from django import forms
from django.utils.translation import gettext_lazy as _

from cooperation.core.forms import DomainModelForm, FkuiFormMixin
from cooperation.organisation.models import Unit
from cooperation.organisation.roles import is_coordinator, unit_ids

from .choices import NoticeState
from .models import Notice

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


class NoticeForm(DomainModelForm):
    """Informing the central office: the area, the unit, what it is about, and a file if there is one."""

    attachment = forms.FileField(label=_("Attachment"), required=False, help_text=_("At most 10 MB."))

    class Meta:
        model = Notice
        fields = ["area", "unit", "summary"]
        help_texts = {"summary": _("What is starting, with whom, and when: enough for the office to see overlaps.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None and not is_coordinator(self.user):
            self.fields["unit"].queryset = Unit.objects.filter(pk__in=unit_ids(self.user))

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload and upload.size > MAX_ATTACHMENT_BYTES:
            raise forms.ValidationError(_("Attachment: the file is larger than 10 MB."))
        return upload


class MoveForm(FkuiFormMixin, forms.Form):
    """One step in the notice's handling, with a comment."""

    state = forms.ChoiceField(choices=NoticeState.choices, widget=forms.HiddenInput)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("state") == NoticeState.INFO_REQUESTED and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Comment: say what information is missing."))
        return cleaned


# The button that moves a notice to each state.
MOVE_LABELS = {
    NoticeState.UNDER_REVIEW: _("Take up for review"),
    NoticeState.ACKNOWLEDGED: _("Acknowledge"),
    NoticeState.INFO_REQUESTED: _("Request more information"),
    NoticeState.CLOSED: _("Close"),
}
ANSWER_LABEL = _("Send the answer")


class DismissForm(FkuiFormMixin, forms.Form):
    """Why a possible synergy is no matter for the central office."""

    reason = forms.CharField(
        label=_("Why is it dismissed?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. the units already work together, or the partner is a different organisation."),
        error_messages={"required": _("Say why the overlap is dismissed.")},
    )
