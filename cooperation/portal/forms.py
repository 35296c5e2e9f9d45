from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.core.forms import FkuiFormMixin


class YearForm(forms.Form):
    """The year the start page's figures show; anything but a plausible year shows this year."""

    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100, required=False)

    def chosen(self) -> int:
        if self.is_valid() and self.cleaned_data["year"]:
            return self.cleaned_data["year"]
        return timezone.localdate().year


MAX_WORDS = 10


class SearchForm(FkuiFormMixin, forms.Form):
    """The header's search: words, and where a register and a year narrow it."""

    empty_choice = _("All registers")

    q = forms.CharField(label=_("Search for"), max_length=200, required=False)
    register = forms.ChoiceField(label=_("Register"), required=False)
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2200, required=False)

    def __init__(self, data, registers, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["register"].choices = [("", self.empty_choice), *((each.key, each.label) for each in registers)]
        self.fields["register"].error_messages["invalid_choice"] = _("There is no register “%(value)s” to search.")

    def clean_q(self) -> list[str]:
        words = self.cleaned_data["q"].split()
        if len(words) > MAX_WORDS:
            raise forms.ValidationError(
                _("Search for at most %(count)d words at a time."), code="too_many", params={"count": MAX_WORDS}
            )
        return words
