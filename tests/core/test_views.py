import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_start_page_needs_sign_in(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_page_is_swedish_and_accessible(client):
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv">' in html
    assert 'href="#main"' in html and 'id="main"' in html
    assert '<label class="label" for="id_username">Användarnamn</label>' in html


def test_sign_in_greets_the_user_with_units_and_roles(client, official_a, org):
    response = client.post(reverse("login"), {"username": "official_a", "password": PASSWORD}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Välkommen, Official_A" in html
    assert "Handläggare</strong>, Miljöförvaltningen" in html
    assert "Internationella projekt" in html


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


def test_start_page_counts_registers_with_a_fixed_number_of_queries(client, official_a, django_assert_max_num_queries):
    client.force_login(official_a)
    with django_assert_max_num_queries(25):
        client.get(reverse("home"))


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


def test_the_main_menu_marks_the_register_of_the_page(client, official_a):
    client.force_login(official_a)
    html = client.get(reverse("projects:project_add")).content.decode()
    assert f'<a href="{reverse("projects:project_list")}" aria-current="true">' in html
    assert f'<a href="{reverse("steering:policy_list")}">' in html
