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


def count_queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(queries)


# The most queries a page may run (issue 13): the session, the user and their roles, the municipality, the page's
# own rows. A page with a cache (the start page's key figures) is counted once it is warm.
PAGE_QUERY_CEILING = 12


def assert_constant_queries(client, url, add_rows, ceiling=PAGE_QUERY_CEILING):
    """The page runs as many queries with many rows as with few, and at most `ceiling`: `add_rows()` adds more
    between two counts. Each count is of a warm page, the one after a first request (which fills the caches)."""
    client.get(url)
    before = count_queries(client, url)
    add_rows()
    client.get(url)
    after = count_queries(client, url)
    assert before == after, f"{url}: {before} queries with few rows, {after} with more"
    assert after <= ceiling, f"{url}: {after} queries, more than {ceiling}"


def form_data(response, **changes) -> dict:
    """The data a browser would post back from the form in `response`, with `changes` applied."""
    from django.forms.formsets import BaseFormSet

    data = {}
    context = response.context
    forms = [context["form"]]
    for formset in context.get("formsets", {}).values():
        if isinstance(formset, BaseFormSet):
            management = formset.management_form
            for name in management.fields:
                data[management.add_prefix(name)] = management[name].value()
            forms += list(formset.forms)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None or value is False:
                continue
            if isinstance(value, list | tuple):
                data[key] = [str(v) for v in value]
            elif value is True:
                data[key] = "on"
            else:
                data[key] = str(value)
    data["_version"] = context.get("version", "")
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}
