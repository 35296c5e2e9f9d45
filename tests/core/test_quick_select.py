"""A select whose options are written in Python (core.forms.QuickOptions) gives the markup Django's templates give."""

import pytest
from django import forms
from django.test.html import parse_html

from cooperation.core.forms import quick
from cooperation.projects.filtersets import ProjectFilterSet
from cooperation.projects.models import Project

CHOICES = [
    ("", "Alla"),
    ("se", "Sverige & <Norden>"),
    ("Europa", [("de", "Tyskland"), ("fr", "Frankrike")]),
    (3, "Tre"),
]


@pytest.mark.parametrize(
    ("widget_class", "value"),
    [
        (forms.Select, None),
        (forms.Select, "de"),
        (forms.Select, 3),
        (forms.SelectMultiple, ["se", "fr"]),
        (forms.SelectMultiple, None),
        (forms.NullBooleanSelect, True),
    ],
)
def test_the_same_markup_as_djangos_template(widget_class, value):
    attrs = {"class": "select-field__select", "id": "id_land", "aria-describedby": "hjalp"}
    choices = () if widget_class is forms.NullBooleanSelect else CHOICES
    djangos = widget_class(attrs=attrs, **({"choices": choices} if choices else {})).render("land", value)
    ours = quick(widget_class)(attrs=attrs, **({"choices": choices} if choices else {})).render("land", value)
    assert parse_html(ours) == parse_html(djangos)


@pytest.mark.django_db
def test_a_list_filter_writes_its_options_without_templates(org):
    form = ProjectFilterSet({"country": "DE"}, queryset=Project.objects.none()).form
    html = str(form["country"])
    assert type(form.fields["country"].widget).__mro__[1].__name__ == "QuickOptions"
    assert '<option value="DE" selected>Tyskland</option>' in html
    assert html.count("<option") > 240


@pytest.mark.django_db
def test_a_filters_model_choice_is_read_once_for_its_dropdown_and_its_check(org, django_assert_num_queries):
    from cooperation.projects.filtersets import ProjectFilterSet

    form = ProjectFilterSet({"owner": str(org.unit_a.pk)}, queryset=Project.objects.none()).form
    with django_assert_num_queries(1):  # the units, once
        assert form.is_valid(), form.errors
        assert form.cleaned_data["owner"] == org.unit_a
        assert f'<option value="{org.unit_a.pk}" selected>' in str(form["owner"])
    refused = ProjectFilterSet({"owner": "99999999999999999999"}, queryset=Project.objects.none()).form
    assert not refused.is_valid()
    assert refused.errors["owner"] == [
        "Välj ett giltigt alternativ. Det valet finns inte bland tillgängliga alternativ."
    ]
