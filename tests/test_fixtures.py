"""The reference data and the five municipalities' organisation fixtures load, alone and together."""

import pytest
from django.core.management import call_command

from cooperation.cities.models import CityRelation
from cooperation.core.models import Currency, SustainableDevelopmentGoal
from cooperation.organisation.models import Decision, Municipality, Policy, PolicyGoal, Unit

pytestmark = pytest.mark.django_db
MUNICIPALITIES = {
    "goteborg": "Göteborgs Stad",
    "molndal": "Mölndals stad",
    "vanersborg": "Vänersborgs kommun",
    "lidkoping": "Lidköpings kommun",
    "jonkoping": "Jönköpings kommun",
}


def test_reference_data(reference_data):
    assert SustainableDevelopmentGoal.objects.count() == 17
    assert str(SustainableDevelopmentGoal.objects.get(number=1)) == "1. Ingen fattigdom"
    assert {"SEK", "EUR"} <= set(Currency.objects.values_list("code", flat=True))


@pytest.mark.parametrize(("slug", "name"), MUNICIPALITIES.items())
def test_municipality_fixture_loads(reference_data, slug, name):
    call_command("loaddata", slug, verbosity=0)
    municipality = Municipality.objects.get(slug=slug)
    assert municipality.name == name
    # Jönköping's strategy names no central office; seed_demo adds a fictional one for the demo.
    assert Unit.objects.filter(municipality=municipality, is_central_office=True).count() == (slug != "jonkoping")
    assert Policy.objects.filter(municipality=municipality).exists()
    assert PolicyGoal.objects.filter(policy__municipality=municipality).exists()


def test_all_five_load_into_one_database(reference_data):
    call_command("loaddata", *MUNICIPALITIES, verbosity=0)
    assert set(Municipality.objects.values_list("slug", flat=True)) == set(MUNICIPALITIES)


def test_named_twin_towns_and_decisions(reference_data):
    call_command("loaddata", "goteborg", "jonkoping", "vanersborg", verbosity=0)
    twin_towns = set(CityRelation.objects.filter(kind="twin_town").values_list("city", flat=True))
    assert {"Aarhus", "Bergen", "Bodø", "Kuopio", "Svendborg"} <= twin_towns
    assert CityRelation.objects.get(city="Bergen").decision is None  # Göteborg's policy states no decision
    assert str(Decision.objects.get(body__municipality__slug="vanersborg", paragraph="61")) == "KF 2013-05-29 § 61"
