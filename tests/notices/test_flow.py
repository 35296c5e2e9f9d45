"""Raising notices by hand and automatically, handling them, and the mail that goes with it."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse

from cooperation.cities.models import CityRelation
from cooperation.consultations.models import Consultation
from cooperation.networks.models import Membership, Organisation
from cooperation.notices.choices import EventKind, NoticeState
from cooperation.notices.models import Notice
from cooperation.projects.models import FundingSource, Project
from cooperation.visits.models import Visit
from tests.helpers import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def office_mailbox(org):
    org.central.email = "slk@kommun.example"
    org.central.save()


def new_project(client, org, **changes):
    url = reverse("projects:project_add")
    data = form_data(
        client.get(url),
        title="Fossilfria hamnar",
        owner=str(org.unit_a.pk),
        status="idea",
        role="partner",
        funding_source="eu",
        currency="SEK",
        **changes,
    )
    return client.post(url, data, follow=True)


def test_registering_a_project_raises_exactly_one_notice_and_says_so(client, org, official_a):
    client.force_login(official_a)
    with django_capture_on_commit():
        response = new_project(client, org)
    notice = Notice.objects.get()
    assert (notice.project.title, notice.unit, notice.is_automatic, notice.state) == (
        "Fossilfria hamnar",
        org.unit_a,
        True,
        NoticeState.SUBMITTED,
    )
    assert f"samordningsanmälan {notice.number}" in response.content.decode()
    assert [m.to for m in mail.outbox] == [["slk@kommun.example"]]
    assert notice.number in mail.outbox[0].subject
    assert mail.outbox[0].alternatives[0][1] == "text/html"


def django_capture_on_commit():
    """Run on_commit callbacks (the mail) inside the test's transaction."""
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def test_a_second_change_adds_to_the_open_notice(client, org, official_a):
    client.force_login(official_a)
    new_project(client, org)
    project = Project.objects.get()
    url = reverse("projects:project_edit", args=[project.pk])
    response = client.post(url, form_data(client.get(url), status="applied"), follow=True)
    assert Notice.objects.count() == 1
    notice = Notice.objects.get()
    assert list(notice.events.values_list("kind", flat=True)) == [EventKind.SUBMITTED, EventKind.ITEM_CHANGED]
    assert "ansökan inskickad" in notice.events.last().comment
    assert notice.number in response.content.decode()


def test_a_change_after_the_notice_is_closed_raises_a_new_one(client, org, official_a, coordinator):
    client.force_login(official_a)
    new_project(client, org)
    first = Notice.objects.get()
    first.move_to(NoticeState.CLOSED, coordinator)
    project = Project.objects.get()
    url = reverse("projects:project_edit", args=[project.pk])
    client.post(url, form_data(client.get(url), status="granted"))
    assert Notice.objects.count() == 2


def test_editing_without_a_status_change_raises_nothing(client, org, official_a, coordinator):
    client.force_login(official_a)
    new_project(client, org)
    Notice.objects.get().move_to(NoticeState.CLOSED, coordinator)
    project = Project.objects.get()
    url = reverse("projects:project_edit", args=[project.pk])
    client.post(url, form_data(client.get(url), title="Nytt namn"))
    assert Notice.objects.count() == 1


@pytest.fixture
def kinds(org):
    return org


