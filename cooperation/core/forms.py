"""Forms in FKUI's markup: one column, labels above fields, help text from the policy, errors beside the field."""

import functools
import html
import re
from decimal import Decimal

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import connection
from django.db.models.fields import BLANK_CHOICE_DASH
from django.db.models.signals import post_save
from django.forms.renderers import TemplatesSetting
from django.forms.utils import flatatt
from django.utils.safestring import SafeData, mark_safe
from django.utils.text import capfirst, format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

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


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, refusing a number no key can have before it reaches the database: SQLite cannot compare a
    number past 64 bits and fails on it (`id IN (…)`) instead of finding nothing."""

    def _check_values(self, value):
        key = self.queryset.model._meta.get_field(self.to_field_name) if self.to_field_name else None
        low, high = connection.ops.integer_field_range((key or self.queryset.model._meta.pk).get_internal_type())
        for each in value if isinstance(value, list | tuple) else []:
            try:
                number = int(str(each))
            except ValueError:
                continue  # Django refuses what is not a number at all
            if (low is not None and number < low) or (high is not None and number > high):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": each}
                )
        return super()._check_values(value)


class QuickOptions:
    """A select that writes its options in Python instead of through two templates per option (Django's): the same
    markup, for a fiftieth of the time. A list's filters hold 250 countries and the units on every request."""

    def render(self, name, value, attrs=None, renderer=None):
        formatted = self.format_value(value)
        chosen = set(formatted) if isinstance(formatted, list) else {formatted}
        final = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final["multiple"] = True

        def options(choices):
            return "".join(
                f'<option value="{escape_text(key)}"{SELECTED[key in chosen]}>{escape_text(label)}</option>'
                for key, label in plain(choices)
            )

        parts = []
        for key, label in self.choices:
            if isinstance(label, list | tuple):
                parts.append(f'<optgroup label="{escape_text(key)}">{options(label)}</optgroup>')
            else:
                parts.append(options([(key, label)]))
        html = f'<select name="{escape_text(name)}"{flatatt(final)}>{"".join(parts)}</select>'
        return mark_safe(html)  # noqa: S308  # nosec B308 B703  # every value and label escaped by escape_text


SELECTED = {False: "", True: " selected"}


def escape_text(text) -> str:
    """Django's conditional_escape, for the many options of a select: text escaped, HTML already safe kept."""
    return str(text) if isinstance(text, SafeData) else html.escape(str(text))


def plain(choices):
    """(value as text, label) of each choice, as Django's select template writes them."""
    for key, label in choices:
        yield ("" if key is None else str(key)), label


@functools.cache
def quick(widget_class):
    return type(widget_class.__name__, (QuickOptions, widget_class), {})


def renders_as_stock_select(widget) -> bool:
    return (
        isinstance(widget, forms.Select)
        and not isinstance(widget, QuickOptions)
        and widget.template_name == forms.Select.template_name
        and widget.option_template_name == forms.Select.option_template_name
    )


class RowsOnce:
    """A model choice field that reads its rows once per form: its dropdown and the check of the chosen value
    share them (a filter form's choices are a handful of units, programmes or relations; Django asks the
    database again to check the value)."""

    def rows(self) -> list:
        if getattr(self, "_rows_of", None) is not self.queryset:
            self._rows, self._rows_of = list(self.queryset), self.queryset
        return self._rows

    def to_python(self, value):
        if value in self.empty_values:
            return None
        key = self.to_field_name or "pk"
        if isinstance(value, self.queryset.model):
            value = getattr(value, key)
        found = next((row for row in self.rows() if str(getattr(row, key)) == str(value)), None)
        if found is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return found


class RowsOnceIterator:
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for row in self.field.rows():
            yield self.choice(row)

    def __len__(self):
        return len(self.field.rows()) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.field.rows())


@functools.cache
def rows_once(field_class):
    iterator = type(field_class.iterator.__name__, (RowsOnceIterator, field_class.iterator), {})
    return type(field_class.__name__, (RowsOnce, field_class), {"iterator": iterator})


