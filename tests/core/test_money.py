"""Money as people type it, in Swedish and in English: öre after a decimal comma or point in every language, spaces
between thousands, English commas only in proper groups of three; nothing else is guessed."""

from decimal import Decimal

import pytest
from django.utils import translation

from cooperation.core.forms import money_formfield
from cooperation.projects.models import Project

INVALID = (
    "Total budget: skriv beloppet med siffror, med mellanslag mellan tusental och decimalkomma för öre eller cent, "
    "t.ex. 1 234,50."
)
TOO_SMALL = "Total budget: ange högst 2 decimaler (öre eller cent)."

BOTH = ["sv", "en"]


def clean(typed: str, language: str):
    field = money_formfield(Project._meta.get_field("total_budget"), label="Total budget")
    with translation.override(language):
        return field.clean(typed)


def refusal(typed: str, language: str) -> list[str]:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        clean(typed, language)
    with translation.override("sv"):
        return [str(message) for message in error.value.messages]


@pytest.mark.parametrize("language", BOTH)
@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("1234,50", "1234.50"),
        ("1234.50", "1234.50"),
        ("1,5", "1.5"),  # öre after a comma in English too, not 15
        ("1 234,50", "1234.50"),
        ("1\u00a0234,50", "1234.50"),  # no-break space, as the form shows it back
        ("1\u202f234,50", "1234.50"),  # narrow no-break space, as some programs copy it
        ("1\u2009234,5", "1234.5"),  # thin space
        ("12 345 678", "12345678"),
        (" 1234 ", "1234"),
        ("0", "0"),
        (",50", "0.50"),
    ],
)
def test_amounts_read_the_same_in_every_language(language, typed, kept):
    assert clean(typed, language) == Decimal(kept)


@pytest.mark.parametrize(("typed", "kept"), [("1,234.50", "1234.50"), ("1,234", "1234"), ("12,345,678", "12345678")])
def test_english_commas_in_proper_groups_of_three_separate_thousands(typed, kept):
    assert clean(typed, "en") == Decimal(kept)


@pytest.mark.parametrize("typed", ["1,234.50", "1,234,567"])
def test_in_swedish_a_comma_is_only_the_decimal_comma(typed):
    assert refusal(typed, "sv") == [INVALID]


@pytest.mark.parametrize("language", BOTH)
@pytest.mark.parametrize("typed", ["0,001", "1234,505", "1.234"])  # a point is a decimal point in English too
def test_smaller_parts_than_the_ore_are_refused_not_read_as_thousands(language, typed):
    assert refusal(typed, language) == [TOO_SMALL]


def test_a_comma_in_a_group_of_three_is_the_decimal_comma_in_swedish():
    assert refusal("1,234", "sv") == [TOO_SMALL]


@pytest.mark.parametrize("language", BOTH)
@pytest.mark.parametrize(
    "typed",
    [
        "1e5",  # no exponent
        "1E5",
        "-5",  # no sign
        "+5",
        "\u0661\u0662\u0663",  # Arabic-Indic digits
        "\uff11\uff12",  # full-width digits
        "12,34,56",
        "1.2.3",
        "1.234,50",
        "abc",
        "5 kr",
        ",",
        "Infinity",
        "NaN",
    ],
)
def test_anything_else_is_refused_with_the_message_on_the_field(language, typed):
    assert refusal(typed, language) == [INVALID]


def test_an_empty_amount_is_none():
    assert clean("", "sv") is None
