"""When a city relation started: the flag for relations older than the register, its first year, the standing rules
that depend on it (no new twin towns, the analysis before a cooperation starts), and a memorandum under a twin town."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperation.cities.choices import AgreementKind, RelationKind, RelationStatus
from cooperation.cities.models import Agreement, CityRelation
from cooperation.organisation.models import Policy
from tests.helpers import assert_refused, assert_valid, errors_of, form_data

pytestmark = pytest.mark.django_db

NEW_BEFORE_REGISTER = (
    "Etablerad före registret: bara en relation som redan finns i registret kan markeras så; registrera en ny "
    "relation med sitt beslut."
)
SINCE_AFTER_POLICY = (
    "Sedan (år): en relation som etablerades före registret började innan policyn antogs ({}); ange ett tidigare "
    "år, eller registrera dess beslut i stället."
)
NO_NEW_TWIN_TOWN = "Typ: enligt kommunens policy ingås inga nya vänorter; välj en annan typ."
NO_NEW_TWIN_AGREEMENT = "Typ: enligt kommunens policy träffas inga nya vänortsavtal; välj en annan typ."
ANALYSIS = "{}: kommunens policy kräver detta innan samarbetet beslutas."
DEMOCRACY_CN = (
    "Demokrati och mänskliga rättigheter: partnerlandet räknas inte som en demokrati (Kina); beskriv hur demokrati "
    "och mänskliga rättigheter hanteras innan samarbetet beslutas, som kommunens policy kräver."
)


def policy(org, adopted=datetime.date(2018, 11, 22), **rules):
    return Policy.objects.create(
        municipality=org.municipality, title="Internationell strategi", valid_from=adopted, **rules
    )


# 4. The flag "established before the register"


def test_a_new_relation_cannot_be_marked_established_before_the_register(org):
    new = CityRelation(city="Aarhus", country="DK", kind=RelationKind.TWIN_TOWN, established_before_register=True)
    assert_refused(new, "established_before_register", NEW_BEFORE_REGISTER)
    new.established_before_register, new.decision = False, org.kf_decision
    assert_valid(new)


def test_a_relation_in_the_register_keeps_its_flag_and_needs_no_decision(org):
    older = CityRelation.objects.create(city="Bergen", country="NO", kind=RelationKind.TWIN_TOWN, since_year=1946)
    older.established_before_register = True
    assert_valid(older)


def test_the_year_of_a_relation_older_than_the_register_precedes_the_policy(org):
    policy(org)
    older = CityRelation.objects.create(city="Bergen", country="NO", kind=RelationKind.PARTNER_CITY)
    older.established_before_register = True
    assert_valid(older)  # the year is optional: Göteborg's and Jönköping's texts give none
    older.since_year = 2019
    assert_refused(older, "since_year", SINCE_AFTER_POLICY.format(2018))
    older.since_year = 2018  # a year cannot tell before or after the adoption that year
    assert_valid(older)


def test_a_coordinator_cannot_post_a_new_partner_city_without_a_decision(client, coordinator, org):
    client.force_login(coordinator)
    url = reverse("cities:cityrelation_add")
    response = client.get(url)
    assert "established_before_register" not in response.context["form"].fields
    data = form_data(response, city="Gdańsk", country="PL", kind="partner_city", status="active")
    response = client.post(url, {**data, "established_before_register": "on"})
    assert response.status_code == 200
    assert response.context["form"].errors["decision"] == [
        "Beslut: en partnerstad beslutas av kommunstyrelsen (KS); välj ett KS-beslut."
    ]
    assert not CityRelation.objects.exists()


# 13. The year's bounds


@pytest.mark.parametrize(
    ("year", "message"),
    [
        (999, "Sedan (år): ange ett år från 1000 och framåt."),
        (99999, "Sedan (år): året kan inte vara senare än {}."),
    ],
)
def test_the_first_year_is_a_real_year(org, year, message):
    relation = CityRelation(city="Gdańsk", country="PL", kind=RelationKind.ISSUE_SPECIFIC, since_year=year)
    assert_refused(relation, "since_year", message.format(timezone.localdate().year))
    relation.since_year = timezone.localdate().year
    assert_valid(relation)


# 11. "No new twin towns" and twin towns older than the policy


def test_a_twin_town_decided_before_the_policy_is_not_new(org):
    policy(org, no_new_twin_towns=True)
    older = CityRelation(
        city="Tartu", country="EE", kind=RelationKind.TWIN_TOWN, decision=org.decision(org.kf, "1988-05-26", "12")
    )
    assert_valid(older)
    older.decision = org.kf_decision  # KF 2024-03-12: after the strategy
    assert_refused(older, "kind", NO_NEW_TWIN_TOWN)


def test_a_twin_town_older_than_the_policy_by_its_year_or_flag_is_not_new(org):
    policy(org, no_new_twin_towns=True)
    relation = CityRelation.objects.create(city="Tartu", country="EE", kind=RelationKind.PARTNER_CITY)
    relation.kind = RelationKind.TWIN_TOWN
    relation.established_before_register = True
    assert_valid(relation)  # recorded as a twin town established before the register
    relation.established_before_register, relation.decision = False, org.kf_decision
    relation.since_year = 1990
    assert_refused(relation, "kind", NO_NEW_TWIN_TOWN)  # the decision (2024) says when it started


def test_a_twin_town_agreement_signed_before_the_policy_is_not_new(org):
    policy(org, no_new_twin_towns=True)
    tartu = CityRelation.objects.create(city="Tartu", country="EE", kind=RelationKind.TWIN_TOWN)
    agreement = Agreement(relation=tartu, kind=AgreementKind.TWIN_TOWN, title="Vänortsavtal")
    agreement.decision = org.decision(org.kf, "1988-05-26", "12")
    assert_valid(agreement)
    agreement.decision = org.kf_decision
    assert_refused(agreement, "kind", NO_NEW_TWIN_AGREEMENT)


# 7. An active relation has started, with or without a decision (Lidköping)


def test_an_active_relation_without_a_decision_has_started_and_asks_for_the_analysis(org):
    policy(org, adopted=datetime.date(2020, 9, 28), requires_cooperation_analysis=True)
    tianjin = CityRelation(city="Tianjin", country="CN", kind=RelationKind.ISSUE_SPECIFIC)
    errors = errors_of(tianjin)
    assert errors["benefit_risk_analysis"] == [ANALYSIS.format("Nytto- och riskanalys")]
    assert errors["partner_choice_grounds"] == [ANALYSIS.format("Skäl för valet av partner")]
    assert errors["democracy_considerations"] == [DEMOCRACY_CN]
    tianjin.status = RelationStatus.DORMANT  # not under way: not asked yet
    assert_valid(tianjin)


def test_an_active_relation_that_started_before_the_policy_is_not_caught(org):
    policy(org, adopted=datetime.date(2020, 9, 28), requires_cooperation_analysis=True)
    assert_valid(CityRelation(city="Tianjin", country="CN", kind=RelationKind.ISSUE_SPECIFIC, since_year=2010))
    later = CityRelation(city="Tianjin", country="CN", kind=RelationKind.ISSUE_SPECIFIC, since_year=2021)
    assert_refused(later, "benefit_risk_analysis", ANALYSIS.format("Nytto- och riskanalys"))


def test_a_relation_recorded_before_the_policy_is_not_caught_when_edited(org):
    tianjin = CityRelation.objects.create(city="Tianjin", country="CN", kind=RelationKind.ISSUE_SPECIFIC)
    tianjin.history.update(history_date=timezone.make_aware(datetime.datetime(2019, 5, 1)))
    policy(org, adopted=datetime.date(2020, 9, 28), requires_cooperation_analysis=True)
    tianjin.description = "Miljöteknik."
    assert_valid(tianjin)


# 9. A memorandum of understanding under a twin town (Göteborg)


def test_a_memorandum_of_understanding_stands_under_a_twin_town(org):
    aarhus = CityRelation.objects.create(city="Aarhus", country="DK", kind=RelationKind.TWIN_TOWN)
    memorandum = Agreement(relation=aarhus, kind=AgreementKind.MEMORANDUM, title="Samförståndsavtal om hamnar")
    assert_valid(memorandum)
