"""The responsibility matrix, tested once over every URL and every role.

Each register declares its rows in `tests/<app>/matrix.py`: MATRIX maps a URL name to (the names of the objects
its arguments come from, {persona: expected status}[, method, data]), and objects(org) creates those objects;
pages are fetched with GET unless the row names POST. A URL pattern without a row fails
`test_every_url_has_a_row`.
"""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from cooperation.organisation.choices import Role
from tests.conftest import make_user
from tests.permissions import ROLES

MATRIX = {}
MAKERS = []
for module_info in pkgutil.iter_modules(tests.__path__):
    try:
        module = importlib.import_module(f"tests.{module_info.name}.matrix")
    except ModuleNotFoundError:
        continue
    MATRIX.update(module.MATRIX)
    MAKERS.append(module.objects)

# URL names that need no row: authentication, the language switch, browsers' CSP reports (open to anyone, they
# only log) and the admin have their own checks.
EXEMPT_NAMESPACES = {"admin"}
EXEMPT_NAMES = {"login", "logout", "set_language", "csp_report"}


def url_names(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace not in EXEMPT_NAMESPACES:
                yield from url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name and pattern.name not in EXEMPT_NAMES:
            yield f"{namespace}{pattern.name}"


def test_every_url_has_a_row():
    assert sorted(set(url_names()) - set(MATRIX)) == []
    assert sorted(set(MATRIX) - set(url_names())) == []


@pytest.fixture
def personas(org):
    return {
        "official_a": make_user("official_a", Role.OFFICIAL, org.unit_a),
        "official_b": make_user("official_b", Role.OFFICIAL, org.unit_b),
        "coordinator": make_user("coordinator", Role.COORDINATOR, org.central),
        "ks_user": make_user("ks_user", Role.KS),
        "kf_user": make_user("kf_user", Role.KF),
        "reader": make_user("reader", Role.READER),
        "administrator": make_user("administrator", Role.ADMINISTRATOR),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_matrix(client, org, personas, name, role):
    objects = {}
    for make in MAKERS:
        objects.update(make(org))
    arg_names, expected, method, data = (*MATRIX[name], "GET", None)[:4]
    url = reverse(name, args=[objects[arg].pk for arg in arg_names])
    if role != "anonymous":
        client.force_login(personas[role])
    response = client.post(url, data or {}) if method == "POST" else client.get(url)
    assert response.status_code == expected[role], f"{method} {url} as {role}"
    if role == "anonymous" and response.status_code == 302:
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "official_b", "reader"])
@pytest.mark.parametrize(
    "name", sorted(name for name, (_args, expected, *post) in MATRIX.items() if 403 in expected.values() and not post)
)
def test_writes_are_refused_as_reads_are(client, org, personas, name, role):
    """Where a persona may not open a page, posting to it is refused the same way and changes nothing."""
    objects = {}
    for make in MAKERS:
        objects.update(make(org))
    arg_names, expected = MATRIX[name][:2]
    if expected[role] not in (302, 403):
        pytest.skip(f"{role} may use {name}")
    url = reverse(name, args=[objects[arg].pk for arg in arg_names])
    if role != "anonymous":
        client.force_login(personas[role])
    counts = {type(obj): type(obj).history.count() for obj in objects.values()}
    response = client.post(url, {})
    assert response.status_code == expected[role]
    assert counts == {type(obj): type(obj).history.count() for obj in objects.values()}
