import datetime

import pytest
from django.db import IntegrityError

from cooperation.cities.choices import RelationKind, RelationStatus
from cooperation.cities.models import CityRelation
from cooperation.visits.choices import Direction, VisitKind
from cooperation.visits.models import DelegationMember, Visit, VisitHost, main_host_errors
from tests.helpers import assert_refused, assert_valid, errors_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _currencies(reference_data):
    """Visits cost money in a currency from the reference data."""


MAIN_HOST = "Värdenheter: ett besök med flera värdenheter ska ha exakt en huvudansvarig värd."


def visit(kind=VisitKind.PROGRAMME_STUDY, country="US", **extra):
    return Visit(kind=kind, title="Green Gothenburg", start_date=datetime.date(2026, 5, 4), country=country, **extra)


@pytest.mark.parametrize(
    ("kind", "country", "fee"),
    [
        (VisitKind.PROGRAMME_STUDY, "US", True),
        (VisitKind.PROGRAMME_STUDY, "CH", True),  # Switzerland is neither EU nor EEA
        (VisitKind.PROGRAMME_STUDY, "DE", False),  # EU
        (VisitKind.PROGRAMME_STUDY, "NO", False),  # EEA
        (VisitKind.STUDY, "US", False),  # only programme study visits owe a fee
    ],
)
def test_programme_study_visit_fee_follows_the_country(kind, country, fee):
    assert visit(kind, country).fee_applies is fee


@pytest.mark.parametrize(
    ("kind", "status", "fee"),
    [
        (RelationKind.PARTNER_CITY, RelationStatus.ACTIVE, False),
        (RelationKind.PARTNER_CITY, RelationStatus.DORMANT, False),
        (RelationKind.PARTNER_CITY, RelationStatus.ENDED, True),
        (RelationKind.ISSUE_SPECIFIC, RelationStatus.ACTIVE, True),
    ],
)
def test_visitors_from_a_partner_city_pay_no_fee(kind, status, fee):
    relation = CityRelation(city="Durban", country="ZA", kind=kind, status=status)
    assert visit(country="ZA", city_relation=relation).fee_applies is fee


@pytest.fixture
def saved_visit(reference_data):
    item = visit(kind=VisitKind.STUDY)
    item.save()
    return item


def test_several_hosts_need_exactly_one_main_host(org, saved_visit):
    VisitHost.objects.create(visit=saved_visit, unit=org.unit_a)
    assert_valid(saved_visit)  # one host needs no main host
    VisitHost.objects.create(visit=saved_visit, unit=org.unit_b)
    assert MAIN_HOST in errors_of(saved_visit)["__all__"]
    VisitHost.objects.filter(unit=org.unit_b).update(is_main=True)
    assert_valid(saved_visit)


def test_a_second_main_host_is_refused(org, saved_visit):
    VisitHost.objects.create(visit=saved_visit, unit=org.unit_a, is_main=True)
    second = VisitHost(visit=saved_visit, unit=org.unit_b, is_main=True)
    assert MAIN_HOST in errors_of(second)["__all__"]
    with pytest.raises(IntegrityError):
        second.save()


@pytest.mark.parametrize(
    ("hosts", "ok"),
    [
        ([], True),
        ([("a", False)], True),
        ([("a", True), ("b", False)], True),
        ([("a", False), ("b", False)], False),
        ([("a", True), ("b", True), ("c", False)], False),
    ],
)
def test_main_host_rule_on_unsaved_host_rows(hosts, ok):
    assert (main_host_errors(hosts) == []) is ok


def test_visit_end_not_before_start():
    item = visit(end_date=datetime.date(2026, 5, 1))
    assert_refused(item, "end_date", "Slutdatum: slutdatumet får inte vara före startdatumet.")


def test_outgoing_trip_goes_out():
    trip = visit(kind=VisitKind.OUTGOING_TRIP, direction=Direction.INCOMING)
    assert_refused(trip, "direction", "Riktning: en utgående resa är utgående.")


def test_delegation_member_gets_an_erasure_date(settings, saved_visit):
    settings.DELEGATE_RETENTION_DAYS = 30
    member = DelegationMember.objects.create(visit=saved_visit, name="Kim Example")
    assert member.erase_on == datetime.date(2026, 6, 3)


def test_erasure_removes_names_and_their_history_but_keeps_the_statistics(saved_visit):
    from io import StringIO

    from django.core.management import call_command

    saved_visit.delegation_size = 12
    saved_visit.save()
    old = DelegationMember.objects.create(visit=saved_visit, name="Kim Example", erase_on=datetime.date(2026, 6, 1))
    kept = DelegationMember.objects.create(visit=saved_visit, name="Robin Example", erase_on=datetime.date(2027, 1, 1))
    out = StringIO()
    call_command("erase_personal_data", "--date", "2026-11-22", stdout=out)
    call_command("erase_personal_data", "--date", "2026-11-22", stdout=StringIO())
    assert "1 delegater gallrade" in out.getvalue()
    assert list(DelegationMember.objects.values_list("name", flat=True)) == ["Robin Example"]
    assert not DelegationMember.history.filter(id=old.pk).exists()
    assert DelegationMember.history.filter(id=kept.pk).exists()
    saved_visit.refresh_from_db()
    assert saved_visit.delegation_size == 12
