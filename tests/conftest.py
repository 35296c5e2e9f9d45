"""Shared fixtures: a small municipality and the personas of STYLE.md (officials of two units, a coordinator …)."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.core.management import call_command

from cooperation.organisation.choices import BodyKind, Role, UnitKind
from cooperation.organisation.models import Body, Decision, Municipality, RoleAssignment, Unit, User

PASSWORD = "test-password"


@pytest.fixture(scope="session")
def _file_roots(tmp_path_factory):
    return tmp_path_factory.mktemp("staticfiles"), tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _fast_and_swedish(settings, _file_roots):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STATIC_ROOT, settings.MEDIA_ROOT = _file_roots  # uploads land outside the work tree
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.LANGUAGE_CODE = "sv"
    settings.BAKER_CUSTOM_CLASS = "tests.bakery.OneMunicipalityBaker"
    cache.clear()  # the accessibility form's per-address counts live in the cache


@pytest.fixture
def reference_data(db):
    call_command("loaddata", "reference", verbosity=0)


@pytest.fixture
def org(reference_data):
    """A municipality with KF, KS, two committees with their administrations, and a central office."""
    municipality = Municipality.objects.create(name="Teststads kommun", short_name="Teststad", slug="teststad")
    kf = Body.objects.create(
        municipality=municipality, name="Kommunfullmäktige", abbreviation="KF", kind=BodyKind.COUNCIL
    )
    ks = Body.objects.create(
        municipality=municipality, name="Kommunstyrelsen", abbreviation="KS", kind=BodyKind.EXECUTIVE_BOARD
    )
    committee_a = Body.objects.create(municipality=municipality, name="Miljönämnden", kind=BodyKind.COMMITTEE)
    committee_b = Body.objects.create(municipality=municipality, name="Kulturnämnden", kind=BodyKind.COMMITTEE)
    central = Unit.objects.create(
        municipality=municipality,
        name="Stadsledningskontoret",
        kind=UnitKind.ADMINISTRATION,
        body=ks,
        is_central_office=True,
    )
    unit_a = Unit.objects.create(municipality=municipality, name="Miljöförvaltningen", body=committee_a)
    unit_b = Unit.objects.create(municipality=municipality, name="Kulturförvaltningen", body=committee_b)

    def decision(body, day="2024-03-12", paragraph="1"):
        return Decision.objects.create(
            body=body, date=datetime.date.fromisoformat(day), paragraph=paragraph, title=f"Beslut i {body}"
        )

    return SimpleNamespace(
        municipality=municipality,
        kf=kf,
        ks=ks,
        committee_a=committee_a,
        committee_b=committee_b,
        central=central,
        unit_a=unit_a,
        unit_b=unit_b,
        kf_decision=decision(kf),
        ks_decision=decision(ks),
        committee_a_decision=decision(committee_a),
        committee_b_decision=decision(committee_b),
        decision=decision,
    )


def make_user(username, role, unit=None, **extra):
    user = User.objects.create_user(username=username, password=PASSWORD, first_name=username.title(), **extra)
    RoleAssignment.objects.create(user=user, role=role, unit=unit)
    return user


@pytest.fixture
def official_a(org):
    return make_user("official_a", Role.OFFICIAL, org.unit_a)


@pytest.fixture
def official_b(org):
    return make_user("official_b", Role.OFFICIAL, org.unit_b)


@pytest.fixture
def coordinator(org):
    return make_user("coordinator", Role.COORDINATOR, org.central)


@pytest.fixture
def ks_user(org):
    return make_user("ks_user", Role.KS)


@pytest.fixture
def reader(org):
    return make_user("reader", Role.READER)


@pytest.fixture
def administrator(org):
    return make_user("administrator", Role.ADMINISTRATOR, is_staff=True, is_superuser=True)


@pytest.fixture
def foreign_decision(org):
    """A KS decision of another municipality than the installation's. The database keeps one municipality (a unique
    constraint), so the neighbour's rows are built in memory only, with ids the database does not hold: the rules
    still read whose decision it is and refuse it on its field."""
    other = Municipality(pk=990001, name="Grannkommunen", short_name="Grannkommunen", slug="grannkommunen")
    ks = Body(pk=990001, municipality=other, name="Kommunstyrelsen", abbreviation="KS", kind=BodyKind.EXECUTIVE_BOARD)
    return Decision(pk=990001, body=ks, date=datetime.date(2024, 3, 12), paragraph="9", title="Grannens beslut")


@pytest.fixture
def foreign_unit(org):
    """An administration of another municipality, in memory only (see foreign_decision)."""
    other = Municipality(pk=990002, name="Grannkommunen", short_name="Grannkommunen", slug="grannkommunen")
    return Unit(pk=990002, municipality=other, name="Grannkommunens miljöförvaltning")


def foreign_decision_message(label: str) -> str:
    return f"{label}: beslutet är fattat av en annan kommuns organ; välj ett beslut från Teststads kommun."
