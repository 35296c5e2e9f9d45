import pytest

from cooperation.cities.choices import AgreementKind, RelationKind, RelationStatus
from cooperation.cities.models import Agreement, CityRelation
from tests.helpers import assert_refused, assert_valid

pytestmark = pytest.mark.django_db

TWIN_NEEDS_KF = "Beslut: en vänort beslutas av kommunfullmäktige (KF); välj ett KF-beslut."
PARTNER_NEEDS_KS = "Beslut: en partnerstad beslutas av kommunstyrelsen (KS); välj ett KS-beslut."
NO_COMMITTEE = "Beslut: en nämnd eller bolagsstyrelse får inte sluta vänorts- eller partnerstadsavtal."
SISTER_NEEDS_KS = "Beslut: ett sister city-avtal tecknas av kommunstyrelsen (KS); välj ett KS-beslut."
NO_COMMITTEE_SISTER = (
    "Beslut: en nämnd eller bolagsstyrelse får inte teckna sister city-avtal; det gör kommunstyrelsen (KS)."
)


def relation(kind, decision=None, **extra):
    return CityRelation(city="Aarhus", country="DK", kind=kind, decision=decision, **extra)


@pytest.mark.parametrize(
    ("kind", "decision", "message"),
    [
        (RelationKind.TWIN_TOWN, None, TWIN_NEEDS_KF),
        (RelationKind.TWIN_TOWN, "ks_decision", TWIN_NEEDS_KF),
        (RelationKind.TWIN_TOWN, "committee_a_decision", NO_COMMITTEE),
        (RelationKind.PARTNER_CITY, None, PARTNER_NEEDS_KS),
        (RelationKind.PARTNER_CITY, "kf_decision", PARTNER_NEEDS_KS),
        (RelationKind.PARTNER_CITY, "committee_b_decision", NO_COMMITTEE),
    ],
)
def test_relation_refuses_decision_of_wrong_body(org, kind, decision, message):
    assert_refused(relation(kind, getattr(org, decision) if decision else None), "decision", message)


@pytest.mark.parametrize(
    ("kind", "decision"),
    [
        (RelationKind.TWIN_TOWN, "kf_decision"),
        (RelationKind.PARTNER_CITY, "ks_decision"),
        (RelationKind.ISSUE_SPECIFIC, None),
        (RelationKind.CONTACT, None),
    ],
)
def test_relation_accepts_decision_of_right_body(org, kind, decision):
    assert_valid(relation(kind, getattr(org, decision) if decision else None))


@pytest.mark.parametrize("kind", [RelationKind.TWIN_TOWN, RelationKind.PARTNER_CITY])
def test_a_relation_established_before_the_register_needs_no_decision(org, kind):
    older = CityRelation.objects.create(city="Aarhus", country="DK", kind=kind, since_year=1946)
    older.established_before_register = True  # a relation already in the register
    assert_valid(older)


def test_a_twin_town_without_decision_or_established_before_the_register_is_refused(org):
    assert_refused(relation(RelationKind.TWIN_TOWN, established_before_register=False), "decision", TWIN_NEEDS_KF)


def test_a_decision_given_for_a_relation_established_before_the_register_is_still_checked(org):
    older = relation(RelationKind.TWIN_TOWN, org.committee_a_decision, established_before_register=True)
    assert_refused(older, "decision", NO_COMMITTEE)


def test_ending_a_twin_town_needs_a_kf_decision(org):
    ended = relation(RelationKind.TWIN_TOWN, org.kf_decision, status=RelationStatus.ENDED)
    assert_refused(ended, "ended_on", "Avslutad: en avslutad relation behöver datumet då den avslutades.")
    ended.ended_on = org.kf_decision.date
    assert_refused(ended, "end_decision", "Beslut om avslut: bara kommunfullmäktige (KF) kan avsluta en vänort.")
    ended.end_decision = org.ks_decision
    assert_refused(ended, "end_decision", TWIN_NEEDS_KF)
    ended.end_decision = org.kf_decision
    assert_valid(ended)


@pytest.mark.parametrize(
    ("decision", "message"),
    [(None, SISTER_NEEDS_KS), ("kf_decision", SISTER_NEEDS_KS), ("committee_a_decision", NO_COMMITTEE_SISTER)],
)
def test_sister_city_agreement_needs_a_ks_decision(org, decision, message):
    sister = CityRelation.objects.create(city="Tianjin", country="CN", kind=RelationKind.SISTER_CITY)
    agreement = Agreement(
        relation=sister,
        kind=AgreementKind.SISTER_CITY,
        title="Avsiktsförklaring",
        decision=getattr(org, decision) if decision else None,
    )
    assert_refused(agreement, "decision", message)
    agreement.decision = org.ks_decision
    assert_valid(agreement)


def test_committee_cannot_conclude_any_agreement_under_a_partner_city(org):
    partner = CityRelation.objects.create(
        city="Gdańsk", country="PL", kind=RelationKind.PARTNER_CITY, decision=org.ks_decision
    )
    memorandum = Agreement(
        relation=partner, kind=AgreementKind.MEMORANDUM, title="Samförståndsavtal", decision=org.committee_a_decision
    )
    assert_refused(memorandum, "decision", NO_COMMITTEE)


def test_agreement_validity_end_not_before_start(org):
    partner = CityRelation.objects.create(
        city="Riga", country="LV", kind=RelationKind.PARTNER_CITY, decision=org.ks_decision
    )
    agreement = Agreement(
        relation=partner,
        kind=AgreementKind.PARTNER_CITY,
        title="Partnerstadsavtal",
        decision=org.ks_decision,
        valid_from="2024-01-01",
        valid_until="2023-12-31",
    )
    assert_refused(agreement, "valid_until", "Giltigt till: slutdatumet får inte vara före startdatumet.")
