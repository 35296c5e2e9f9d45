"""Every form of every register under fire (issue 10, item 9): hypothesis posts random and hostile values — long
text, control characters, markup, SQL, impossible dates, negative and huge amounts, wrong types, missing fields —
through the test client as a persona who may use the form, so the whole view runs. Whatever comes in: never a
server error; refused input is re-shown with a message and stores nothing (rows and history rows counted before
and after); accepted input shows on the item's page, with markup escaped.

The forms are found by walking the URLconf (every view with a form class, bar the delete confirmations), the
objects their URLs need and who may use them come from the permission matrix (tests/<app>/matrix.py).
FUZZ_EXAMPLES sets the examples per form (10 by default, to keep CI within its time on both databases; e.g.
FUZZ_EXAMPLES=500 for a long run).
"""

import os

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import transaction
from django.forms import BaseFormSet
from django.forms.formsets import ManagementForm
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from django.views.generic.edit import DeletionMixin
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from cooperation.notices.choices import NoticeState
from cooperation.notices.forms import MoveForm
from cooperation.organisation.choices import Role
from cooperation.organisation.models import User
from tests.conftest import make_user
from tests.core.test_hostile_filters import LISTS, parameters
from tests.fuzz.strategies import DATES, MARKUP, NUMBERS, TEXT, for_field
from tests.fuzz.tables import row_counts
from tests.test_permissions import MAKERS, MATRIX

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))
# Shrinking a failure to its smallest example re-runs whole requests hundreds of times: on with FUZZ_SHRINK=1.
PHASES = [Phase.explicit, Phase.reuse, Phase.generate, *([Phase.shrink] if os.environ.get("FUZZ_SHRINK") else [])]
FUZZ = settings(
    max_examples=EXAMPLES,
    phases=PHASES,
    deadline=None,
    database=None,  # no example database in the work tree; a failure prints its reproducing example
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
PREFERRED = ["official_a", "coordinator", "ks_user", "administrator", "anonymous"]


def form_views(resolver=None, namespace=""):
    """URL names of every view that shows a form (delete confirmations excepted: they have no fields)."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                yield from form_views(pattern, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
        elif isinstance(pattern, URLPattern):
            view = getattr(pattern.callback, "view_class", None)
            if view and getattr(view, "form_class", None) and not issubclass(view, DeletionMixin):
                yield f"{namespace}{pattern.name}"


# Who fills in a form the matrix lets more people see: a unit's task is submitted by the unit's officials only.
USERS = {"reports:unitreport_detail": ["official_a"]}
# Where a form answers every refusal with one message rather than the fields' own: the sign-in page does not
# tell which of the username and password was wrong.
ONE_MESSAGE = {"login": _("The username and password did not match. Try again.")}


def users_of(name: str) -> list[str]:
    """Who fills the form in: an official of the owning unit and a coordinator where both may (their choices
    differ), else the first who may."""
    if name in USERS:
        return USERS[name]
    if name not in MATRIX:  # the sign-in page: open to anyone, outside the matrix
        return ["anonymous"]
    expected = MATRIX[name][1]
    if expected.get("anonymous") == 200:  # open to anyone: the accessibility report
        return ["anonymous"]
    may = [persona for persona in PREFERRED if expected.get(persona) == 200]
    both = [persona for persona in may if persona in ("official_a", "coordinator")]
    return both or may[:1]


FORMS = sorted((name, persona) for name in set(form_views()) for persona in users_of(name))


@pytest.fixture
def world(org):
    """The personas and the objects of the permission matrix: every form has what its URL and choices need."""
    personas = {
        "official_a": make_user("official_a", Role.OFFICIAL, org.unit_a, email="a@example.com"),
        "official_b": make_user("official_b", Role.OFFICIAL, org.unit_b),
        "coordinator": make_user("coordinator", Role.COORDINATOR, org.central, email="c@example.com"),
        "ks_user": make_user("ks_user", Role.KS),
        "kf_user": make_user("kf_user", Role.KF),
        "reader": make_user("reader", Role.READER),
        "administrator": make_user("administrator", Role.ADMINISTRATOR, email="admin@example.com"),
    }
    objects = {}
    for make in MAKERS:
        objects.update(make(org))
    return personas, objects


def url_of(name, objects) -> str:
    return reverse(name, args=[objects[arg].pk for arg in MATRIX.get(name, [[]])[0]])


def sign_in(client, personas, persona):
    if persona != "anonymous":
        client.force_login(personas[persona])


def forms_on(context) -> list:
    """The page's form and its inline formsets' forms, management forms included."""
    forms = [context["form"]]
    for formset in (context.get("formsets") or {}).values():
        if isinstance(formset, BaseFormSet):
            forms += [formset.management_form, *formset.forms]
    return forms


def fields_on(context) -> dict:
    """Every input the page posts, by its name, with the form field that reads it."""
    return {form.add_prefix(name): field for form in forms_on(context) for name, field in form.fields.items()}


def posted_values(context) -> dict:
    """What a browser would post back unchanged: each field's current value."""
    data = {}
    for form in forms_on(context):
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            if isinstance(value, list | tuple):
                value = [str(each) for each in value]
            data[form.add_prefix(name)] = "on" if value is True else value if isinstance(value, list) else str(value)
    if "version" in context:
        data["_version"] = context["version"]
    return data


def hostile(data, fields: dict, base: dict) -> dict:
    """`base` with a few inputs — or all of them — replaced by hostile values or left out."""
    names = sorted(fields)
    targets = data.draw(
        st.one_of(st.lists(st.sampled_from(names), min_size=1, max_size=6, unique=True), st.just(names))
    )
    posted = dict(base)
    for name in targets:
        value = data.draw(for_field(fields[name]), label=name)
        if value is None:
            posted.pop(name, None)
        else:
            posted[name] = value
    return posted


def messages_of(context) -> list[str]:
    """The error messages on the form, its fields and its inline rows."""
    found = []
    for form in forms_on(context):
        if isinstance(form, ManagementForm):
            # a tampered management form is told once, in its formset's non_form_errors below; its hidden
            # fields' own errors have no place on the page
            continue
        found += [str(message) for messages in form.errors.values() for message in messages]
    for formset in (context.get("formsets") or {}).values():
        if isinstance(formset, BaseFormSet):
            found += [str(message) for message in formset.non_form_errors()]
    return found


def assert_shown_escaped(response):
    assert MARKUP not in response.content.decode(), "stored markup came back unescaped"


def assert_refused(response, before: dict, name: str):
    """Refused input: nothing stored, and the page says what is wrong."""
    assert row_counts() == before, "a refused post stored something"
    if response.status_code == 200:
        messages = messages_of(response.context)
        assert messages, "the form came back without a message"
        content = response.content.decode()
        with translation.override(response.wsgi_request.LANGUAGE_CODE):
            expected = [str(ONE_MESSAGE[name])] if name in ONE_MESSAGE else messages
        for message in expected:
            assert escape(message) in content, f"message not shown: {message!r}"


def assert_accepted(client, response):
    """Accepted input: the page it leads to shows what was stored."""
    page = client.get(response["Location"])
    assert page.status_code == 200, (response["Location"], page.status_code)
    assert_shown_escaped(page)


@pytest.mark.django_db
def test_the_walk_finds_every_form():
    names = {name for name, _persona in FORMS}
    assert len(names) >= 30, sorted(names)
    for name in [
        "projects:project_add",
        "visits:visit_edit",
        "networks:membership_end",
        "cities:cityactivity_add",
        "steering:evaluation_add",
        "reports:unitreport_detail",
        "reports:followup_receipt",
        "notices:notice_add",
        "accessibility",
    ]:
        assert name in names, name
    assert ("visits:visit_edit", "official_a") in FORMS and ("visits:visit_edit", "coordinator") in FORMS


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "persona"), FORMS, ids=[f"{name}-{persona}" for name, persona in FORMS])
def test_the_form_posted_back_unchanged_is_accepted(client, world, name, persona):
    """The harness's baseline: without hostile values the page's own values pass, so a refusal below is the
    hostile values' doing (forms whose empty page is not yet a valid answer are refused with a message)."""
    personas, objects = world
    sign_in(client, personas, persona)
    url = url_of(name, objects)
    response = client.get(url)
    assert response.status_code == 200
    before = row_counts()
    response = client.post(url, posted_values(response.context))
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 302:
        assert_accepted(client, response)
    else:
        assert_refused(response, before, name)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "persona"), FORMS, ids=[f"{name}-{persona}" for name, persona in FORMS])
