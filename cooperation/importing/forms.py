from django import forms
from django.utils.translation import gettext_lazy as _

from cooperation.core.forms import FkuiFormMixin

from .spec import NOT_IMPORTED, year_in


class UploadForm(FkuiFormMixin, forms.Form):
    file = forms.FileField(
        label=_("The file"),
        help_text=_("CSV or Excel (.xlsx), with a header row; title rows above it are skipped."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )


class ColumnsForm(FkuiFormMixin, forms.Form):
    """Which of the register's columns each of the file's columns is; none twice, the required ones present."""

    def __init__(self, *args, batch, importer, **kwargs):
        super().__init__(*args, **kwargs)
        self.batch, self.importer = batch, importer
        options = [("", NOT_IMPORTED)] + [
            (
                column.key,
                _("{name} (the year from the header)").format(name=column.name) if column.yearly else column.name,
            )
            for column in importer.columns
        ]
        for column in batch.mapping:
            name = f"column_{column['index']}"
            self.fields[name] = forms.ChoiceField(
                label=column["header"] or _("Column {number} (no header)").format(number=column["index"] + 1),
                choices=options,
                required=False,
                initial=column["key"],
                help_text=_("First row: “{value}”").format(value=column["sample"]) if column.get("sample") else "",
            )
            self.style(self.fields[name])

    def clean(self):
        cleaned = super().clean()
        used = {}
        for column in self.batch.mapping:
            name = f"column_{column['index']}"
            key = cleaned.get(name, "")
            spec = self.importer.column(key) if key else None
            if spec is None:
                continue
            if spec.yearly:
                year = year_in(column["header"])
                if year is None:
                    self.add_error(
                        name,
                        _(
                            "“{header}” gives no year: a yearly column's header ends with its year, e.g. “{example}”."
                        ).format(header=column["header"], example=f"{spec.header} 2025"),
                    )
                    continue
                key = (key, year)
            if key in used:
                self.add_error(name, _("The same as the column “{header}”.").format(header=used[key]))
            used[key] = column["header"]
        chosen = {key[0] if isinstance(key, tuple) else key for key in used}
        missing = [column.name for column in self.importer.columns if column.required and column.key not in chosen]
        if missing:
            raise forms.ValidationError(
                _("No column of the file is matched to: {fields}.").format(fields=", ".join(missing))
            )
        return cleaned

    def chosen(self) -> dict[int, str]:
        return {
            column["index"]: self.cleaned_data.get(f"column_{column['index']}", "") for column in self.batch.mapping
        }
