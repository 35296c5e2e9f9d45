"""The policies' rules on city relations: sister cities, agreement kinds, no new twin towns, the analysis first."""

import datetime

import pytest
from django.urls import reverse

from cooperation.cities.choices import AgreementKind, RelationKind, RelationStatus
from cooperation.cities.models import Agreement, CityActivity, CityRelation
from cooperation.organisation.models import Policy
from tests.conftest import foreign_decision_message
from tests.helpers import assert_refused, assert_valid, errors_of
from tests.notices.test_every_path import admin_form_data

pytestmark = pytest.mark.django_db

SISTER_NEEDS_KS = "Beslut: en systerstad beslutas av kommunstyrelsen (KS); välj ett KS-beslut."
NO_COMMITTEE_SISTER = (
    "Beslut: en nämnd eller bolagsstyrelse får inte teckna sister city-avtal; det gör kommunstyrelsen (KS)."
)
NO_NEW_TWIN_TOWN = "Typ: enligt kommunens policy ingås inga nya vänorter; välj en annan typ."
NO_NEW_TWIN_AGREEMENT = "Typ: enligt kommunens policy träffas inga nya vänortsavtal; välj en annan typ."
ANALYSIS = "{}: kommunens policy kräver detta innan samarbetet beslutas."


@pytest.mark.parametrize(
    ("decision", "message"),
    [(None, SISTER_NEEDS_KS), ("kf_decision", SISTER_NEEDS_KS), ("committee_a_decision", NO_COMMITTEE_SISTER)],
)
def test_a_sister_city_needs_a_ks_decision(org, decision, message):
    sister = CityRelation(city="Tianjin", country="CN", kind=RelationKind.SISTER_CITY)
    sister.decision = getattr(org, decision) if decision else None
    assert_refused(sister, "decision", message)
    sister.decision = org.ks_decision
    assert_valid(sister)


def test_a_sister_city_is_ended_by_ks_too(org):
    sister = CityRelation(
        city="Tianjin",
        country="CN",
        kind=RelationKind.SISTER_CITY,
        decision=org.ks_decision,
        status=RelationStatus.ENDED,
        ended_on=datetime.date(2025, 1, 1),
        end_decision=org.committee_a_decision,
    )
    assert_refused(sister, "end_decision", NO_COMMITTEE_SISTER)


def fits(kind: str, relation: str) -> str:
    return f"Typ: avtalstypen {kind} passar inte en relation av typen {relation}."


@pytest.mark.parametrize(
    ("relation_kind", "agreement_kind", "message"),
    [
        (RelationKind.PARTNER_CITY, AgreementKind.TWIN_TOWN, fits("vänortsavtal", "partnerstad")),
        (RelationKind.TWIN_TOWN, AgreementKind.PARTNER_CITY, fits("partnerstadsavtal", "vänort")),
        (
            RelationKind.PARTNER_CITY,
            AgreementKind.SISTER_CITY,
            fits("sister city-avtal (avsiktsförklaring)", "partnerstad"),
        ),
        (RelationKind.CONTACT, AgreementKind.MEMORANDUM, fits("samförståndsavtal", "etablerad kontakt")),
    ],
)
def test_an_agreement_fits_its_relation(org, relation_kind, agreement_kind, message):
    relation = CityRelation.objects.create(city="Riga", country="LV", kind=relation_kind)
    agreement = Agreement(relation=relation, kind=agreement_kind, title="Avtal", decision=org.ks_decision)
    assert_refused(agreement, "kind", message)


@pytest.mark.parametrize(
    ("relation_kind", "agreement_kind", "decision"),
    [
        (RelationKind.TWIN_TOWN, AgreementKind.TWIN_TOWN, "kf_decision"),
        (RelationKind.PARTNER_CITY, AgreementKind.PARTNER_CITY, "ks_decision"),
        (RelationKind.SISTER_CITY, AgreementKind.SISTER_CITY, "ks_decision"),
        (RelationKind.PARTNER_CITY, AgreementKind.MEMORANDUM, "ks_decision"),
        (RelationKind.TWIN_TOWN, AgreementKind.MEMORANDUM, "kf_decision"),  # Göteborg: also with twin towns
        (RelationKind.ISSUE_SPECIFIC, AgreementKind.MEMORANDUM, None),
        (RelationKind.ISSUE_SPECIFIC, AgreementKind.COOPERATION, None),
        (RelationKind.TWIN_TOWN, AgreementKind.COOPERATION, "kf_decision"),
        (RelationKind.CONTACT, AgreementKind.COOPERATION, None),
    ],
)
def test_agreement_kinds_that_fit(org, relation_kind, agreement_kind, decision):
    relation = CityRelation.objects.create(city="Riga", country="LV", kind=relation_kind)
    agreement = Agreement(
        relation=relation, kind=agreement_kind, title="Avtal", decision=getattr(org, decision) if decision else None
    )
    assert_valid(agreement)


