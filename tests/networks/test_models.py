import datetime

import pytest

from cooperation.networks.choices import DeclarationStatus, MembershipKind
from cooperation.networks.models import Declaration, Membership, Organisation
from cooperation.steering.models import Evaluation
from tests.helpers import assert_refused, assert_valid

pytestmark = pytest.mark.django_db
D = datetime.date

COMMON_NEEDS_KF_KS = (
    "Beslut: ett medlemskap av kommungemensamt intresse beslutas av kommunfullmäktige (KF) eller kommunstyrelsen (KS)."
)
SECTOR_NEEDS_COMMITTEE = "Beslut: ett branschspecifikt medlemskap beslutas av en nämnd eller bolagsstyrelse."


@pytest.fixture
def network(db):
    return Organisation.objects.create(name="Eurocities")


SINCE = D(2019, 3, 1)


def membership(network, kind, unit, decision, since=SINCE, **extra):
    return Membership(organisation=network, kind=kind, unit=unit, decision=decision, member_since=since, **extra)


@pytest.mark.parametrize("decision", [None, "committee_a_decision"])
def test_common_interest_membership_needs_kf_or_ks(org, network, decision):
    item = membership(
        network, MembershipKind.COMMON_INTEREST, org.central, getattr(org, decision) if decision else None
    )
    assert_refused(item, "decision", COMMON_NEEDS_KF_KS)


@pytest.mark.parametrize("decision", ["kf_decision", "ks_decision"])
def test_common_interest_membership_accepts_kf_or_ks(org, network, decision):
    assert_valid(membership(network, MembershipKind.COMMON_INTEREST, org.central, getattr(org, decision)))


@pytest.mark.parametrize("decision", [None, "ks_decision", "kf_decision"])
def test_sector_specific_membership_needs_a_committee(org, network, decision):
    item = membership(network, MembershipKind.SECTOR_SPECIFIC, org.unit_a, getattr(org, decision) if decision else None)
    assert_refused(item, "decision", SECTOR_NEEDS_COMMITTEE)


def test_sector_specific_membership_needs_the_units_own_committee(org, network):
    item = membership(network, MembershipKind.SECTOR_SPECIFIC, org.unit_a, org.committee_b_decision)
    assert_refused(
        item,
        "decision",
        "Beslut: ett branschspecifikt medlemskap beslutas av medlemsenhetens egen nämnd eller styrelse (Miljönämnden).",
    )
    item.decision = org.committee_a_decision
    assert_valid(item)


def test_membership_end_not_before_start(org, network):
    item = membership(network, MembershipKind.COMMON_INTEREST, org.central, org.ks_decision, member_until=D(2018, 1, 1))
    assert_refused(item, "member_until", "Medlem till: slutdatumet får inte vara före startdatumet.")


@pytest.mark.parametrize(
    ("evaluated_on", "due", "overdue_on_2026_11_22"),
    [
        (None, D(2022, 10, 14), True),  # a member since 2019, never evaluated: the 2018–2022 term was missed
        (D(2019, 5, 1), D(2026, 10, 14), True),  # evaluated in 2018–2022, not in 2022–2026
        (D(2023, 5, 1), D(2030, 10, 14), False),  # evaluated in 2022–2026; the next is due within 2026–2030
        (D(2026, 11, 1), D(2034, 10, 14), False),  # already evaluated in the term that just began
    ],
)
def test_sector_specific_membership_is_evaluated_once_per_term(org, network, evaluated_on, due, overdue_on_2026_11_22):
    item = membership(network, MembershipKind.SECTOR_SPECIFIC, org.unit_a, org.committee_a_decision)
    item.save()
    if evaluated_on:
        Evaluation.objects.create(membership=item, date=evaluated_on)
    assert item.evaluation_due_on == due
    assert item.is_evaluation_overdue(D(2026, 11, 22)) is overdue_on_2026_11_22
    annotated = Membership.objects.with_last_evaluation().get(pk=item.pk)
    assert annotated.evaluation_due_on == due


def test_evaluation_due_is_not_overdue_before_the_term_ends_or_after_membership_ended(org, network):
    item = membership(network, MembershipKind.SECTOR_SPECIFIC, org.unit_a, org.committee_a_decision)
    item.save()
    Evaluation.objects.create(membership=item, date=D(2019, 5, 1))
    assert not item.is_evaluation_overdue(D(2026, 10, 14))
    assert item.is_evaluation_overdue(D(2026, 10, 15))
    item.member_until = D(2025, 12, 31)
    assert not item.is_evaluation_overdue(D(2026, 11, 22))


def test_common_interest_membership_is_due_when_ks_decided(org, network):
    item = membership(
        network, MembershipKind.COMMON_INTEREST, org.central, org.ks_decision, next_review_on=D(2026, 6, 30)
    )
    assert item.evaluation_due_on == D(2026, 6, 30)
    assert item.is_evaluation_overdue(D(2026, 11, 22))


def test_declaration_is_decided_by_ks(org, network):
    declaration = Declaration(organisation=network, title="Deklaration om klimat", status=DeclarationStatus.ADOPTED)
    assert_refused(declaration, "decision", "Beslut: en antagen eller avslagen deklaration behöver KS-beslutet.")
    declaration.decision = org.committee_a_decision
    assert_refused(declaration, "decision", "Beslut: deklarationer inom ett nätverk beslutas av kommunstyrelsen (KS).")
    declaration.decision = org.ks_decision
    assert_valid(declaration)


def test_dropdowns_tell_apart_memberships_in_the_same_organisation(org, network, django_assert_num_queries):
    from cooperation.visits.forms import VisitForm

    Membership.objects.create(
        organisation=network,
        kind=MembershipKind.SECTOR_SPECIFIC,
        unit=org.unit_a,
        member_since=D(2015, 1, 1),
        member_until=D(2020, 12, 31),
    )
    Membership.objects.create(
        organisation=network, kind=MembershipKind.SECTOR_SPECIFIC, unit=org.unit_b, member_since=D(2021, 1, 1)
    )
    field = VisitForm().fields["membership"]
    with django_assert_num_queries(1):  # the organisation and the unit come with the memberships
        labels = [label for value, label in field.choices if value]
    assert labels == [f"Eurocities – {org.unit_a}, 2015–2020", f"Eurocities – {org.unit_b}, 2021–"]
