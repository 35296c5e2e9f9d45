"""erase_personal_data leaves no erased name anywhere: not in the history, not in the admin log, not in the file."""

import datetime
import json
import sqlite3
from io import StringIO

import pytest
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from cooperation.visits.models import DelegationMember, Visit, VisitHost

pytestmark = pytest.mark.django_db(transaction=True)  # the database file is read as committed

# Surnames no other row holds; with and without letters outside ASCII (the admin log escapes those in JSON).
ERASED = ["Quaxworth", "Ödmarkqvist", "Ärlemyrqvist", "Plimsollvantablack", "Fnordqvist"]
KEPT = "Keepsakeson"
LATER = datetime.date(2099, 12, 31)


def visit(org, title):
    item = Visit.objects.create(kind="study", title=title, country="EE", start_date=datetime.date(2026, 5, 4))
    VisitHost.objects.create(visit=item, unit=org.unit_a)
    return item


def admin_data(response, **changes) -> dict:
    """What the admin's change page would post back, inline rows included, with `changes` applied."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            data[field.html_name] = (
                [str(v) for v in value] if isinstance(value, list | tuple) else "on" if value is True else str(value)
            )
    return data | changes


def found(tokens) -> dict[str, list[str]]:
    """Where each token is: any table's rows as text, and on SQLite the whole database file, free pages included.
    A token is also looked for as JSON writes it by default (the admin log's change messages), non-ASCII escaped."""
    places = {token: [] for token in tokens}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            row = "t::text" if connection.vendor == "postgresql" else "*"
            cursor.execute(f"SELECT {row} FROM {quoted} t")  # noqa: S608 (table names from the database itself)
            text = "\n".join(str(cell) for values in cursor.fetchall() for cell in values)
            for token in tokens:
                places[token] += [table for form in spellings(token) if form in text]
    if connection.vendor == "sqlite":
        raw = database_file_bytes()
        for token in tokens:
            places[token] += ["database file" for form in spellings(token) if form.encode() in raw]
    return {token: where for token, where in places.items() if where}


def spellings(token: str) -> set[str]:
    return {token, json.dumps(token)[1:-1]}


def database_file_bytes() -> bytes:
    """The test database is in memory: SQLite's backup copies it page by page, free pages too, into a file."""
    connection.ensure_connection()
    copy = sqlite3.connect(":memory:")
    connection.connection.backup(copy)
    return copy.serialize()


def test_erasure_leaves_no_name_in_history_admin_log_or_database(client, org, administrator):
    first, second = visit(org, "Studiebesök från Tallinn"), visit(org, "Studiebesök från Riga")
    renamed = DelegationMember.objects.create(visit=first, name="Zebulon Quaxworth")
    removed = DelegationMember.objects.create(visit=first, name="Åsa Ärlemyrqvist")
    kept = DelegationMember.objects.create(visit=first, name=f"Kim {KEPT}", erase_on=LATER)
    DelegationMember.objects.create(visit=second, name="Xerxes Plimsollvantablack")
    DelegationMember.objects.create(visit=second, name="Yrsa Fnordqvist")
    client.force_login(administrator)

    # In the admin: a member renamed on its own page; another removed from the visit as an inline row.
    url = reverse("admin:visits_delegationmember_change", args=[renamed.pk])
    response = client.post(url, admin_data(client.get(url), name="Zebulon Ödmarkqvist"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    url = reverse("admin:visits_visit_change", args=[first.pk])
    page = client.get(url)
    row = next(f.prefix for f in page.context["inline_admin_formsets"][1].formset.forms if f.instance == removed)
    response = client.post(url, admin_data(page, **{f"{row}-DELETE": "on", f"{row}-title": "Rådgivare"}))
    assert response.status_code == 302, response.context["adminform"].form.errors
    # A visit deleted with its delegation.
    response = client.post(reverse("admin:visits_visit_delete", args=[second.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert LogEntry.objects.count() == 3
    assert set(found(ERASED + [KEPT])) == set(ERASED + [KEPT])  # every name is somewhere before

    out = StringIO()
    call_command("erase_personal_data", "--date", "2099-01-01", stdout=out)

    assert found(ERASED) == {}
    assert KEPT in found([KEPT])  # the search does see names
    assert list(DelegationMember.objects.values_list("pk", flat=True)) == [kept.pk]
    assert LogEntry.objects.count() == 3  # who did what and when stays, without the names
    assert "4 delegater gallrade; 2 rader i adminloggen rensade." in out.getvalue()