def test_an_agreement_is_checked_against_a_relation_not_saved_yet(org):
    relation = CityRelation(city="Riga", country="LV", kind=RelationKind.PARTNER_CITY)
    agreement = Agreement(relation=relation, kind=AgreementKind.TWIN_TOWN, title="Avtal", decision=org.kf_decision)
    assert errors_of(agreement)["kind"] == [fits("vänortsavtal", "partnerstad")]


@pytest.fixture
def no_new_twin_towns(org):
    return Policy.objects.create(municipality=org.municipality, title="Internationell strategi", no_new_twin_towns=True)


def test_no_new_twin_town_where_the_policy_says_so(org, no_new_twin_towns):
    new = CityRelation(city="Bodø", country="NO", kind=RelationKind.TWIN_TOWN, decision=org.kf_decision)
    assert_refused(new, "kind", NO_NEW_TWIN_TOWN)
    new.kind, new.decision = RelationKind.PARTNER_CITY, org.ks_decision
    assert_valid(new)
    new.save()
    new.kind, new.decision = RelationKind.TWIN_TOWN, org.kf_decision  # changed into a twin town: new all the same
    assert_refused(new, "kind", NO_NEW_TWIN_TOWN)


def test_existing_twin_towns_are_still_edited_and_ended(org, no_new_twin_towns):
    bodo = CityRelation.objects.create(city="Bodø", country="NO", kind=RelationKind.TWIN_TOWN, decision=org.kf_decision)
    bodo.description = "Kultur, skola och idrott."
    assert_valid(bodo)
    bodo.status, bodo.ended_on, bodo.end_decision = RelationStatus.ENDED, datetime.date(2025, 1, 1), org.kf_decision
    assert_valid(bodo)


def test_new_twin_towns_are_allowed_without_the_rule(org):
    Policy.objects.create(municipality=org.municipality, title="Policy")
    assert_valid(CityRelation(city="Bodø", country="NO", kind=RelationKind.TWIN_TOWN, decision=org.kf_decision))


def test_no_new_twin_town_agreement_where_the_policy_says_so(org, no_new_twin_towns):
    bodo = CityRelation.objects.create(city="Bodø", country="NO", kind=RelationKind.TWIN_TOWN, decision=org.kf_decision)
    agreement = Agreement(
        relation=bodo, kind=AgreementKind.TWIN_TOWN, title="Nytt vänortsavtal", decision=org.kf_decision
    )
    assert_refused(agreement, "kind", NO_NEW_TWIN_AGREEMENT)
    agreement.kind = AgreementKind.COOPERATION
    assert_valid(agreement)
    agreement.kind = AgreementKind.TWIN_TOWN
    agreement.save()  # an agreement concluded before the strategy is kept and edited
    agreement.priority_areas = "Kultur"
    assert_valid(agreement)


@pytest.fixture
def analysis_policy(org):
    return Policy.objects.create(
        municipality=org.municipality, title="Internationell strategi", requires_cooperation_analysis=True
    )


def test_a_relation_is_decided_after_the_analysis(org, analysis_policy):
    partner = CityRelation(city="Gdańsk", country="PL", kind=RelationKind.PARTNER_CITY, decision=org.ks_decision)
    assert_refused(partner, "benefit_risk_analysis", ANALYSIS.format("Nytto- och riskanalys"))
    assert_refused(partner, "partner_choice_grounds", ANALYSIS.format("Skäl för valet av partner"))
    partner.benefit_risk_analysis = "Nytta: hamnfrågor. Risk: liten."
    partner.partner_choice_grounds = "Samma utmaningar i hamnen."
    assert_valid(partner)  # Poland is a democracy: nothing more is asked


def test_a_relation_neither_decided_nor_active_needs_no_analysis_yet(org, analysis_policy):
    assert_valid(
        CityRelation(city="Gdańsk", country="PL", kind=RelationKind.ISSUE_SPECIFIC, status=RelationStatus.DORMANT)
    )


def test_a_partner_country_that_is_not_a_democracy_asks_for_democracy_considerations(org, analysis_policy):
    tianjin = CityRelation(
        city="Tianjin",
        country="CN",
        kind=RelationKind.SISTER_CITY,
        decision=org.ks_decision,
        benefit_risk_analysis="Näringsliv.",
        partner_choice_grounds="Etablerade kontakter.",
    )
    assert_refused(
        tianjin,
        "democracy_considerations",
        "Demokrati och mänskliga rättigheter: partnerlandet räknas inte som en demokrati (Kina); beskriv hur "
        "demokrati och mänskliga rättigheter hanteras innan samarbetet beslutas, som kommunens policy kräver.",
    )
    tianjin.democracy_considerations = "Dialog om mänskliga rättigheter ingår; UD:s rapport om Kina är läst."
    assert_valid(tianjin)


