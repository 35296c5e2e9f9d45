"""The server errors the fuzzing found, each pinned by a plain test."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from cooperation.networks.choices import MembershipKind
from cooperation.networks.models import Membership, Organisation
from cooperation.projects.models import FundingSource, Project
from tests.fuzz.tables import row_counts
from tests.helpers import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(org):
    return Project.objects.create(
        title="Fossilfria hamnar",
        owner=org.unit_a,
        funding_source=FundingSource.objects.get(code="eu"),
        start_date=datetime.date(2025, 1, 1),
    )


@pytest.mark.parametrize("version", ["²", "٣", "99999999999999999999999", "-1", "1\x00"])
def test_an_edit_form_with_a_strange_version_is_a_conflict_not_a_500(client, official_a, project, version):
    """isdigit() passes "²" (a superscript two), which int() refuses: the version posted back is read as ASCII
    digits or not at all."""
    client.force_login(official_a)
    url = reverse("projects:project_edit", args=[project.pk])
    data = form_data(client.get(url), title="Ändrad titel", _version=version)
    before = row_counts()
    response = client.post(url, data)
    assert response.status_code in (302, 409)
    if response.status_code == 409:
        assert row_counts() == before
        project.refresh_from_db()
        assert project.title == "Fossilfria hamnar"


@pytest.mark.parametrize("pk", ["²", "٣", "99999999999999999999999", "-1", "1 "])
def test_a_notice_about_an_item_that_is_no_number_is_not_found(client, official_a, project, pk):
    client.force_login(official_a)
    assert client.get(reverse("notices:notice_add"), {"project": pk}).status_code == 404
    response = client.post(reverse("notices:notice_add"), {"_item_project": pk, "summary": "x", "area": "projects"})
    assert response.status_code == 404


@pytest.mark.parametrize("pk", ["99999999999999999999999", "-99999999999999999999999", "9223372036854775808"])
def test_a_choice_of_many_rows_past_any_key_is_refused_on_the_field(client, official_a, org, pk):
    """SQLite cannot compare a number past 64 bits: `id IN (…)` with one failed with OverflowError (a 500)."""
    client.force_login(official_a)
    url = reverse("projects:project_add")
    data = form_data(client.get(url), title="Hamnar", owner=str(org.unit_a.pk), goals=[pk])
    before = row_counts()
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["goals"]
    assert row_counts() == before


@pytest.mark.parametrize("extra", [{}, {"annual_fee": Decimal(25_000), "next_review_on": datetime.date(2027, 6, 1)}])
def test_a_membership_without_decision_or_fee_shows_its_evaluation_group(client, reader, org, extra):
    """The page leaves out groups without a value; the evaluation group was found by its place among all the
    fieldsets, so a membership without decision or fee failed with IndexError (a 500) or filled the wrong group."""
    network = Organisation.objects.create(name="Eurocities", country="BE")
    membership = Membership.objects.create(
        organisation=network,
        kind=MembershipKind.SECTOR_SPECIFIC,
        unit=org.unit_a,
        member_since=datetime.date(2023, 1, 1),
        **extra,
    )
    client.force_login(reader)
    response = client.get(membership.get_absolute_url())
    assert response.status_code == 200
    groups = {str(title): dict(shown) for title, shown in response.context["groups"]}
    assert len(groups) == len(response.context["groups"])  # no group twice
    assert "Utvärdering försenad" in {str(label) for label in groups["Utvärdering"]}
    assert list(groups).index("Utvärdering") == len([t for t in groups if t in ("Medlemskapet", "Beslut", "Ekonomi")])
