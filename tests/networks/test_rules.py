"""The policies' rules on memberships: the analysis before one is decided, near and digital alternatives considered,
and decisions of the municipality's own bodies."""

import datetime

import pytest

from cooperation.networks.choices import DeclarationStatus, MembershipKind
from cooperation.networks.models import Declaration, Membership, Organisation
from cooperation.organisation.models import Policy
from tests.conftest import foreign_decision_message
from tests.helpers import assert_refused, assert_valid

pytestmark = pytest.mark.django_db

TRAVEL = (
    "Närliggande och digitala alternativ: kommunens policy kräver att det framgår hur närliggande kompetens och "
    "digitala möten har övervägts."
)


def membership(org, seat="BE", since=datetime.date(2025, 3, 1), **extra):
    network, _created = Organisation.objects.get_or_create(name="Eurocities", country=seat)
    return Membership(
        organisation=network,
        kind=MembershipKind.COMMON_INTEREST,
        unit=org.central,
        member_since=since,
        **{"decision": org.ks_decision, **extra},
    )


def test_a_membership_is_decided_after_the_analysis(org):
    Policy.objects.create(municipality=org.municipality, title="Strategi", requires_cooperation_analysis=True)
    item = membership(org, seat="BY")
    assert_refused(
        item, "benefit_risk_analysis", "Nytto- och riskanalys: kommunens policy kräver detta innan samarbetet beslutas."
    )
    assert_refused(
        item,
        "partner_choice_grounds",
        "Skäl för valet av organisation: kommunens policy kräver detta innan samarbetet beslutas.",
    )
    assert_refused(
        item,
        "democracy_considerations",
        "Demokrati och mänskliga rättigheter: partnerlandet räknas inte som en demokrati (Belarus); beskriv hur "
        "demokrati och mänskliga rättigheter hanteras innan samarbetet beslutas, som kommunens policy kräver.",
    )
    item.benefit_risk_analysis = "Nytta: erfarenhetsutbyte."
    item.partner_choice_grounds = "Nätverket samlar städer med samma frågor."
    item.democracy_considerations = "Sekretariatet i Minsk; vi deltar bara i öppna möten."
    assert_valid(item)


def test_a_new_membership_says_how_near_and_digital_alternatives_were_considered(org):
    Policy.objects.create(
        municipality=org.municipality,
        title="Policy",
        valid_from=datetime.date(2021, 1, 1),
        requires_travel_considerations=True,
    )
    item = membership(org)
    assert_refused(item, "travel_considerations", TRAVEL)
    item.travel_considerations = "Nordiska nätverk saknas i frågan; möten hålls mest digitalt."
    assert_valid(item)
    assert_valid(membership(org, since=datetime.date(2015, 1, 1)))  # joined before the policy asked


def test_decisions_are_the_municipalitys_own(org, foreign_decision):
    assert_refused(membership(org, decision=foreign_decision), "decision", foreign_decision_message("Beslut"))
    declaration = Declaration(
        organisation=Organisation.objects.create(name="ICLEI"),
        title="Deklaration",
        status=DeclarationStatus.ADOPTED,
        decision=foreign_decision,
    )
    assert_refused(declaration, "decision", foreign_decision_message("Beslut"))
