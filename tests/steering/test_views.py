"""Position papers as a living cycle: draft, adoption by KS, new draft from the adopted text, comparison, PDF."""

import shutil
import subprocess

import pytest
from django.urls import reverse

from cooperation.cities.models import CityRelation
from cooperation.organisation.models import Decision
from cooperation.steering.choices import VersionStatus
from cooperation.steering.models import ActionPlan, PositionPaper
from tests.helpers import assert_constant_queries, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def relation(org):
    return CityRelation.objects.create(city="Bergen", country="NO", kind="twin_town", decision=org.kf_decision)


def create_paper(client, relation):
    url = reverse("steering:positionpaper_add")
    response = client.post(
        url, form_data(client.get(url), title="Positionspapper Bergen", city_relation=str(relation.pk))
    )
    assert response.status_code == 302, response.context["error_summary"]
    return PositionPaper.objects.get()


def test_from_no_paper_to_adopted_and_a_new_draft(client, org, relation, coordinator, ks_user):
    client.force_login(coordinator)
    paper = create_paper(client, relation)
    draft = paper.draft
    assert draft.number == 1
    edit = reverse("steering:positionpaperversion_edit", args=[draft.pk])
    response = client.post(
        edit, form_data(client.get(edit), purpose="Utbyte inom skola och kultur.", background="Vänort sedan 1946.")
    )
    assert response.status_code == 302
    assert client.get(reverse("steering:positionpaperversion_adopt", args=[draft.pk])).status_code == 403

    client.force_login(ks_user)
    adopt = reverse("steering:positionpaperversion_adopt", args=[draft.pk])
    response = client.post(
        adopt, {"date": "2026-06-05", "paragraph": "173", "case_number": "KS-2026-0042", "next_review_on": "2028-06-30"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == VersionStatus.ADOPTED
    assert str(draft.decision) == "KS 2026-06-05 § 173"
    assert Decision.objects.filter(case_number="KS-2026-0042").exists()

    client.force_login(coordinator)
    assert client.get(edit).status_code == 403  # an adopted version is frozen
    client.post(reverse("steering:positionpaper_draft", args=[paper.pk]))
    second = PositionPaper.objects.get().draft
    assert (second.number, second.purpose) == (2, "Utbyte inom skola och kultur.")
    edit2 = reverse("steering:positionpaperversion_edit", args=[second.pk])
    client.post(edit2, form_data(client.get(edit2), purpose="Utbyte inom skola, klimat och kultur."))
    html = client.get(reverse("steering:positionpaperversion_compare", args=[second.pk])).content.decode()
    assert "klimat" in html and "<ins>" in html

    client.force_login(ks_user)
    client.post(
        reverse("steering:positionpaperversion_adopt", args=[second.pk]), {"date": "2027-03-01", "paragraph": "12"}
    )
    statuses = dict(PositionPaper.objects.get().versions.values_list("number", "status"))
    assert statuses == {1: VersionStatus.SUPERSEDED, 2: VersionStatus.ADOPTED}


def test_adoption_with_a_citation_already_taken_is_refused(client, org, relation, ks_user):
    paper = PositionPaper.objects.create(title="Bergen", city_relation=relation)
    draft = paper.start_draft()
    client.force_login(ks_user)
    date = org.ks_decision.date.isoformat()
    response = client.post(
        reverse("steering:positionpaperversion_adopt", args=[draft.pk]),
        {"date": date, "paragraph": org.ks_decision.paragraph},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT


def test_drafts_are_for_coordinators_and_ks_adopted_versions_for_everyone(client, org, relation, reader):
    paper = PositionPaper.objects.create(title="Bergen", city_relation=relation)
    adopted = paper.versions.create(number=1, status="adopted", decision=org.ks_decision, purpose="Antagen text")
    draft = paper.versions.create(number=2, purpose="Hemligt utkast")
    client.force_login(reader)
    html = client.get(paper.get_absolute_url()).content.decode()
    assert "Antagen text" in html and "Hemligt utkast" not in html
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(adopted.get_absolute_url()).status_code == 200


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) reads the PDF back")
def test_the_pdf_holds_every_section(client, org, relation, reader, tmp_path):
    paper = PositionPaper.objects.create(title="Positionspapper för vänorten Bergen", city_relation=relation)
    texts = {
        name: f"Text för {name} åäö"
        for name in (
            "purpose",
            "background",
            "activities",
            "responsibilities",
            "communication",
            "financial_conditions",
            "evaluation",
        )
    }
    version = paper.versions.create(number=1, status="adopted", decision=org.ks_decision, **texts)
    client.force_login(reader)
    response = client.get(reverse("steering:positionpaperversion_pdf", args=[version.pk]))
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    assert "Positionspapper för vänorten Bergen" in text
    assert "Teststads kommun" in text
    assert str(org.ks_decision) in text
    for value in texts.values():
        assert value in text
    for heading in (
        "Syfte",
        "Bakgrund",
        "Ansvarsfördelning",
        "Informationsspridning",
        "Ekonomiska förutsättningar",
        "Utvärdering och översyn",
    ):
        assert heading in text
    assert "Sida 1 av 1" in text


def test_action_plan_with_activities(client, org, relation, coordinator):
    client.force_login(coordinator)
    url = reverse("steering:actionplan_add")
    data = form_data(
        client.get(url),
        title="Handlingsplan Bergen 2027",
        city_relation=str(relation.pk),
        **{
            "activities-0-title": "Skolutbyte",
            "activities-0-responsible_actor": "Göteborgs universitet",
            "activities-0-status": "planned",
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["error_summary"]
    plan = ActionPlan.objects.get()
    assert list(plan.activities.values_list("title", "status")) == [("Skolutbyte", "planned")]


def test_paper_pages_run_a_fixed_number_of_queries(client, org, relation, coordinator):
    paper = PositionPaper.objects.create(title="Bergen", city_relation=relation)
    paper.versions.create(number=1, status="adopted", decision=org.ks_decision)
    client.force_login(coordinator)

    def more():
        for number in range(2, 6):
            paper.versions.create(number=number, status="superseded", decision=org.ks_decision)

    assert_constant_queries(client, paper.get_absolute_url(), more)
    assert_constant_queries(
        client,
        reverse("steering:positionpaper_list"),
        lambda: [
            PositionPaper.objects.create(
                title=f"P{i}",
                is_project_work=False,
                city_relation=CityRelation.objects.create(city=f"C{i}", country="DK", kind="contact"),
            )
            for i in range(4)
        ],
    )


def test_a_sector_specific_membership_evaluation_is_next_due_by_the_end_of_the_next_term(client, org, coordinator):
    from cooperation.networks.models import Membership, Organisation
    from cooperation.steering.models import Evaluation

    membership = Membership.objects.create(
        organisation=Organisation.objects.create(name="ERRIN"),
        kind="sector_specific",
        unit=org.unit_a,
        member_since="2019-01-01",
        decision=org.committee_a_decision,
    )
    client.force_login(coordinator)
    url = reverse("steering:evaluation_add")
    response = client.post(
        url,
        form_data(
            client.get(url), membership=str(membership.pk), date="2026-11-30", conclusions="Medlemskapet ger nytta."
        ),
    )
    assert response.status_code == 302, response.context["error_summary"]
    assert str(Evaluation.objects.get().next_due_on) == "2034-10-14"
    assert not Membership.objects.get().is_evaluation_overdue()


NOT_A_CHOICE = "Välj ett giltigt alternativ. Det valet finns inte bland tillgängliga alternativ."


@pytest.fixture
def memberships(org):
    """Unit A's sector-specific membership, unit B's, and a coordinated one."""
    from cooperation.networks.models import Membership, Organisation

    def member(name, kind, unit, decision):
        return Membership.objects.create(
            organisation=Organisation.objects.create(name=name),
            kind=kind,
            unit=unit,
            member_since="2019-01-01",
            decision=decision,
        )

    return {
        "a": member("ERRIN", "sector_specific", org.unit_a, org.committee_a_decision),
        "b": member("Energy Cities", "sector_specific", org.unit_b, org.committee_b_decision),
        "common": member("Eurocities", "common_interest", org.central, org.ks_decision),
    }


def test_the_member_units_officials_record_their_memberships_evaluation(client, org, memberships, official_a):
    """The nämnd owns a sector-specific membership's evaluation: its unit's officials record it."""
    from cooperation.steering.models import Evaluation

    client.force_login(official_a)
    page = client.get(memberships["a"].get_absolute_url()).content.decode()
    add = reverse("steering:evaluation_add")
    assert f"{add}?membership={memberships['a'].pk}" in page
    response = client.get(f"{add}?membership={memberships['a'].pk}")
    assert list(response.context["form"].fields["membership"].queryset) == [memberships["a"]]
    assert "city_relation" not in response.context["form"].fields  # the other subjects are the coordinators'
    response = client.post(add, form_data(response, date="2026-11-30", conclusions="Nätverket ger nytta."))
    assert response.status_code == 302, response.context["error_summary"]
    evaluation = Evaluation.objects.get()
    assert (evaluation.membership, str(evaluation.next_due_on)) == (memberships["a"], "2034-10-14")
    assert evaluation.history.get().history_user == official_a
    edit = reverse("steering:evaluation_edit", args=[evaluation.pk])
    response = client.post(edit, form_data(client.get(edit), conclusions="Förnyas."))
    assert response.status_code == 302
    assert client.get(reverse("steering:evaluation_delete", args=[evaluation.pk])).status_code == 403


@pytest.mark.parametrize("other", ["b", "common"])
def test_an_official_records_no_other_units_or_coordinated_evaluation(client, org, memberships, official_a, other):
    from cooperation.steering.models import Evaluation

    client.force_login(official_a)
    add = reverse("steering:evaluation_add")
    response = client.post(add, form_data(client.get(add), membership=str(memberships[other].pk), date="2026-11-30"))
    assert response.status_code == 200
    assert response.context["form"].errors["membership"] == [NOT_A_CHOICE]
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize(
    ("role", "edits"),
    [("official_a", 200), ("official_b", 403), ("coordinator", 200), ("ks_user", 403), ("reader", 403)],
)
def test_who_changes_a_sector_specific_memberships_evaluation(client, org, memberships, role, edits, request):
    from cooperation.steering.models import Evaluation

    evaluation = Evaluation.objects.create(membership=memberships["a"], date="2025-05-01")
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("steering:evaluation_edit", args=[evaluation.pk])).status_code == edits
    coordinated = Evaluation.objects.create(membership=memberships["common"], date="2025-05-01")
    expected = 200 if role == "coordinator" else 403  # the coordinated memberships' evaluations are the office's
    assert client.get(reverse("steering:evaluation_edit", args=[coordinated.pk])).status_code == expected


def test_an_evaluation_of_the_policy_itself_shows_on_its_page(client, org, coordinator, reader):
    """Mölndal's end-of-period follow-up of its guidelines; Jönköping's evaluation of its strategy."""
    from cooperation.organisation.models import Policy
    from cooperation.steering.models import Evaluation

    policy = Policy.objects.create(municipality=org.municipality, title="Riktlinjer för internationellt arbete")
    client.force_login(coordinator)
    page = client.get(policy.get_absolute_url()).content.decode()
    add = reverse("steering:evaluation_add")
    assert f"{add}?policy={policy.pk}" in page
    response = client.get(f"{add}?policy={policy.pk}")
    response = client.post(add, form_data(response, date="2022-12-15", conclusions="Riktlinjerna följs."))
    assert response.status_code == 302, response.context["error_summary"]
    evaluation = Evaluation.objects.get()
    assert evaluation.policy == policy
    client.force_login(reader)
    page = client.get(policy.get_absolute_url()).content.decode()
    assert evaluation.get_absolute_url() in page and f"{add}?policy=" not in page


def test_an_english_reader_sees_the_action_plans_headings_in_english(client, relation, coordinator):
    plan = ActionPlan.objects.create(
        title="Handlingsplan Bergen", city_relation=relation, feedback_routines="Rapport till KS varje höst."
    )
    coordinator.language = "en"
    coordinator.save()
    client.force_login(coordinator)
    html = client.get(plan.get_absolute_url()).content.decode()
    assert "Feedback and political check-in" in html
    assert "Återkoppling" not in html


def test_the_comparison_marks_changes_without_colour_and_folds_unchanged_sections(client, org, relation, coordinator):
    paper = PositionPaper.objects.create(title="Bergen", city_relation=relation)
    paper.versions.create(
        number=1,
        status=VersionStatus.ADOPTED,
        decision=org.ks_decision,
        purpose="Utbyte inom skola.",
        background="Sedan 1946.",
    )
    second = paper.versions.create(number=2, purpose="Utbyte inom klimat.", background="Sedan 1946.")
    client.force_login(coordinator)
    html = client.get(reverse("steering:positionpaperversion_compare", args=[second.pk])).content.decode()
    changed, unchanged = html.split('<details class="facts diff-section">', 1)
    assert '1. Syfte <span class="badge badge--warning">ändrat</span>' in changed
    assert '<del><span class="sr-only">borttaget: </span>skola</del>' in changed
    assert '<ins><span class="sr-only">tillagt: </span>klimat</ins>' in changed
    assert "Bakgrund" in unchanged.split("</details>")[0] and "oförändrat" in unchanged


def test_a_version_leads_back_through_its_paper(client, org, relation, reader):
    """Versions have no list of their own: the way back is the papers' list, then the paper (never a link to None)."""
    paper = PositionPaper.objects.create(title="Bergen", city_relation=relation)
    adopted = paper.versions.create(number=1, status="adopted", decision=org.ks_decision, purpose="Antagen text")
    client.force_login(reader)
    response = client.get(adopted.get_absolute_url())
    assert response.context["breadcrumbs"] == [
        ("Positionspapper", reverse("steering:positionpaper_list")),
        (str(paper), paper.get_absolute_url()),
    ]
    assert 'href="None"' not in response.content.decode()