def test_a_relation_decided_before_the_policy_needs_no_analysis(org, analysis_policy):
    analysis_policy.valid_from = datetime.date(2025, 1, 1)
    analysis_policy.save()
    assert_valid(CityRelation(city="Gdańsk", country="PL", kind=RelationKind.PARTNER_CITY, decision=org.ks_decision))


def test_decisions_are_the_municipalitys_own(org, foreign_decision):
    partner = CityRelation(city="Gdańsk", country="PL", kind=RelationKind.PARTNER_CITY, decision=foreign_decision)
    assert_refused(partner, "decision", foreign_decision_message("Beslut"))
    partner.decision = org.ks_decision
    partner.save()
    agreement = Agreement(
        relation=partner, kind=AgreementKind.PARTNER_CITY, title="Partnerstadsavtal", decision=foreign_decision
    )
    assert_refused(agreement, "decision", foreign_decision_message("Beslut"))


NOT_DOING_THE_WORK = (
    "Enhet: en aktivitet genomförs av någon av de enheter som bedriver det löpande arbetet inom relationen; välj en "
    "av dem, eller lägg först till enheten bland relationens enheter."
)


@pytest.fixture
def gdansk(org):
    relation = CityRelation.objects.create(
        city="Gdańsk", country="PL", kind=RelationKind.PARTNER_CITY, decision=org.ks_decision
    )
    relation.units.set([org.unit_a])
    return relation


def activity_of(relation, unit):
    return CityActivity(relation=relation, unit=unit, title="Hamnseminarium", start_date=datetime.date(2026, 5, 4))


def test_an_activity_is_carried_out_by_a_unit_doing_the_work(org, gdansk):
    assert_refused(activity_of(gdansk, org.unit_b), "unit", NOT_DOING_THE_WORK)
    assert_valid(activity_of(gdansk, org.unit_a))


def test_an_activity_is_checked_against_the_units_a_form_posts(org, gdansk):
    gdansk.posted_unit_ids = {org.unit_a.pk, org.unit_b.pk}
    assert_valid(activity_of(gdansk, org.unit_b))
    gdansk.posted_unit_ids = {org.unit_b.pk}
    assert_refused(activity_of(gdansk, org.unit_a), "unit", NOT_DOING_THE_WORK)


def test_an_activity_recorded_before_its_unit_left_the_work_stays(org, gdansk):
    activity = activity_of(gdansk, org.unit_a)
    activity.save()
    gdansk.units.set([org.unit_b])
    activity.title = "Digitalt hamnseminarium"
    assert_valid(activity)
    other = CityRelation.objects.create(city="Rostock", country="DE", kind=RelationKind.PARTNER_CITY)
    other.units.set([org.unit_b])
    activity.relation = other  # moved to a relation its unit does not work on: checked again
    assert_refused(activity, "unit", NOT_DOING_THE_WORK)


def test_the_admin_refuses_an_activity_of_a_unit_not_doing_the_work(admin_client, org, gdansk):
    data = {"relation": gdansk.pk, "unit": org.unit_b.pk, "title": "Kulturutbyte", "start_date": "2026-05-04"}
    response = admin_client.post(reverse("admin:cities_cityactivity_add"), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["unit"] == [NOT_DOING_THE_WORK]
    assert not CityActivity.objects.exists()


@pytest.mark.parametrize(("units", "saved"), [(["unit_a", "unit_b"], True), (["unit_a"], False)])
def test_the_admin_checks_inline_activities_against_the_units_it_posts(admin_client, org, gdansk, units, saved):
    url = reverse("admin:cities_cityrelation_change", args=[gdansk.pk])
    data = admin_form_data(admin_client.get(url), units=[str(getattr(org, unit).pk) for unit in units])
    data |= {
        "activities-TOTAL_FORMS": "1",
        "activities-0-title": "Kulturutbyte",
        "activities-0-unit": str(org.unit_b.pk),
        "activities-0-kind": "exchange",
        "activities-0-start_date": "2026-05-04",
    }
    response = admin_client.post(url, data)
    assert CityActivity.objects.filter(unit=org.unit_b).exists() == saved
    if not saved:
        errors = [form.errors for inline in response.context["inline_admin_formsets"] for form in inline.formset]
        assert {"unit": [NOT_DOING_THE_WORK]} in errors
