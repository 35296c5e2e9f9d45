from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class YearForm(forms.Form):
    """The year the start page's figures show; anything but a plausible year shows this year."""

    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100, required=False)

    def chosen(self) -> int:
        if self.is_valid() and self.cleaned_data["year"]:
            return self.cleaned_data["year"]
        return timezone.localdate().year
