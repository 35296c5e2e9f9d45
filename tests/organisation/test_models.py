"""One municipality per installation; the groups; one international contact person per unit where the policy says so."""

import pytest
from django.urls import reverse

from cooperation.organisation.choices import GroupKind, Role
from cooperation.organisation.models import (
    CoordinationGroup,
    Municipality,
    Policy,
    RoleAssignment,
    SecondMunicipality,
    get_municipality,
)
from tests.conftest import foreign_decision_message, make_user
from tests.helpers import assert_refused, assert_valid

pytestmark = pytest.mark.django_db

SECOND = (
    "Den här installationen har portföljen för Teststads kommun, och en installation har en enda kommun: Andra "
    "kommunen kan inte läggas till här. Andra kommunen behöver en egen installation."
)
ONE_CONTACT = (
    "Enhet: Miljöförvaltningen har redan en internationell kontaktperson (Karin); policyn anger en per förvaltning."
)


def test_a_second_municipality_is_refused_on_every_path(org):
    second = Municipality(name="Andra kommunen", short_name="Andra", slug="andra")
    assert_refused(second, "name", SECOND)
    with pytest.raises(SecondMunicipality):
        second.save()
    with pytest.raises(SecondMunicipality):
        Municipality.objects.create(name="Tredje kommunen", short_name="Tredje", slug="tredje")
    assert list(Municipality.objects.all()) == [org.municipality]
    assert get_municipality() == org.municipality
    org.municipality.name = "Teststads kommun (ändrad)"
    assert_valid(org.municipality)
    org.municipality.save()  # the municipality itself may change


def test_the_admin_refuses_a_second_municipality_with_the_message(admin_client, org):
    url = reverse("admin:organisation_municipality_add")
    data = {
        "name": "Andra kommunen",
        "short_name": "Andra",
        "slug": "andra",
        "bodies-TOTAL_FORMS": "0",
        "bodies-INITIAL_FORMS": "0",
        "units-TOTAL_FORMS": "0",
        "units-INITIAL_FORMS": "0",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Den här installationen har portföljen för Teststads kommun" in response.content.decode()
    assert Municipality.objects.count() == 1


@pytest.fixture
def international_group(org):
    return CoordinationGroup.objects.create(
        municipality=org.municipality,
        name="Kommunens internationella grupp",
        kind=GroupKind.INTERNATIONAL_GROUP,
        body=org.ks,
        one_contact_per_unit=True,
    )


def contact(username, unit):
    user = make_user(username, Role.OFFICIAL, unit)
    return RoleAssignment(user=user, role=Role.CONTACT_PERSON, unit=unit)


def test_one_contact_person_per_unit_where_the_group_says_so(org, international_group):
    first = contact("karin", org.unit_a)
    assert_valid(first)
    first.save()
    assert_refused(contact("omar", org.unit_a), "unit", ONE_CONTACT)
    assert_valid(contact("sara", org.unit_b))
    assert_valid(first)  # the contact person's own assignment stays editable


def test_several_contact_persons_where_no_group_asks_for_one(org, international_group):
    international_group.one_contact_per_unit = False
    international_group.save()
    contact("karin", org.unit_a).save()
    assert_valid(contact("omar", org.unit_a))


def test_the_admin_refuses_a_second_contact_person_with_the_message(admin_client, org, international_group):
    contact("karin", org.unit_a).save()
    other = make_user("omar", Role.OFFICIAL, org.unit_a)
    url = reverse("admin:organisation_roleassignment_add")
    response = admin_client.post(url, {"user": other.pk, "role": Role.CONTACT_PERSON, "unit": org.unit_a.pk})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["unit"] == [ONE_CONTACT]
    assert not RoleAssignment.objects.filter(user=other, role=Role.CONTACT_PERSON).exists()


def test_a_group_keeps_its_history_with_its_members(org, international_group):
    international_group.member_units.add(org.unit_a)
    international_group.mandate = "Informations- och kunskapsförmedlare."
    international_group.save()
    latest = international_group.history.first()
    assert latest.mandate == "Informations- och kunskapsförmedlare."
    assert list(latest.member_units.values_list("unit_id", flat=True)) == [org.unit_a.pk]


def test_a_policy_is_adopted_by_its_own_municipalitys_council(org, foreign_decision):
    policy = Policy(municipality=org.municipality, title="Internationell policy", decision=foreign_decision)
    assert_refused(policy, "decision", foreign_decision_message("Antagandebeslut"))
    policy.decision = org.kf_decision
    assert_valid(policy)
