"""The reference data and the five municipalities' fixtures: each loads alone, every object passes its model's rules,
and what the policies say is there."""

import datetime
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command

from cooperation.cities.models import CityRelation
from cooperation.core.models import Currency, SustainableDevelopmentGoal
from cooperation.networks.models import Organisation
from cooperation.organisation.choices import GroupKind
from cooperation.organisation.models import (
    CoordinationGroup,
    Decision,
    Municipality,
    Policy,
    PolicyGoal,
    SecondMunicipality,
    Unit,
    get_municipality,
    policy_in_force,
)

pytestmark = pytest.mark.django_db
FIXTURES = Path(settings.FIXTURE_DIRS[0])
MUNICIPALITIES = {
    "goteborg": "Göteborgs Stad",
    "molndal": "Mölndals stad",
    "vanersborg": "Vänersborgs kommun",
    "lidkoping": "Lidköpings kommun",
    "jonkoping": "Jönköpings kommun",
}


@pytest.fixture
def load(reference_data):
    def load(slug):
        call_command("loaddata", slug, verbosity=0)
        return get_municipality()

    return load


def test_reference_data(reference_data):
    assert SustainableDevelopmentGoal.objects.count() == 17
    assert str(SustainableDevelopmentGoal.objects.get(number=1)) == "1. Ingen fattigdom"
    assert {"SEK", "EUR"} <= set(Currency.objects.values_list("code", flat=True))


@pytest.mark.parametrize(("slug", "name"), MUNICIPALITIES.items())
def test_municipality_fixture_loads_alone(load, slug, name):
    municipality = load(slug)
    assert Municipality.objects.get() == municipality
    assert municipality.slug == slug
    assert municipality.name == name
    # Jönköping's strategy names no central office; seed_demo adds a fictional one for the demo.
    assert Unit.objects.filter(municipality=municipality, is_central_office=True).count() == (slug != "jonkoping")
    assert Policy.objects.filter(municipality=municipality).exists()
    assert PolicyGoal.objects.filter(policy__municipality=municipality).exists()


@pytest.mark.parametrize("slug", ["reference", *MUNICIPALITIES])
def test_every_object_passes_its_models_rules(load, slug):
    """Each object the fixture creates, fetched back from the database, passes full_clean()."""
    if slug != "reference":
        load(slug)
    failures = []
    for row in json.loads((FIXTURES / f"{slug}.json").read_text(encoding="utf-8")):
        obj = apps.get_model(row["model"])._default_manager.get(pk=row["pk"])
        try:
            obj.full_clean()
        except ValidationError as error:
            failures.append(f"{row['model']} pk={row['pk']} ({obj}): {error.messages}")
    assert failures == []


def test_named_twin_towns_stand_without_a_recorded_decision(load):
    load("goteborg")
    twin_towns = CityRelation.objects.filter(kind="twin_town")
    assert set(twin_towns.values_list("city", flat=True)) == {"Aarhus", "Bergen", "Åbo (Turku)"}
    assert all(relation.established_before_register and relation.decision is None for relation in twin_towns)


def test_goteborg_names_geo_and_the_international_department(load):
    municipality = load("goteborg")
    names = set(municipality.units.values_list("name", flat=True))
    assert "Göteborgs Stads representationskontor i Bryssel (GEO)" in names
    assert "Stadsledningskontorets internationella avdelning" in names
    assert municipality.central_office.name == "Stadsledningskontoret"
    assert policy_in_force().requires_travel_considerations
    assert not policy_in_force().requires_cooperation_analysis


def test_jonkoping_twin_towns_do_not_claim_the_strategy_and_graz_is_ended(load):
    load("jonkoping")
    strategy = Decision.objects.get(paragraph="276")
    assert str(strategy) == "KF 2018-11-22 § 276"
    twin_towns = CityRelation.objects.filter(kind="twin_town")
    assert twin_towns.count() == 4
    assert not twin_towns.filter(decision=strategy).exists()
    assert all(relation.established_before_register for relation in twin_towns)
    graz = CityRelation.objects.get(city="Graz")
    assert (graz.status, graz.ended_on) == ("ended", datetime.date(2018, 11, 22))
    policy = policy_in_force()
    assert policy.decision == strategy
    assert policy.no_new_twin_towns


