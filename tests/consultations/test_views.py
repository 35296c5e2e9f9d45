import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperation.consultations.models import Consultation
from cooperation.notices.services import submit
from tests.helpers import assert_constant_queries, form_data

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def make_consultation(org, title, unit=None, **extra):
    values = {"origin": "commission", "received_on": TODAY - datetime.timedelta(days=30), **extra}
    return Consultation.objects.create(title=title, unit=unit or org.unit_a, **values)


@pytest.fixture
def consultation(org):
    return make_consultation(org, "Vattenresiliens", eu_initiative="EU:s strategi för vattenresiliens")


def titles(response) -> list[str]:
    return [row["object"].title for row in response.context["rows"]]


def test_list_filters_sorts_and_counts(client, reader, org, consultation):
    yesterday = TODAY - datetime.timedelta(days=1)
    make_consultation(org, "Överklagad", unit=org.unit_b, origin="government", deadline=yesterday, status="in_progress")
    make_consultation(org, "Besvarad", deadline=yesterday, status="answered", answered_on=yesterday, answer="Ja")
    make_consultation(org, "Kommande", deadline=TODAY + datetime.timedelta(days=20), reference="COM(2025) 123")
    client.force_login(reader)
    url = reverse("consultations:consultation_list")

    response = client.get(url, {"overdue": "on"})
    assert response.status_code == 200
    assert titles(response) == ["Överklagad"]
    assert response.context["total"] == 1
    assert titles(client.get(url, {"eu": "on"})) == ["Vattenresiliens"]
    assert titles(client.get(url, {"q": "com(2025"})) == ["Kommande"]
    assert titles(client.get(url, {"q": "ja"})) == ["Besvarad"]
    assert titles(client.get(url, {"unit": org.unit_b.pk})) == ["Överklagad"]
    assert titles(client.get(url, {"origin": "government"})) == ["Överklagad"]
    assert sorted(titles(client.get(url, {"status": ["received", "answered"]}))) == [
        "Besvarad",
        "Kommande",
        "Vattenresiliens",
    ]
    assert titles(client.get(url, {"deadline_min": TODAY.isoformat()})) == ["Kommande"]
    assert titles(client.get(url, {"sort": "-title"})) == ["Överklagad", "Vattenresiliens", "Kommande", "Besvarad"]
    html = client.get(url, {"sort": "deadline"}).content.decode()
    assert "?sort=-deadline" in html  # the column header sorts the other way next
    response = client.get(url, {"sort": "unit"})
    assert titles(response)[0] == "Överklagad"  # by the unit's name: Kulturförvaltningen first
    assert "?sort=-unit" in response.content.decode()


def test_bad_filter_input_gives_an_error_not_a_crash(client, reader, consultation):
    client.force_login(reader)
    response = client.get(
        reverse("consultations:consultation_list"),
        {"deadline_min": "igår", "unit": "999999", "status": "lost", "sort": "password"},
    )
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert set(response.context["filter"].form.errors) >= {"deadline", "unit", "status", "sort"}