@pytest.mark.parametrize(
    ("make", "raises"),
    [
        (
            lambda org: Visit.objects.create(kind="vip", title="Borgmästare", country="LV", start_date="2026-12-01"),
            True,
        ),
        (
            lambda org: Visit.objects.create(
                kind="protocol", title="Statsbesök", country="FI", start_date="2026-12-01"
            ),
            True,
        ),
        (
            lambda org: Visit.objects.create(kind="study", title="Studiebesök", country="FI", start_date="2026-12-01"),
            False,
        ),
        (
            lambda org: Consultation.objects.create(
                title="Remiss",
                origin="commission",
                unit=org.unit_a,
                received_on="2026-11-01",
                eu_initiative="Europe's Water Resilience",
            ),
            True,
        ),
        (
            lambda org: Consultation.objects.create(
                title="Egen", origin="own_initiative", unit=org.unit_a, received_on="2026-11-01"
            ),
            False,
        ),
        (
            lambda org: Membership.objects.create(
                organisation=Organisation.objects.create(name="Eurocities"),
                kind="common_interest",
                unit=org.central,
                member_since="2020-01-01",
                decision=org.ks_decision,
            ),
            True,
        ),
        (
            lambda org: Membership.objects.create(
                organisation=Organisation.objects.create(name="ERRIN"),
                kind="sector_specific",
                unit=org.unit_a,
                member_since="2020-01-01",
                decision=org.committee_a_decision,
            ),
            False,
        ),
        (
            lambda org: CityRelation.objects.create(
                city="Gdańsk", country="PL", kind="partner_city", decision=org.ks_decision
            ),
            True,
        ),
    ],
)
def test_each_trigger_raises_exactly_one_notice(org, make, raises):
    item = make(org)  # a plain save, as a management command or a shell makes it: nobody signed in
    item.save()  # saved again with nothing changed: nothing more
    assert Notice.objects.count() == (1 if raises else 0)
    if raises:
        notice = Notice.objects.get()
        assert (notice.item, notice.submitted_by, notice.is_automatic) == (item, None, True)
        assert "utan inloggad person" in notice.events.get().comment


def test_the_office_registering_a_vip_visit_needs_no_notice_to_itself(org, coordinator):
    visit = Visit(kind="vip", title="Borgmästare", country="LV", start_date=datetime.date(2026, 12, 1))
    visit._history_user = coordinator  # the acting user, as simple-history knows it
    visit.save()
    assert not Notice.objects.exists()


def test_raising_a_notice_by_hand_from_an_item(client, org, official_a):
    project = Project.objects.create(  # a key a page would write as 1 000 001 where it groups numbers
        pk=1_000_001, title="Klimat", owner=org.unit_a, funding_source=FundingSource.objects.get(code="eu")
    )
    client.force_login(official_a)
    url = f"{reverse('notices:notice_add')}?project={project.pk}"
    response = client.get(url)
    assert response.context["form"].initial["unit"] == org.unit_a.pk
    field = response.context["item_field"]
    hidden = re.search(rf'name="{field}" value="([^"]*)"', response.content.decode()).group(1)
    assert hidden == "1000001"  # the page posts the key back as it is
    data = form_data(response, summary="Vi planerar ett studiebesök i Tallinn.", **{field: hidden})
    response = client.post(reverse("notices:notice_add"), data)
    assert response.status_code == 302, response.context["error_summary"]
    notice = Notice.objects.get(is_automatic=False)  # registering the project raised the automatic one
    assert (notice.project, notice.is_automatic, notice.submitted_by) == (project, False, official_a)
    page = client.get(project.get_absolute_url()).content.decode()
    assert notice.number in page