def test_vanersborg_policy_steering_group_and_coordination_group(load):
    load("vanersborg")
    policy = policy_in_force()
    assert str(policy.decision) == "KF 2013-05-29 § 61"
    assert (policy.version, policy.published_on) == ("1.0", datetime.date(2013, 10, 15))
    assert (policy.document_owner, policy.document_responsible) == (
        "Kommunstyrelseförvaltningen",
        "Internationell samordnare",
    )
    assert not (policy.no_new_twin_towns or policy.requires_cooperation_analysis)
    steering = CoordinationGroup.objects.get(kind=GroupKind.STEERING_GROUP)
    assert steering.body.abbreviation == "KSAU"
    assert str(steering.decision) == "KS 2012-06-05 § 173"
    coordination = CoordinationGroup.objects.get(kind=GroupKind.COORDINATION_GROUP)
    assert coordination.convened_by.is_central_office
    assert not coordination.one_contact_per_unit


def test_lidkoping_policy_international_group_v6_and_skr(load):
    load("lidkoping")
    policy = policy_in_force()
    assert policy.decision.date == datetime.date(2020, 9, 28)
    assert policy.decision.body.abbreviation == "KF"
    assert policy.requires_cooperation_analysis and policy.requires_travel_considerations
    group = CoordinationGroup.objects.get(kind=GroupKind.INTERNATIONAL_GROUP)
    assert group.one_contact_per_unit
    assert {"V6", "SKR"} <= set(Organisation.objects.values_list("acronym", flat=True))


def test_molndal_guidelines_by_ks(load):
    load("molndal")
    policy = policy_in_force(on=datetime.date(2022, 6, 1))
    assert str(policy.decision) == "KS 2021-01-13"
    assert policy.next_revision_on == datetime.date(2022, 12, 31)


def database_rows() -> dict:
    """How many rows each of the product's tables holds."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_config.name.startswith("cooperation.")
    }


def test_a_second_municipality_is_refused_and_nothing_changes(load):
    load("goteborg")
    before = database_rows()
    with pytest.raises(SecondMunicipality) as refusal:
        call_command("loaddata", "reference", "lidkoping", verbosity=0)
    message = str(refusal.value)
    assert (
        "Den här installationen har portföljen för Göteborgs Stad, och en installation har en enda kommun: Lidköpings "
        "kommun kan inte läggas till här." in message
    )
    assert "This installation keeps the portfolio of Göteborgs Stad" in message
    assert "seed_demo --municipality lidkoping --replace" in message
    assert database_rows() == before
    assert get_municipality().slug == "goteborg"


def test_the_same_municipality_loads_again(load):
    load("goteborg")
    before = database_rows()
    load("goteborg")
    assert database_rows() == before


ADOPTED = {
    "molndal": datetime.date(2021, 1, 13),  # KS 210113; the title's "2021-2022" gives no earlier start
    "vanersborg": datetime.date(2013, 5, 29),
    "lidkoping": datetime.date(2020, 9, 28),
    "jonkoping": datetime.date(2018, 11, 22),
}


@pytest.mark.parametrize(("slug", "adopted"), ADOPTED.items())
def test_a_policy_is_in_force_from_its_adoption_not_before(load, slug, adopted):
    load(slug)
    policy = Policy.objects.get()
    assert policy.valid_from == adopted == policy.decision.date
    assert policy_in_force(adopted) == policy
    assert policy_in_force(adopted - datetime.timedelta(days=1)) is None


def test_grazs_end_date_is_the_strategys_and_the_real_end_unknown(load):
    load("jonkoping")
    graz = CityRelation.objects.get(city="Graz")
    assert graz.ended_on == datetime.date(2018, 11, 22)
    assert "okänt" in graz.end_reason and "strategins datum" in graz.end_reason


def test_lidkopings_international_group_is_run_by_the_unit_the_policy_names(load):
    load("lidkoping")
    group = CoordinationGroup.objects.get(kind=GroupKind.INTERNATIONAL_GROUP)
    assert group.convened_by.name == "Kommunstyrelsens verksamheter"
