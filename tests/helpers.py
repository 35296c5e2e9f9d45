"""Small helpers for asserting the model rules' messages."""

import pytest
from django.core.exceptions import ValidationError


def errors_of(obj) -> dict[str, list[str]]:
    """Run every model check (fields, clean, constraints) and return the messages per field."""
    try:
        obj.full_clean()
    except ValidationError as error:
        return {field: [str(message) for message in messages] for field, messages in error.message_dict.items()}
    return {}


def assert_refused(obj, field: str, message: str):
    errors = errors_of(obj)
    assert message in errors.get(field, []), f"expected {message!r} on {field!r}, got {errors}"


def assert_valid(obj):
    errors = errors_of(obj)
    if errors:
        pytest.fail(f"expected no errors, got {errors}")
