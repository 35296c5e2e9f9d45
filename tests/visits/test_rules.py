"""Göteborg's and Lidköping's "near before far, digital meetings considered" on trips."""

import datetime

import pytest

from cooperation.organisation.models import Policy
from cooperation.visits.choices import Direction, VisitKind
from cooperation.visits.models import Visit
from tests.helpers import assert_refused, assert_valid

pytestmark = pytest.mark.django_db

TRAVEL = (
    "Närliggande och digitala alternativ: kommunens policy kräver att det framgår hur närliggande kompetens och "
    "digitala möten har övervägts."
)


@pytest.fixture
def travel_policy(org):
    return Policy.objects.create(
        municipality=org.municipality,
        title="Internationell strategi",
        valid_from=datetime.date(2020, 9, 28),
        requires_travel_considerations=True,
    )


def trip(kind=VisitKind.OUTGOING_TRIP, start=datetime.date(2026, 3, 2), direction=Direction.OUTGOING):
    own = 2 if direction == Direction.OUTGOING else None
    return Visit(
        kind=kind, direction=direction, title="Resa till Bryssel", start_date=start, country="BE", own_participants=own
    )


@pytest.mark.parametrize("kind", [VisitKind.OUTGOING_TRIP, VisitKind.CONFERENCE, VisitKind.STUDY])
def test_an_outgoing_trip_says_how_near_and_digital_alternatives_were_considered(org, travel_policy, kind):
    item = trip(kind)
    assert_refused(item, "travel_considerations", TRAVEL)
    item.travel_considerations = "Ingen motsvarande konferens i Norden; deltar på plats för nätverkandets skull."
    assert_valid(item)


def test_incoming_visits_and_trips_before_the_policy_are_not_asked(org, travel_policy):
    assert_valid(trip(VisitKind.STUDY, direction=Direction.INCOMING))
    assert_valid(trip(start=datetime.date(2019, 5, 1)))


def test_trips_are_not_asked_without_the_rule(org):
    Policy.objects.create(municipality=org.municipality, title="Policy")
    assert_valid(trip())