@FUZZ
@given(data=st.data())
def test_hostile_posts(client, world, name, persona, data):
    personas, objects = world
    sign_in(client, personas, persona)
    url = url_of(name, objects)
    cache.clear()  # the accessibility form's per-address limit
    with transaction.atomic():  # each example starts from the same rows
        try:
            page = client.get(url)
            assert page.status_code == 200
            posted = hostile(data, fields_on(page.context), posted_values(page.context))
            before = row_counts()
            response = client.post(url, posted)
            assert response.status_code in (200, 302, 409), response.status_code
            assert_shown_escaped(response)
            if response.status_code == 302:
                assert_accepted(client, response)
            else:
                assert_refused(response, before, name)
        finally:
            transaction.set_rollback(True)


# Forms posted from another page: a notice's step (posted from its page) and the language switch (every page).
def move_fields():
    fields = dict(MoveForm().fields)
    fields["from_state"] = MoveForm().fields["state"]
    return fields


@pytest.mark.django_db
@FUZZ
@given(data=st.data())
def test_hostile_notice_moves(client, world, data):
    personas, objects = world
    notice = objects["notice"]
    persona = data.draw(st.sampled_from(["coordinator", "official_a"]))
    sign_in(client, personas, persona)
    base = {"state": NoticeState.UNDER_REVIEW, "from_state": NoticeState.SUBMITTED, "comment": ""}
    with transaction.atomic():
        try:
            posted = hostile(data, move_fields(), base)
            before = row_counts()
            response = client.post(reverse("notices:notice_move", args=[notice.pk]), posted)
            assert response.status_code in (302, 403, 409), response.status_code
            notice.refresh_from_db()
            if notice.state == NoticeState.SUBMITTED:
                assert row_counts() == before, "a refused step stored something"
            page = client.get(notice.get_absolute_url())
            assert page.status_code == 200
            assert_shown_escaped(page)
        finally:
            transaction.set_rollback(True)


