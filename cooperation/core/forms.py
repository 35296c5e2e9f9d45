"""Forms in FKUI's markup: one column, labels above fields, help text from the policy, errors beside the field."""

from decimal import Decimal

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist
from django.db.models.signals import post_save
from django.forms.renderers import TemplatesSetting

from .models import MoneyField


class FkuiRenderer(TemplatesSetting):
    """Renders every form and field with the project's FKUI templates."""

    form_template_name = "includes/form.html"
    formset_template_name = "includes/formset.html"
    field_template_name = "includes/field.html"


class DateInput(forms.DateInput):
    """A plain, accessible date input: the browser's own date picker, ISO dates."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


# Most specific first: CheckboxSelectMultiple is a RadioSelect, SelectMultiple a Select.
WIDGET_CLASSES = {
    forms.CheckboxSelectMultiple: "checkbox__input",
    forms.RadioSelect: "radio-button__input",
    forms.CheckboxInput: "checkbox__input",
    forms.SelectMultiple: "select-field__select select-field__select--multiple",
    forms.Select: "select-field__select",
    forms.Textarea: "textarea-field__textarea",
}


# Choices whose labels read related rows (a decision is cited by its body): fetched with them in one query.
CHOICE_RELATIONS = {
    "organisation.decision": ("body",),
    "networks.membership": ("organisation",),
    "projects.programme": ("source",),
}


class FkuiFormMixin:
    """Gives each widget FKUI's class, dates a date picker, many-to-many choices checkboxes, and choice lists
    their related rows in the same query."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(field, forms.DateField) and not isinstance(widget, forms.HiddenInput):
                field.widget = widget = DateInput(attrs=widget.attrs)
            if isinstance(field, forms.ModelMultipleChoiceField) and type(widget) is forms.SelectMultiple:
                field.widget = widget = forms.CheckboxSelectMultiple(attrs=widget.attrs, choices=field.choices)
            if isinstance(field, forms.ModelChoiceField):
                related = CHOICE_RELATIONS.get(field.queryset.model._meta.label_lower)
                if related:
                    field.queryset = field.queryset.select_related(*related)
            css = next((css for kind, css in WIDGET_CLASSES.items() if isinstance(widget, kind)), "text-field__input")
            widget.attrs.setdefault("class", css)
            if isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("rows", 4)


class MoneyFormField(forms.DecimalField):
    """Money in kronor or euros: whole amounts shown without öre, entered with or without spaces between
    thousands, with a decimal comma (or point) for öre or cent."""

    def prepare_value(self, value):
        if isinstance(value, Decimal) and value == value.to_integral_value():
            value = value.quantize(Decimal(1))
        return super().prepare_value(value)


def money_formfield(model_field: MoneyField, **kwargs) -> forms.DecimalField:
    """Money is entered as the database keeps it: kronor or euros, with öre or cent, spaces between thousands."""
    field = MoneyFormField(
        max_digits=model_field.max_digits,
        decimal_places=model_field.decimal_places,
        error_messages={"max_decimal_places": model_field.error_messages["max_decimal_places"]},
        min_value=0,
        localize=True,  # the language's decimal separator: 1 234,50 in Swedish
        required=False,
        widget=forms.TextInput(),
        **kwargs,
    )
    field.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})
    return field


class DomainModelForm(FkuiFormMixin, forms.ModelForm):
    """A model form for the registers: FKUI markup, money as people write it, and the user who fills it in."""

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        for name, field in list(self.fields.items()):
            try:
                model_field = self._meta.model._meta.get_field(name)
            except FieldDoesNotExist:  # a form field of its own, such as an attachment
                continue
            if isinstance(model_field, MoneyField):
                replacement = money_formfield(model_field, label=field.label, help_text=field.help_text)
                replacement.required = field.required
                replacement.widget.attrs.update({"class": "text-field__input"})
                self.fields[name] = replacement

    def add_error(self, field, error):
        """A model rule may name a field this form does not edit: show its message at the top of the form."""
        if field is None and hasattr(error, "error_dict"):
            for name in [name for name in error.error_dict if name != NON_FIELD_ERRORS and name not in self.fields]:
                error.error_dict.setdefault(NON_FIELD_ERRORS, []).extend(error.error_dict.pop(name))
        super().add_error(field, error)

    def save(self, commit=True):
        """One save, one history row. simple-history writes a row for the item and then one more for each changed
        many-to-many field, the first without them; so the item and its many-to-many fields are stored quietly,
        then post_save is sent once and simple-history records the item as it now is, by the acting user."""
        if not commit or not self._meta.model._meta.many_to_many:
            return super().save(commit)
        instance = super().save(commit=False)
        created = instance._state.adding
        instance.skip_history_when_saving = True
        try:
            instance.save()
            self._save_m2m()
        finally:
            del instance.skip_history_when_saving
        post_save.send(
            type(instance), instance=instance, created=created, update_fields=None, raw=False, using=instance._state.db
        )
        return instance