# Choices whose labels read related rows (a decision is cited by its body): fetched with them in one query.
class FkuiFormMixin:
    """Gives each widget FKUI's class, dates a date picker, many-to-many choices checkboxes, and choice lists what
    their model declares for them: `choice_related`, the relations a choice's label reads (fetched in the same
    query), and `choice_label()`, a label that tells apart rows whose names are the same. An empty choice reads
    `empty_choice` instead of Django's dashes."""

    empty_choice = _("Choose …")
    read_choices_once = False  # a filter form's model choices: one query for the dropdown and the check

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            self.style(field)

    def style(self, field):
        """FKUI's markup for one field; a form that adds fields of its own after __init__ calls it for each."""
        self.name_empty_choice(field)
        widget = field.widget
        if isinstance(field, forms.DateField) and not isinstance(widget, forms.HiddenInput):
            field.widget = widget = DateInput(attrs=widget.attrs)
        if type(field) is forms.ModelMultipleChoiceField:
            field.__class__ = ModelMultipleChoiceField  # the same field, with its keys bounded
        if isinstance(field, forms.ModelMultipleChoiceField) and type(widget) is forms.SelectMultiple:
            field.widget = widget = forms.CheckboxSelectMultiple(attrs=widget.attrs, choices=field.choices)
        single = isinstance(field, forms.ModelChoiceField) and not isinstance(field, forms.ModelMultipleChoiceField)
        if self.read_choices_once and single:
            field.__class__ = rows_once(type(field))  # the same field, its rows read once
            field.widget.choices = field.choices  # the dropdown's options from those rows too
        if isinstance(field, forms.ModelChoiceField):
            model = field.queryset.model
            if related := getattr(model, "choice_related", ()):
                field.queryset = field.queryset.select_related(*related)
            if hasattr(model, "choice_label"):
                field.label_from_instance = model.choice_label
        if renders_as_stock_select(widget):
            widget.__class__ = quick(type(widget))  # the same widget, writing its options without templates
        css = next((css for kind, css in WIDGET_CLASSES.items() if isinstance(widget, kind)), "text-field__input")
        widget.attrs.setdefault("class", css)
        if isinstance(widget, forms.Textarea) and str(widget.attrs.get("rows")) == "10":
            widget.attrs["rows"] = 5  # Django's ten rows unless a form asked for its own; the box can be pulled

    def name_empty_choice(self, field):
        if isinstance(field, forms.ModelMultipleChoiceField):
            return
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label is not None:
                field.empty_label = self.empty_choice
        elif getattr(field, "empty_label", None) is not None:  # django-filter's choice fields
            field.empty_label = self.empty_choice
            field.choices = field.choices.choices  # its choices' iterator is bound to the field it was copied from
        elif isinstance(field, forms.ChoiceField) and not isinstance(field.widget, forms.RadioSelect):
            choices = list(field.choices)
            if choices and choices[0] == BLANK_CHOICE_DASH[0]:
                field.choices = [("", self.empty_choice), *choices[1:]]


# Spaces people and programs put between thousands: space, no-break space, narrow no-break space, thin space.
MONEY_SPACES = re.compile("[ \u00a0\u202f\u2009]")
MONEY_CHARACTERS = re.compile(r"[0-9.,]+", re.ASCII)
# English thousands in proper groups of three: 1,234 or 12,345,678 (not 0,001, not 1,5, not 12,34).
ENGLISH_GROUPS = re.compile(r"[1-9][0-9]{0,2}(,[0-9]{3})+", re.ASCII)


def money_invalid(label):
    return format_lazy(
        _(
            "{label}: write the amount in digits, with spaces between thousands and a decimal comma for öre or cent, "
            "e.g. 1 234,50."
        ),
        label=capfirst(label),
    )


def parse_money(text: str, language: str) -> Decimal | None:
    """The amount `text` says, or None where it cannot be read for certain.

    Spaces between thousands are dropped. A decimal comma or point marks öre or cent in every language: 1234,50 and
    1234.50 are the same amount, and so is 1,5 (one krona fifty) in English too. Only in English may commas group
    thousands, and only in proper groups of three (1,234 or 1,234.50); elsewhere, and in English where the groups are
    not proper (0,001), one comma is the decimal comma, so a third decimal is refused as smaller than the öre. No sign,
    no exponent, ASCII digits only."""
    text = MONEY_SPACES.sub("", text)
    if not MONEY_CHARACTERS.fullmatch(text) or not any(char.isdigit() for char in text):
        return None
    english = (language or "").startswith("en")
    if "." in text:
        whole, _point, fraction = text.partition(".")
        if "." in fraction or "," in fraction:
            return None
        if "," in whole:
            if not (english and ENGLISH_GROUPS.fullmatch(whole)):
                return None
            whole = whole.replace(",", "")
    elif english and ENGLISH_GROUPS.fullmatch(text):
        whole, fraction = text.replace(",", ""), ""
    else:
        whole, _comma, fraction = text.partition(",")
        if "," in fraction:
            return None
    if not whole and not fraction:
        return None
    return Decimal(f"{whole or '0'}.{fraction or '0'}") if fraction else Decimal(whole)


class MoneyFormField(forms.DecimalField):
    """Money in kronor or euros: whole amounts shown without öre, entered with or without spaces between
    thousands, with a decimal comma (or point) for öre or cent (see parse_money)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        amount = parse_money(str(value).strip(), get_language())
        if amount is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return amount

    def prepare_value(self, value):
        if isinstance(value, Decimal) and value == value.to_integral_value():
            value = value.quantize(Decimal(1))
        return super().prepare_value(value)


def money_formfield(model_field: MoneyField, **kwargs) -> forms.DecimalField:
    """Money is entered as the database keeps it: kronor or euros, with öre or cent, spaces between thousands."""
    field = MoneyFormField(
        max_digits=model_field.max_digits,
        decimal_places=model_field.decimal_places,
        error_messages={
            "max_decimal_places": model_field.error_messages["max_decimal_places"],
            "invalid": money_invalid(kwargs.get("label") or model_field.verbose_name),
        },
        min_value=0,
        localize=True,  # shown in the language's way: 1 234,50 in Swedish
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