@pytest.mark.django_db
@FUZZ
@given(data=st.data())
def test_hostile_language_switch(client, world, data):
    personas, _objects = world
    user = personas["official_a"]
    sign_in(client, personas, "official_a")
    fields = {"language": MoveForm().fields["state"], "next": MoveForm().fields["comment"]}
    fields["language"].choices = django_settings.LANGUAGES
    with transaction.atomic():
        try:
            posted = hostile(data, fields, {"language": "en", "next": "/"})
            response = client.post(reverse("set_language"), posted)
            assert response.status_code in (302, 204), response.status_code
            assert User.objects.get(pk=user.pk).language in dict(django_settings.LANGUAGES)
        finally:
            transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "filterset_class"), LISTS, ids=[name for name, _ in LISTS])
@FUZZ
@given(data=st.data())
def test_hostile_filters(client, org, coordinator, url_name, filterset_class, data):
    """Every list's filters, its free-text search, sorting and page number: the list comes back, never a 500."""
    client.force_login(coordinator)
    names = [*parameters(filterset_class), "q", "sort", "page"]
    values = st.one_of(TEXT, NUMBERS, DATES, st.lists(TEXT, min_size=2, max_size=3))
    query = data.draw(st.dictionaries(st.sampled_from(names), values, min_size=1, max_size=5))
    response = client.get(reverse(url_name), query)
    assert response.status_code == 200, response.status_code
    assert_shown_escaped(response)
