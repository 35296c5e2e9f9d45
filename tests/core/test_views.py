"""Signing in and out, and the language switch: the shared views every page relies on."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_login_page_is_swedish_and_accessible(client):
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv">' in html
    assert 'href="#main"' in html and 'id="main"' in html
    assert '<label class="label" for="id_username">Användarnamn</label>' in html


def test_wrong_password_is_refused_in_swedish(client, official_a):
    response = client.post(reverse("login"), {"username": "official_a", "password": "wrong"})
    assert response.status_code == 200
    assert "Användarnamnet och lösenordet stämde inte" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_out_is_a_post(client, official_a):
    client.force_login(official_a)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_language_switch_to_english(client, official_a):
    client.force_login(official_a)
    client.post(reverse("set_language"), {"language": "en", "next": reverse("home")})
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in html
    assert "Welcome, Official_A" in html


def test_the_language_choice_is_remembered_for_the_person(client, official_a):
    client.force_login(official_a)
    client.post(reverse("set_language"), {"language": "en", "next": reverse("home")})
    official_a.refresh_from_db()
    assert official_a.language == "en"
    client.post(reverse("set_language"), {"language": "xx", "next": reverse("home")})
    official_a.refresh_from_db()
    assert official_a.language == "en"


def test_empty_choices_read_choose_in_forms_and_all_in_filters(client, org, official_a):
    client.force_login(official_a)
    form = client.get(reverse("visits:visit_add")).content.decode()
    assert "---------" not in form
    assert '<option value="" selected>Välj …</option>' in form
    filters = client.get(reverse("visits:visit_list")).content.decode()
    assert "---------" not in filters
    assert '<option value="">Alla</option>' in filters or '<option value="" selected>Alla</option>' in filters
