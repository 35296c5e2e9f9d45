"""Signing in lands on the start page, which needs a signed-in person; the main menu marks where one is."""

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_start_page_needs_sign_in(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_sign_in_greets_the_user_with_units_and_roles(client, official_a, org):
    response = client.post(reverse("login"), {"username": "official_a", "password": PASSWORD}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Välkommen, Official_A" in html
    assert "Handläggare</strong>, Miljöförvaltningen" in html
    assert "Internationella projekt" in html


def test_start_page_counts_registers_with_a_fixed_number_of_queries(client, official_a, django_assert_max_num_queries):
    client.force_login(official_a)
    with django_assert_max_num_queries(25):
        client.get(reverse("home"))


def test_the_main_menu_marks_the_register_of_the_page(client, official_a):
    client.force_login(official_a)
    html = client.get(reverse("projects:project_add")).content.decode()
    assert f'<a href="{reverse("projects:project_list")}" aria-current="true">' in html
    assert f'<a href="{reverse("steering:policy_list")}">' in html
