"""My profile: who I am, my roles and units, my language, and my calendar links with renew and revoke."""

import pytest
from django.urls import reverse

from cooperation.organisation.choices import Role
from cooperation.organisation.models import RoleAssignment
from cooperation.visits.models import CalendarFeed
from tests.helpers import assert_constant_queries

pytestmark = pytest.mark.django_db


def calendar_link(user, **filters) -> CalendarFeed:
    link = CalendarFeed(user=user, filters=filters)
    link.new_token()
    link.save()
    return link


def test_the_profile_shows_the_person_roles_units_and_language(client, official_a, org):
    official_a.last_name, official_a.email, official_a.language = "Andersson", "a@teststad.se", "en"
    official_a.save()
    RoleAssignment.objects.create(user=official_a, role=Role.OFFICIAL, unit=org.unit_b)
    client.force_login(official_a)
    response = client.get(reverse("profile"))
    assert response.status_code == 200
    text = response.text
    assert "Official_A Andersson" in text and "a@teststad.se" in text
    assert "Miljöförvaltningen" in text and "Kulturförvaltningen" in text
    assert "English" in text
    assert "You have no calendar links." in text


def test_the_header_links_to_the_profile(client, reader):
    client.force_login(reader)
    home = client.get(reverse("home")).text
    assert f'href="{reverse("profile")}"' in home
    assert "Min profil" in home
    profile = client.get(reverse("profile")).text
    assert f'href="{reverse("profile")}" aria-current="page"' in profile


def test_the_calendar_links_with_their_filters_and_renew_and_revoke(client, official_a, org):
    mine = calendar_link(official_a, mine=["on"], kind=["vip", "study"])
    host = calendar_link(official_a, host=[str(org.unit_b.pk)], starts_from=["2026-09-01"])
    calendar_link(official_a.__class__.objects.create_user("someone_else"), q=["Tallinn"])
    client.force_login(official_a)
    response = client.get(reverse("profile"))
    text = response.text
    assert [feed for feed, _filters in response.context["calendar_links"]] == [mine, host]  # not someone else's
    assert response.context["calendar_links"][0][1] == [
        ("Mina enheters besök", "Ja"),
        ("Typ", "VIP-besök, studiebesök"),
    ]
    assert ("Värdenhet", "Kulturförvaltningen") in response.context["calendar_links"][1][1]
    assert "Tallinn" not in text
    for link in (mine, host):
        renew = reverse("visits:calendarfeed_renew", args=[link.pk])
        assert f'<form method="post" action="{renew}"' in text
        assert reverse("visits:calendarfeed_revoke", args=[link.pk]) in text
    assert 'name="csrfmiddlewaretoken"' in text
    assert reverse("visits:calendarfeed_add") in text
    assert "aldrig" in text  # never used yet


def test_the_profile_runs_a_fixed_number_of_queries(client, official_a, org):
    calendar_link(official_a, host=[str(org.unit_a.pk)])
    client.force_login(official_a)

    def add_rows():
        for _number in range(4):
            calendar_link(official_a, host=[str(org.unit_b.pk)], kind=["vip"])

    assert_constant_queries(client, reverse("profile"), add_rows)
