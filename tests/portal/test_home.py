"""The start page answers "what needs me now?" for each role, in a fixed number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperation.notices.models import Notice
from cooperation.projects.models import FundingSource, Project, ProjectFinance
from cooperation.visits.models import Visit, VisitHost
from tests.conftest import make_user
from tests.helpers import assert_constant_queries

pytestmark = pytest.mark.django_db


def add_project(org, unit, title, **extra):
    return Project.objects.create(
        title=title,
        owner=unit,
        funding_source=FundingSource.objects.get(code="eu"),
        start_date=extra.pop("start_date", timezone.localdate()),
        **extra,
    )


def add_grant(project, year, granted, paid_out=None):
    """The project's finance row for `year`, in its own currency."""
    return ProjectFinance.objects.create(
        project=project, year=year, source=project.funding_source, granted=Decimal(granted), paid_out=paid_out
    )


def add_visit(unit, title, days_ahead=10):
    visit = Visit.objects.create(
        kind="study", title=title, country="DK", start_date=timezone.localdate() + datetime.timedelta(days=days_ahead)
    )
    VisitHost.objects.create(visit=visit, unit=unit)
    return visit


def test_official_sees_their_units_items(client, org, official_a):
    add_project(org, org.unit_a, "Vårt projekt")
    add_project(org, org.unit_b, "Deras projekt")
    add_visit(org.unit_a, "Delegation från Åbo")
    add_visit(org.unit_a, "Gammalt besök", days_ahead=-30)
    client.force_login(official_a)
    html = client.get(reverse("home")).content.decode()
    assert "Vårt projekt" in html
    assert "Deras projekt" not in html
    assert "Delegation från Åbo" in html
    assert "Gammalt besök" not in html


def test_coordinator_sees_new_and_waiting_notices(client, org, coordinator):
    Notice.objects.create(area="projects", unit=org.unit_a, summary="Nytt EU-projekt")
    old = Notice.objects.create(area="visits", unit=org.unit_b, summary="VIP-besök från Riga")
    Notice.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=30))
    client.force_login(coordinator)
    response = client.get(reverse("home"))
    titles = {section.title: [str(item[0]) for item in section.items] for section in response.context["sections"]}
    new = [title for title in titles if "ew coordination" in title or "Nya" in title][0]
    assert len(titles[new]) == 2
    waiting = list(titles.values())[1]
    assert waiting == [str(old)]


def figures_of(response) -> dict:
    return {str(f.label): f for f in response.context["figures"]}


def test_board_sees_the_portfolio_at_a_glance(client, org, ks_user):
    year = timezone.localdate().year
    a = add_project(
        org, org.unit_a, "A", status="ongoing", total_budget=Decimal(1_000_000), external_funding=Decimal(600_000)
    )
    add_grant(a, year, 400_000, paid_out=Decimal(100_000))
    add_grant(a, year + 1, 200_000)
    b = add_project(
        org,
        org.unit_b,
        "B",
        status="granted",
        currency_id="EUR",
        exchange_rate=Decimal("11.25"),
        total_budget=Decimal(100_000),
        external_funding=Decimal(80_000),
    )
    add_grant(b, year, 80_000)
    add_project(org, org.unit_b, "Bara en idé", total_budget=Decimal(500_000))
    client.force_login(ks_user)
    figures = figures_of(client.get(reverse("home")))
    assert figures["Projekt som pågått"].value == "2"  # the idea is no project of the year yet
    assert figures["Projekt som pågått"].difference == "+2"
    # the year's finance rows in one sum in SEK, the euros at their project's rate; Swedish groups thousands with
    # a no-break space
    assert figures["Extern finansiering beviljad (SEK)"].value == "1\xa0300\xa0000 SEK"  # 400 000 + 80 000 × 11,25
    assert figures["Extern finansiering utbetald (SEK)"].value == "100\xa0000 SEK"


