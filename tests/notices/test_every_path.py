"""A notice is raised whatever changes the item: a page, the admin, a command or a shell; also when an item becomes
the coordinated kind later. The office's own changes to its relations and memberships stay out of its inbox."""

import datetime
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from cooperation.cities.models import CityRelation
from cooperation.consultations.models import Consultation
from cooperation.networks.models import Membership, Organisation
from cooperation.notices.choices import EventKind
from cooperation.notices.models import Notice
from cooperation.projects.models import FundingSource, Project
from cooperation.visits.models import Visit
from tests.helpers import form_data

pytestmark = pytest.mark.django_db


def admin_form_data(response, **changes) -> dict:
    """What the admin's change page would post back, its inline rows included."""
    formsets = {inline.formset.prefix: inline.formset for inline in response.context["inline_admin_formsets"]}
    page = SimpleNamespace(context={"form": response.context["adminform"].form, "formsets": formsets})
    return form_data(page, **changes)


def test_a_consultation_given_an_eu_initiative_in_the_admin_raises_a_notice(admin_client, org):
    org.central.email = "slk@kommun.example"
    org.central.save()
    consultation = Consultation.objects.create(
        title="Vattenresiliens", origin="commission", unit=org.unit_a, received_on=datetime.date(2026, 11, 1)
    )
    assert not Notice.objects.exists()
    url = reverse("admin:consultations_consultation_change", args=[consultation.pk])
    data = admin_form_data(admin_client.get(url), eu_initiative="Europe's Water Resilience Strategy")
    with TestCase.captureOnCommitCallbacks(execute=True):  # the mail goes when the change is committed
        response = admin_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    assert [m.to for m in mail.outbox] == [["slk@kommun.example"]]
    notice = Notice.objects.get()
    assert (notice.consultation, notice.unit, notice.submitted_by.username) == (consultation, org.unit_a, "admin")
    assert "Europe's Water Resilience Strategy" in notice.summary


def test_a_project_changed_by_plain_save_raises_a_notice_with_no_submitter(org):
    """As a management command would change it: nobody is signed in, the trail says so."""
    project = Project.objects.create(
        title="Gröna hamnar", owner=org.unit_a, funding_source=FundingSource.objects.get(code="eu")
    )
    notice = Notice.objects.get()
    assert (notice.project, notice.unit, notice.submitted_by) == (project, org.unit_a, None)
    project.status = "applied"
    project.save()
    project.title = "Gröna hamnar 2"
    project.save()  # no status change: nothing for the office
    assert list(notice.events.values_list("kind", flat=True)) == [EventKind.SUBMITTED, EventKind.ITEM_CHANGED]
    assert "ansökan inskickad" in notice.events.last().comment


def test_a_study_visit_changed_into_a_vip_visit_raises_a_notice(client, org, official_a):
    visit = Visit.objects.create(kind="study", title="Studiebesök", country="LV", start_date=datetime.date(2026, 12, 1))
    visit.hosts.create(unit=org.unit_a)
    assert not Notice.objects.exists()
    visit.kind = "vip"
    visit.save()
    notice = Notice.objects.get()
    assert (notice.visit, notice.unit) == (visit, org.unit_a)
    visit.title = "VIP-besök från Riga"
    visit.save()  # still a VIP visit: nothing new
    assert Notice.objects.get().events.count() == 1


def test_a_consultation_that_gets_an_eu_initiative_later_raises_a_notice_on_its_page(client, org, official_a):
    consultation = Consultation.objects.create(
        title="Remiss om vatten", origin="government", unit=org.unit_a, received_on=datetime.date(2026, 11, 1)
    )
    assert not Notice.objects.exists()
    client.force_login(official_a)
    url = reverse("consultations:consultation_edit", args=[consultation.pk])
    response = client.post(url, form_data(client.get(url), eu_initiative="Water Resilience"), follow=True)
    notice = Notice.objects.get()
    assert (notice.consultation, notice.submitted_by) == (consultation, official_a)
    assert f"samordningsanmälan {notice.number}" in response.content.decode()


def test_the_offices_own_changes_to_relations_and_memberships_stay_out_of_its_inbox(client, org, coordinator):
    relation = CityRelation.objects.create(city="Riga", country="LV", kind="partner_city", decision=org.ks_decision)
    membership = Membership.objects.create(
        organisation=Organisation.objects.create(name="Eurocities"),
        kind="common_interest",
        unit=org.central,
        member_since=datetime.date(2020, 1, 1),
        decision=org.ks_decision,
    )
    Notice.objects.all().delete()  # made without a user, as by a command: those were raised
    client.force_login(coordinator)
    for url in [
        reverse("cities:cityrelation_edit", args=[relation.pk]),
        reverse("networks:membership_edit", args=[membership.pk]),
    ]:
        response = client.post(url, form_data(client.get(url), priority_areas="Hamnar", purpose="Påverkan i EU"))
        assert response.status_code == 302, response.context["error_summary"]
    assert not Notice.objects.exists()
    assert relation.history.first().history_user == coordinator  # the item's own trail records the change


def test_a_unit_changing_a_membership_into_common_interest_informs_the_office(org, official_a):
    membership = Membership.objects.create(
        organisation=Organisation.objects.create(name="ERRIN"),
        kind="sector_specific",
        unit=org.unit_a,
        member_since=datetime.date(2020, 1, 1),
        decision=org.committee_a_decision,
    )
    assert not Notice.objects.exists()
    membership.kind, membership.decision = "common_interest", org.ks_decision
    membership._history_user = official_a
    membership.save()
    notice = Notice.objects.get()
    assert (notice.membership, notice.submitted_by, notice.unit) == (membership, official_a, org.unit_a)


def test_loading_a_fixture_raises_nothing(org, tmp_path):
    project = Project.objects.create(
        title="Klimat", owner=org.unit_a, funding_source=FundingSource.objects.get(code="eu")
    )
    dump = tmp_path / "project.json"
    call_command("dumpdata", "projects.project", output=str(dump), verbosity=0)
    project.delete()  # its notice goes with it
    assert not Notice.objects.exists()
    call_command("loaddata", str(dump), verbosity=0)
    assert Project.objects.get().title == "Klimat"
    assert not Notice.objects.exists()
