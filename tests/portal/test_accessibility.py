import pytest
from django.contrib.staticfiles import finders
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from cooperation.organisation.choices import Role
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_statement_is_open_to_everyone(client):
    response = client.get(reverse("accessibility"))
    assert response.status_code == 200
    assert "WCAG 2.1" in response.content.decode()


def test_a_report_reaches_the_administrators(client, org, settings):
    settings.ADMINS = [("Förvaltare", "forvaltare@kommun.example")]
    make_user("admin2", Role.ADMINISTRATOR, email="admin2@kommun.example")
    make_user("reader2", Role.READER, email="reader2@kommun.example")
    response = client.post(reverse("accessibility"), {"page": "/projekt/", "description": "Fokus syns inte."})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == ["admin2@kommun.example", "forvaltare@kommun.example"]
    assert "Fokus syns inte." in mail.outbox[0].body


def test_an_empty_report_is_refused_and_sends_nothing(client, org):
    response = client.post(reverse("accessibility"), {"description": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["description"]
    assert mail.outbox == []


def test_reports_are_limited_per_address(client, org, settings):
    settings.ADMINS = [("Förvaltare", "forvaltare@kommun.example")]
    settings.ACCESSIBILITY_REPORTS_PER_HOUR = 3
    url = reverse("accessibility")
    for number in range(3):
        response = client.post(url, {"description": f"Rapport {number}"}, REMOTE_ADDR="192.0.2.5")
        assert response.status_code == 302
        cache.clear()  # as another web worker would see it: the count is shared, in the database
    response = client.post(url, {"description": "En till"}, REMOTE_ADDR="192.0.2.5")
    assert response.status_code == 429
    assert "Du har skickat många rapporter från den här adressen den senaste timmen" in response.content.decode()
    assert len(mail.outbox) == 3
    # another address is not affected
    assert client.post(url, {"description": "Från en annan"}, REMOTE_ADDR="198.51.100.5").status_code == 302
    assert len(mail.outbox) == 4


def test_every_page_names_its_icon_and_the_old_address_leads_to_it(client):
    page = client.get(reverse("accessibility")).content.decode()
    assert 'rel="icon" href="/static/img/favicon.svg"' in page
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/img/favicon.svg"
    assert finders.find("img/favicon.svg")
