"""The inbox opens on the notices that wait for someone; one choice shows the closed ones too."""

import pytest
from django.urls import reverse

from cooperation.notices.choices import NoticeState
from cooperation.notices.models import Notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def notices(org):
    return {
        state: Notice.objects.create(area="projects", unit=org.unit_a, summary=f"Anmälan {state}", state=state)
        for state in NoticeState.values
    }


def summaries(response) -> set[str]:
    return {row["object"].summary for row in response.context["rows"]}


def test_the_inbox_opens_on_open_notices(client, coordinator, notices):
    client.force_login(coordinator)
    response = client.get(reverse("notices:notice_list"))
    assert summaries(response) == {"Anmälan submitted", "Anmälan under_review", "Anmälan info_requested"}
    assert response.context["active_filters"] == 1
    html = response.content.decode()
    assert 'Filter <span class="register__filters-count">(1)</span>' in html
    assert '<option value="open" selected>öppna</option>' in html
    assert f'href="{reverse("notices:notice_list")}?state="' in html  # "Clear filters" shows every notice


def test_all_shows_closed_and_acknowledged_notices_too(client, coordinator, notices):
    client.force_login(coordinator)
    response = client.get(reverse("notices:notice_list"), {"state": ""})
    assert summaries(response) == {notice.summary for notice in notices.values()}
    assert response.context["active_filters"] == 0


def test_one_state_and_other_filters_keep_the_choice(client, coordinator, notices):
    client.force_login(coordinator)
    response = client.get(reverse("notices:notice_list"), {"state": "closed"})
    assert summaries(response) == {"Anmälan closed"}
    response = client.get(reverse("notices:notice_list"), {"area": "projects"})  # no state: still the open ones
    assert len(response.context["rows"]) == 3
    assert response.context["active_filters"] == 2


def test_a_state_that_is_not_one_is_a_message_not_an_error(client, coordinator, notices):
    client.force_login(coordinator)
    response = client.get(reverse("notices:notice_list"), {"state": "nonsense"})
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert "Välj ett giltigt alternativ" in response.content.decode()


def test_states_are_badges(client, coordinator, notices):
    client.force_login(coordinator)
    html = client.get(reverse("notices:notice_list")).content.decode()
    assert '<span class="badge badge--default">under handläggning</span>' in html
    assert 'class="table__column table__column--shrink"><a' in html  # the number never breaks ("2026-/019")


def test_the_inbox_says_it_shows_open_notices_and_links_to_all(client, coordinator, notices):
    client.force_login(coordinator)
    html = client.get(reverse("notices:notice_list")).content.decode()
    assert "Visar öppna anmälningar" in html
    assert f'<a href="{reverse("notices:notice_list")}?state=">Visa alla anmälningar</a>' in html
    html = client.get(reverse("notices:notice_list"), {"state": ""}).content.decode()
    assert "Visar öppna anmälningar" not in html