def test_official_registers_a_consultation_for_their_unit(client, official_a, org):
    client.force_login(official_a)
    url = reverse("consultations:consultation_add")
    response = client.get(url)
    assert list(response.context["form"].fields["unit"].queryset) == [org.unit_a]
    data = form_data(
        response,
        title="Remiss om kommunal EU-samordning",
        origin="government",
        unit=str(org.unit_a.pk),
        received_on="2025-05-02",
        deadline="2025-06-13",
        brussels_office_involved="on",
        status="received",
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["error_summary"]
    consultation = Consultation.objects.get(title="Remiss om kommunal EU-samordning")
    assert response["Location"] == consultation.get_absolute_url()
    assert (consultation.unit, consultation.deadline, consultation.brussels_office_involved) == (
        org.unit_a,
        datetime.date(2025, 6, 13),
        True,
    )
    assert consultation.history.get().history_user == official_a


def test_official_cannot_register_a_consultation_for_another_unit(client, official_a, org):
    client.force_login(official_a)
    url = reverse("consultations:consultation_add")
    data = form_data(
        client.get(url), title="Fel enhet", origin="other", unit=str(org.unit_b.pk), received_on="2025-05-02"
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert not Consultation.objects.filter(title="Fel enhet").exists()


def test_coordinator_chooses_any_unit_and_the_answering_decision(client, coordinator, org, consultation):
    client.force_login(coordinator)
    url = reverse("consultations:consultation_edit", args=[consultation.pk])
    response = client.get(url)
    assert set(response.context["form"].fields["unit"].queryset) == {org.central, org.unit_a, org.unit_b}
    data = form_data(
        response,
        unit=str(org.unit_b.pk),
        status="answered",
        answered_on=TODAY.isoformat(),
        answer="Kommunen tillstyrker.",
        decision=str(org.committee_b_decision.pk),
    )
    assert client.post(url, data).status_code == 302
    consultation.refresh_from_db()
    assert (consultation.unit, consultation.decision) == (org.unit_b, org.committee_b_decision)
    assert consultation.history.first().history_user == coordinator


def test_rule_messages_show_beside_the_field_and_nothing_changes(client, official_a, consultation):
    client.force_login(official_a)
    url = reverse("consultations:consultation_edit", args=[consultation.pk])
    before = consultation.received_on - datetime.timedelta(days=1)
    response = client.post(
        url, form_data(client.get(url), title="Ändrad", deadline=before.isoformat(), status="answered")
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    deadline_message = "Sista svarsdag: sista svarsdagen får inte vara före datumet då remissen inkom."
    answered_message = "Svarsdatum: en besvarad remiss behöver datumet för svaret."
    assert errors["deadline"] == [deadline_message]
    assert errors["answered_on"] == [answered_message]
    html = response.content.decode()
    assert f'id="id_deadline_error">{deadline_message}' in html
    assert f'id="id_answered_on_error">{answered_message}' in html
    consultation.refresh_from_db()
    assert (consultation.title, consultation.deadline, consultation.history.count()) == ("Vattenresiliens", None, 1)


def test_an_official_of_another_unit_may_read_but_not_change(client, official_b, consultation):
    client.force_login(official_b)
    detail = client.get(consultation.get_absolute_url())
    assert detail.status_code == 200
    assert not detail.context["can_change"]
    url = reverse("consultations:consultation_edit", args=[consultation.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "Kapad"}).status_code == 403
    consultation.refresh_from_db()
    assert consultation.title == "Vattenresiliens"


def test_detail_shows_the_groups_the_decision_and_the_notices(client, official_a, reader, org, consultation):
    consultation.decision = org.committee_a_decision
    consultation.save()
    notice = submit(
        area="monitoring", unit=org.unit_a, summary="Remiss om vattenresiliens", user=official_a, item=consultation
    )
    client.force_login(official_a)
    response = client.get(consultation.get_absolute_url())
    html = response.content.decode()
    groups = response.context["groups"]
    assert len(groups) == 3 and all(value != "–" for _title, fields in groups for _label, value in fields)
    assert f'href="{org.committee_a_decision.get_absolute_url()}">Miljönämnden 2024-03-12 § 1</a>' in html
    assert f'href="{notice.get_absolute_url()}">{notice.number}</a>' in html
    # Notices are read by the raising unit, coordinators and KS: a reader sees the consultation, not the notice.
    client.force_login(reader)
    html = client.get(consultation.get_absolute_url()).content.decode()
    assert "Vattenresiliens" in html and notice.number not in html
    assert reverse("consultations:consultation_edit", args=[consultation.pk]) not in html


def test_a_consultation_on_an_eu_initiative_informs_the_central_office(client, official_a, org):
    client.force_login(official_a)
    url = reverse("consultations:consultation_add")
    data = form_data(
        client.get(url),
        title="Samråd om EU:s bostadsplan",
        origin="commission",
        eu_initiative="Europeisk plan för prisvärda bostäder",
        unit=str(org.unit_a.pk),
        received_on="2025-05-02",
    )
    assert client.post(url, data).status_code == 302
    consultation = Consultation.objects.get(title="Samråd om EU:s bostadsplan")
    notice = consultation.notices.get()
    assert (notice.unit, notice.is_automatic, notice.submitted_by) == (org.unit_a, True, official_a)


def test_no_end_view_and_delete_is_for_coordinators(client, official_a, coordinator, consultation):
    client.force_login(official_a)
    html = client.get(consultation.get_absolute_url()).content.decode()
    assert reverse("consultations:consultation_edit", args=[consultation.pk]) in html
    assert reverse("consultations:consultation_delete", args=[consultation.pk]) not in html
    delete = reverse("consultations:consultation_delete", args=[consultation.pk])
    assert client.post(delete).status_code == 403
    client.force_login(coordinator)
    confirmation = client.get(delete)
    assert confirmation.status_code == 200 and confirmation.context["object"] == consultation
    assert client.post(delete).status_code == 302
    assert not Consultation.objects.filter(pk=consultation.pk).exists()
    assert Consultation.history.filter(id=consultation.pk, history_type="-").get().history_user == coordinator


def test_list_detail_and_form_run_a_fixed_number_of_queries(client, coordinator, org, consultation):
    client.force_login(coordinator)

    def more_consultations():
        for i in range(6):
            make_consultation(org, f"Remiss {i}", unit=[org.unit_a, org.unit_b][i % 2], deadline=TODAY)

    assert_constant_queries(client, reverse("consultations:consultation_list"), more_consultations)

    def notice(i):
        submit(area="monitoring", unit=org.unit_a, summary=f"Anmälan {i}", user=coordinator, item=consultation)

    notice(0)  # the notices' trails are fetched in one query once there is a notice at all
    assert_constant_queries(client, consultation.get_absolute_url(), lambda: [notice(i) for i in range(1, 5)])

    def more_decisions():
        for i in range(4):
            org.decision([org.ks, org.committee_a][i % 2], day="2025-01-20", paragraph=str(10 + i))

    edit = reverse("consultations:consultation_edit", args=[consultation.pk])
    assert_constant_queries(client, edit, more_decisions)