def test_the_kept_figures_follow_every_change(client, org, ks_user, django_assert_max_num_queries):
    """The key figures are kept between requests (twenty aggregate queries over the portfolio) and made anew as soon
    as anything is saved or deleted, whoever does it and wherever: the page asks for the last change each time."""
    first = add_project(org, org.unit_a, "Första", status="ongoing")
    client.force_login(ks_user)
    assert figures_of(client.get(reverse("home")))["Projekt som pågått"].value == "1"
    with django_assert_max_num_queries(12):
        assert figures_of(client.get(reverse("home")))["Projekt som pågått"].value == "1"
    add_project(org, org.unit_b, "Andra", status="ongoing")
    assert figures_of(client.get(reverse("home")))["Projekt som pågått"].value == "2"
    first.status = "idea"
    first.save()
    assert figures_of(client.get(reverse("home")))["Projekt som pågått"].value == "1"
    first.delete()
    Project.objects.get(title="Andra").delete()
    assert figures_of(client.get(reverse("home")))["Projekt som pågått"].value == "0"


def test_the_figures_of_a_chosen_year(client, org, ks_user):
    last_year = timezone.localdate().year - 1
    project = add_project(
        org,
        org.unit_a,
        "Fjolårets",
        status="closed",
        start_date=datetime.date(last_year, 3, 1),
        end_date=datetime.date(last_year, 9, 30),
    )
    add_grant(project, last_year - 1, 10_000)
    add_grant(project, last_year, 20_000)
    add_grant(project, last_year + 1, 5_000)  # the rest, paid out after the project closed
    client.force_login(ks_user)
    response = client.get(reverse("home"), {"year": last_year})
    assert response.context["year"] == last_year
    assert figures_of(response)["Projekt som avslutats"].value == "1"
    granted = figures_of(response)["Extern finansiering beviljad (SEK)"]
    assert (granted.value, granted.last_year, granted.difference) == (
        "20\xa0000 SEK",
        "10\xa0000 SEK",
        "+10\xa0000 SEK",
    )
    this_year = figures_of(client.get(reverse("home")))
    assert this_year["Projekt som avslutats"].value == "0"
    assert this_year["Extern finansiering beviljad (SEK)"].value == "5\xa0000 SEK"


@pytest.mark.parametrize("year", ["inte-ett-år", "99999", "-4", ""])
def test_a_bad_year_shows_this_year(client, org, ks_user, year):
    client.force_login(ks_user)
    response = client.get(reverse("home"), {"year": year})
    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year


@pytest.mark.parametrize("persona", ["official_a", "coordinator", "ks_user"])
def test_start_page_runs_a_fixed_number_of_queries(client, org, persona, request):
    client.force_login(request.getfixturevalue(persona))
    add_project(org, org.unit_a, "Första")

    def more():
        for i in range(5):
            add_project(org, org.unit_a, f"Projekt {i}", status="idea")
            add_visit(org.unit_a, f"Besök {i}")
            Notice.objects.create(area="projects", unit=org.unit_a, summary=f"Anmälan {i}")

    assert_constant_queries(client, reverse("home"), more)


def test_english_formats_numbers_the_english_way(client, org, ks_user):
    project = add_project(
        org, org.unit_a, "A", status="ongoing", total_budget=Decimal(2_000_000), external_funding=Decimal(1_234_567)
    )
    add_grant(project, timezone.localdate().year, 1_234_567)
    client.force_login(ks_user)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    values = [f.value for f in client.get(reverse("home")).context["figures"]]
    assert "1,234,567 SEK" in values


def test_reader_has_no_unit_sections(client, org):
    reader = make_user("reader_x", "reader")
    client.force_login(reader)
    response = client.get(reverse("home"))
    assert response.context["sections"] == []
    assert response.context["figures"]


def test_the_start_page_links_no_list_the_reader_may_not_open(client, org):
    """A reader sees the notices' count among the figures and the registers, as text: the inbox would refuse them."""
    client.force_login(make_user("reader_y", "reader"))
    response = client.get(reverse("home"))
    inbox = reverse("notices:notice_list")
    assert f'href="{inbox}"' not in response.content.decode()
    assert any(f.url is None for f in response.context["figures"])
    assert any(r.url == reverse("projects:project_list") for r in response.context["registers"])


@pytest.mark.django_db
def test_the_figures_year_options_post_back_a_year_the_page_reads(client, coordinator):
    """Each option's value is the year's digits, never "2 025" as Swedish writes a number: the page reads it."""
    client.force_login(coordinator)
    html = client.get(reverse("home")).content.decode()
    last_year = timezone.localdate().year - 1
    assert f'<option value="{last_year}">' in html
    html = client.get(reverse("home"), {"year": last_year}).content.decode()
    assert f'<option value="{last_year}" selected>' in html
