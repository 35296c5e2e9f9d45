"""Hostile values for each kind of form field: what a careless person, a broken client or an attacker may post."""

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import strategies as st

# Markup that must never come back unescaped: the harness looks for it in every page it fetches.
MARKUP = '<script>fuzz("x")</script><img src=x onerror=fuzz()>'

HOSTILE_TEXT = [
    "",
    " ",
    "\x00",
    "nul\x00byte",
    "\x01\x07\x1b[31m\x7f",
    "line\r\nBcc: someone@example.com",
    "x" * 10_000,
    MARKUP,
    "{{ 7|add:7 }}{% now 'Y' %}",
    "'; DROP TABLE projects_project; --",
    '" OR 1=1 --',
    "%s%n%x{0}{}",
    "\u202eevil\u200b\ufeff",
    "😀" * 300,
    "../../etc/passwd",
    "None",
    "null",
    "[]",
    "-0",
    "NaN",
    "Infinity",
    "1e400",
    "99999999999999999999999999999",
    "-99999999999999999999999999999",
    "²",
    "٣",
]
# Every code point that UTF-8 can carry (no lone surrogates, which no browser can send): NUL and the control
# characters included.
ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=80)
TEXT = st.one_of(st.sampled_from(HOSTILE_TEXT), ANY_TEXT)

DATES = st.one_of(
    st.sampled_from(
        [
            "2025-02-29",
            "2026-02-30",
            "2026-13-01",
            "2026-00-10",
            "0000-01-01",
            "0001-01-01",
            "9999-12-31",
            "10000-01-01",
            "-2026-01-01",
            "31/12/2026",
            "2026-12-31T25:61",
            "2026-W53",
        ]
    ),
    st.dates().map(lambda day: day.isoformat()),
    st.integers().map(str),
)
NUMBERS = st.one_of(
    st.sampled_from(
        [
            "-1",
            "-0,01",
            "0,001",
            "1e400",
            "9" * 40,
            "9" * 17 + ",99",
            "999 999 999 999 999 999,99",
            "1.234,5",
            "1,2,3",
            "2147483648",
            "9223372036854775808",
            "-9223372036854775809",
            "2.5",
            "²",
        ]
    ),
    st.integers().map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(str),
)
BOOLEANS = st.sampled_from(["on", "", "false", "0", MARKUP])
EMAILS = st.sampled_from(["a@b", "x" * 300 + "@example.com", "a\x00@example.com", '"<a>"@example.com', "@"])
UPLOAD_NAMES = st.sampled_from(["skiss.txt", "../../etc/passwd", "a" * 300 + ".txt", "<b>x</b>.txt", "noll\x00.txt"])


def choices_of(field) -> list[str]:
    """The values a choice field offers (what the page's select or checkboxes would post)."""
    values = []
    for value, label in field.choices:
        if isinstance(label, list | tuple):  # a group of options
            values += [str(v) for v, _label in label]
        elif value not in ("", None):
            values.append(str(getattr(value, "value", value)))
    return values


def for_field(field) -> st.SearchStrategy:
    """Values to post for one form field: its own valid values among hostile ones of its kind and of every kind.
    None means leaving the field out; a list posts the name several times."""
    if isinstance(field, forms.FileField):
        upload = st.builds(lambda name: SimpleUploadedFile(name, b"fuzz"), UPLOAD_NAMES)
        return st.one_of(st.none(), upload, TEXT)
    own = {
        forms.DateField: DATES,
        forms.DecimalField: NUMBERS,
        forms.FloatField: NUMBERS,
        forms.IntegerField: NUMBERS,
        forms.BooleanField: BOOLEANS,
        forms.EmailField: EMAILS,
    }
    kind = next((strategy for cls, strategy in own.items() if isinstance(field, cls)), None)
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField) and (values := choices_of(field)):
        kind = st.sampled_from(values)
        if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            kind = st.lists(st.one_of(kind, NUMBERS, TEXT), max_size=4)
    strategies = [st.none(), TEXT, NUMBERS, st.lists(TEXT, min_size=2, max_size=3)]
    return st.one_of(*([kind] * 3 if kind is not None else []), *strategies)
