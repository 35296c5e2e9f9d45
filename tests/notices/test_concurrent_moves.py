"""Two coordinators moving one notice at the same moment: the first move holds, the second is refused (409) and
changes nothing, on SQLite and on PostgreSQL alike."""

import pytest
from django.test import Client
from django.urls import reverse

from cooperation.notices.choices import EventKind, NoticeState
from cooperation.notices.models import Notice
from tests.concurrency import at_once, own_connections, slowed

REFUSED = "Någon annan har just flyttat den här anmälan"


def moves(notice) -> list[tuple[str, str]]:
    return list(notice.events.filter(kind=EventKind.STATE_CHANGED).values_list("from_state", "to_state"))


@pytest.mark.django_db(transaction=True)
def test_of_two_simultaneous_moves_the_second_is_refused_and_changes_nothing(org, coordinator, administrator):
    notice = Notice.objects.create(area="projects", unit=org.unit_a, summary="Nytt EU-projekt")
    url = reverse("notices:notice_move", args=[notice.pk])
    review, close = Client(), Client()
    review.force_login(coordinator)
    close.force_login(administrator)
    with own_connections(), slowed(Notice, "move_to"):
        responses = at_once(
            lambda: review.post(url, {"state": "under_review", "from_state": "submitted"}),
            lambda: close.post(url, {"state": "closed", "from_state": "submitted", "comment": "Dubblett"}),
        )
        notice.refresh_from_db()
        trail = moves(notice)
    assert sorted(response.status_code for response in responses) == [302, 409]
    refused = next(response for response in responses if response.status_code == 409)
    assert REFUSED in refused.content.decode()
    assert len(trail) == 1 and trail[0][0] == NoticeState.SUBMITTED
    assert notice.state == trail[0][1]


@pytest.mark.django_db
def test_a_move_from_a_state_the_notice_has_left_is_refused(client, org, coordinator):
    notice = Notice.objects.create(area="projects", unit=org.unit_a, summary="Nytt EU-projekt")
    url = reverse("notices:notice_move", args=[notice.pk])
    client.force_login(coordinator)
    page = client.get(notice.get_absolute_url()).content.decode()
    assert 'name="from_state" value="submitted"' in page
    assert client.post(url, {"state": "under_review", "from_state": "submitted"}).status_code == 302
    response = client.post(url, {"state": "closed", "from_state": "submitted"})
    assert response.status_code == 409
    html = response.content.decode()
    assert REFUSED in html and "under handläggning" in html
    notice.refresh_from_db()
    assert notice.state == NoticeState.UNDER_REVIEW
    assert moves(notice) == [(NoticeState.SUBMITTED, NoticeState.UNDER_REVIEW)]
    assert client.post(url, {"state": "closed"}).status_code == 409  # a form that says nothing of what it saw