def test_the_office_handles_a_notice_and_the_submitter_answers(client, org, official_a, coordinator):
    official_a.email, official_a.language = "anna@kommun.example", "en"
    official_a.save()
    client.force_login(official_a)
    new_project(client, org)
    notice = Notice.objects.get()
    move = reverse("notices:notice_move", args=[notice.pk])
    client.force_login(coordinator)
    client.post(reverse("notices:notice_assign", args=[notice.pk]))
    mail.outbox.clear()
    with django_capture_on_commit():
        client.post(move, {"state": "under_review", "from_state": "submitted"})
        client.post(move, {"state": "info_requested", "from_state": "under_review", "comment": "Vilka partner är med?"})
    notice.refresh_from_db()
    assert (notice.state, notice.assigned_to) == (NoticeState.INFO_REQUESTED, coordinator)
    assert notice.first_answered_at is not None
    assert [m.to for m in mail.outbox] == [["anna@kommun.example"]] * 2
    assert "more information requested" in mail.outbox[1].subject  # in the submitter's own language
    assert "Vilka partner är med?" in mail.outbox[1].body

    client.force_login(official_a)
    refused = client.post(move, {"state": "acknowledged", "from_state": "info_requested"})
    assert refused.status_code == 403  # only the office acknowledges, and the page says so
    assert "coordinators move a notice along" in refused.content.decode()  # in the official's English
    client.post(move, {"state": "under_review", "from_state": "info_requested", "comment": "Riga och Gdańsk."})
    client.force_login(coordinator)
    client.post(move, {"state": "acknowledged", "from_state": "under_review"})
    notice.refresh_from_db()
    assert notice.state == NoticeState.ACKNOWLEDGED
    moves = notice.events.filter(kind__in=[EventKind.STATE_CHANGED, EventKind.ANSWERED])
    assert [(e.kind, e.to_state) for e in moves] == [
        ("state_changed", "under_review"),
        ("state_changed", "info_requested"),
        ("answered", "under_review"),
        ("state_changed", "acknowledged"),
    ]
    # One timeline, each step named for what happened: the unit's answer is not the office taking the notice up.
    html = client.get(notice.get_absolute_url()).content.decode()
    titles = re.findall(r'<p class="history__meta"><strong>([^<]+)</strong>', html)
    assert titles == [
        "Anmälan skickades",
        "En samordnare tog sig an anmälan",
        "Centrala kontoret tog upp anmälan",
        "Centrala kontoret begärde komplettering",
        "Enheten svarade",
        "Centrala kontoret kvitterade anmälan",
    ]
    assert f"Enheten svarade</strong> – {official_a}" in html
    assert 'id="history-heading"' not in html


def test_asking_for_more_needs_a_comment_and_illegal_moves_change_nothing(client, org, official_a, coordinator):
    notice = Notice.objects.create(area="projects", unit=org.unit_a, summary="Projekt")
    client.force_login(coordinator)
    move = reverse("notices:notice_move", args=[notice.pk])
    assert (
        client.post(move, {"state": "acknowledged", "from_state": "submitted"}).status_code == 403
    )  # submitted → acknowledged is illegal
    client.post(move, {"state": "under_review", "from_state": "submitted"})
    client.post(move, {"state": "info_requested", "from_state": "under_review", "comment": " "})
    notice.refresh_from_db()
    assert notice.state == NoticeState.UNDER_REVIEW
    assert client.post(move, {"state": "nonsense", "from_state": "under_review"}).status_code == 403


def test_inbox_filters_and_officials_see_only_their_units(client, org, official_b, coordinator):
    Notice.objects.create(area="projects", unit=org.unit_a, summary="Projekt från A")
    Notice.objects.create(area="visits", unit=org.unit_b, summary="Besök från B")
    client.force_login(coordinator)
    response = client.get(reverse("notices:notice_list"), {"area": "visits"})
    assert [row["object"].summary for row in response.context["rows"]] == ["Besök från B"]
    client.force_login(official_b)
    response = client.get(reverse("notices:notice_list"))
    assert [row["object"].summary for row in response.context["rows"]] == ["Besök från B"]


def test_attachments_are_served_only_to_those_who_may_read_the_notice(client, org, official_a, official_b):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(official_a)
    url = reverse("notices:notice_add")
    data = form_data(client.get(url), area="projects", unit=str(org.unit_a.pk), summary="Skiss bifogad.")
    data["attachment"] = SimpleUploadedFile("skiss.txt", b"Projektskiss")
    assert client.post(url, data).status_code == 302
    attachment = Notice.objects.get().attachments.get()
    download = reverse("notices:attachment", args=[attachment.pk])
    response = client.get(download)
    assert b"".join(response.streaming_content) == b"Projektskiss"
    client.force_login(official_b)
    assert client.get(download).status_code == 404
