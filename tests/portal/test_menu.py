"""The main menu: grouped as the apps declare, only what the person may open, the current place marked."""

import re

import pytest
from django.urls import reverse

from cooperation.organisation.choices import Role
from cooperation.portal.registers import navigation
from tests.conftest import make_user
from tests.permissions import SIGNED_IN

pytestmark = pytest.mark.django_db

NAV = re.compile(r'<nav class="site-nav".*?</nav>', re.S)
LINK = re.compile(r'<a href="(?P<href>[^"]+)"(?: aria-current="(?P<current>[^"]+)")?>(?P<label>[^<]+)</a>')
HEADING = re.compile(r'<p class="site-nav__heading"[^>]*>([^<]+)</p>')


@pytest.fixture
def persona(request, org):
    """Each signed-in persona of tests/permissions.py, from the fixtures in tests/conftest.py (KF has none there)."""
    if request.param == "kf_user":
        return make_user("kf_user", Role.KF)
    return request.getfixturevalue(request.param)


def menu(client, url="/"):
    response = client.get(url)
    assert response.status_code == 200
    nav = NAV.search(response.content.decode())
    assert nav, "no main menu on the page"
    return nav.group(0)


def links(client, url="/") -> dict[str, str]:
    return {m["href"]: m["label"] for m in LINK.finditer(menu(client, url))}


@pytest.mark.parametrize("persona", SIGNED_IN, indirect=True)
def test_no_menu_link_leads_to_a_refusal(client, persona):
    client.force_login(persona)
    found = links(client)
    assert len(found) > 5
    for href in found:
        assert client.get(href).status_code == 200, (persona.username, href)


def test_the_menu_is_grouped_as_the_apps_declare(client, administrator):
    client.force_login(administrator)
    assert HEADING.findall(menu(client)) == ["Register", "Styrdokument", "Uppföljning och rapporter", "Administration"]
    nav = menu(client)
    steering = nav[nav.index("Styrdokument") : nav.index("Uppföljning och rapporter")]
    assert [m["label"] for m in LINK.finditer(steering)] == [
        "Positionspapper",
        "Handlingsplaner",
        "Utvärderingar och översyner",
        "Policydokument",
    ]


@pytest.mark.parametrize("username, role", [("reader", Role.READER), ("kf_user", Role.KF)])
def test_those_who_may_not_read_notices_are_not_offered_them(client, org, username, role):
    client.force_login(make_user(username, role))
    found = links(client)
    assert reverse("notices:notice_list") not in found
    assert reverse("projects:project_list") in found
    assert client.get(reverse("notices:notice_list")).status_code == 403


def test_officials_and_the_office_are_offered_the_notices(client, official_a, coordinator):
    for user in (official_a, coordinator):
        client.force_login(user)
        assert reverse("notices:notice_list") in links(client)


def test_administration_shows_only_what_the_user_may_open(client, org, reader, administrator):
    client.force_login(reader)
    found = links(client)
    assert reverse("organisation") in found
    assert reverse("core:auditevent_list") not in found
    assert reverse("admin:index") not in found

    client.force_login(administrator)
    found = links(client)
    assert {reverse("organisation"), reverse("core:auditevent_list"), reverse("admin:index")} <= set(found)


def test_staff_without_the_audit_permission_get_the_admin_but_not_the_log(client, org):
    client.force_login(make_user("clerk", Role.READER, is_staff=True))
    found = links(client)
    assert reverse("admin:index") in found
    assert reverse("core:auditevent_list") not in found


def test_the_current_place_is_marked(client, coordinator):
    client.force_login(coordinator)
    current = {m["href"]: m["current"] for m in LINK.finditer(menu(client, reverse("projects:project_list")))}
    assert current[reverse("projects:project_list")] == "page"
    assert current[reverse("home")] is None
    assert [value for value in current.values() if value] == ["page"]

    current = {m["href"]: m["current"] for m in LINK.finditer(menu(client, reverse("projects:project_add")))}
    assert current[reverse("projects:project_list")] == "true"

    current = {m["href"]: m["current"] for m in LINK.finditer(menu(client))}
    assert current[reverse("home")] == "page"


def test_the_menu_reads_the_users_roles_once(django_assert_num_queries, official_a):
    user = type(official_a).objects.get(pk=official_a.pk)  # nothing cached yet
    with django_assert_num_queries(1):
        groups = navigation(user, "projects:project_list")
    assert sum(len(group.links) for group in groups) > 10
