"""A project's finances per year and funding source: the rows' rules, the totals they are checked against, both
co-financing rates, the edit page's rows, and the migration that carried the old budget fields over."""

import datetime
import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import IntegrityError
from django.urls import reverse

from cooperation.projects.models import FundingSource, Programme, Project, ProjectFinance
from tests.helpers import assert_refused, assert_valid, errors_of, form_data

pytestmark = pytest.mark.django_db
D = Decimal
migration = importlib.import_module("cooperation.projects.migrations.0005_finance_rows_from_budget")


@pytest.fixture
def eu(reference_data):
    return FundingSource.objects.get(code="eu")


@pytest.fixture
def item(org, eu):
    return Project.objects.create(
        title="Fossilfria hamnar",
        owner=org.unit_a,
        funding_source=eu,
        currency_id="EUR",
        exchange_rate=D("11.2"),
        start_date=datetime.date(2024, 3, 1),
        total_budget=D(4_000_000),
        municipality_share=D(500_000),
        external_funding=D(400_000),
        own_contribution_cash=D(60_000),
        own_contribution_in_kind=D(40_000),
    )


def row(project, year=2024, **extra):
    return ProjectFinance(project=project, year=year, source=project.funding_source, **extra)


def test_a_row_within_the_totals_passes(item):
    assert_valid(row(item, granted=D(200_000), paid_out=D(150_000), own_contribution_cash=D(30_000), costs=D(9)))


def test_one_row_per_project_year_and_source(item):
    row(item, granted=D(1)).save()
    assert_refused(
        row(item), "__all__", "Projektet har redan en ekonomirad för det här året och den här finansieringskällan."
    )
    with pytest.raises(IntegrityError):
        row(item).save()


def test_a_grant_decision_date_needs_the_amount(item):
    assert_refused(
        row(item, granted_on=datetime.date(2023, 11, 2)),
        "granted",
        "Beviljat belopp: ange beviljat belopp när datum för beviljandebeslutet anges.",
    )


def test_the_programme_belongs_to_the_rows_source(item, reference_data):
    other = Programme.objects.create(source=FundingSource.objects.get(code="sida"), name="Sida-programmet")
    assert_refused(
        row(item, programme=other),
        "programme",
        "Program: programmet hör inte till den valda finansieringskällan.",
    )


def test_rows_never_add_up_to_more_than_the_projects_totals(item):
    row(item, 2024, granted=D(300_000)).save()
    assert_refused(
        row(item, 2025, granted=D("100000.01")),
        "granted",
        "Extern finansiering som beviljats: 400\xa0000 EUR är mindre än summan av de årliga ekonomiraderna "
        "(beviljat belopp: 400\xa0000,01 EUR).",
    )
    assert_valid(row(item, 2025, granted=D(100_000)))
    assert_refused(
        row(item, 2025, own_contribution_in_kind=D(40_001)),
        "own_contribution_in_kind",
        "Egen insats, i form av arbetstid: 40\xa0000 EUR är mindre än summan av de årliga ekonomiraderna "
        "(egen insats, i form av arbetstid: 40\xa0001 EUR).",
    )


def test_paid_out_counts_against_the_external_funding(item):
    message = errors_of(row(item, granted=D(1), paid_out=D(400_001)))["paid_out"][0]
    assert message.startswith("Extern finansiering som beviljats: 400\xa0000 EUR är mindre än")
    assert "(utbetalt: 400\xa0001 EUR)" in message


def test_a_row_asks_for_the_projects_total_where_there_is_none(item):
    item.own_contribution_cash = None
    item.save()
    assert_refused(
        row(item, own_contribution_cash=D(5)),
        "own_contribution_cash",
        "Egen insats, kontant: ange projektets totalbelopp; de årliga ekonomiraderna summerar till 5 EUR "
        "(egen insats, kontant).",
    )


def test_the_project_cannot_lower_its_total_below_its_rows(item):
    row(item, granted=D(300_000)).save()
    item.external_funding = D(299_999)
    assert_refused(
        item,
        "external_funding",
        "Extern finansiering som beviljats: 299\xa0999 EUR är mindre än summan av de årliga ekonomiraderna "
        "(beviljat belopp: 300\xa0000 EUR).",
    )


def test_both_co_financing_rates(item):
    # A partner in a large project: 10 % of the whole project's budget, 80 % of the municipality's own part.
    assert item.co_financing_rate == D("10.0")
    assert item.own_co_financing_rate == D("80.0")
    annotated = Project.objects.with_co_financing_rates().get(pk=item.pk)
    assert annotated.co_financing_rate_db == D(10)
    assert annotated.own_co_financing_rate_db == D(80)
    item.municipality_share = None
    assert item.own_co_financing_rate is None


def test_without_a_share_the_annotation_is_empty(item):
    Project.objects.filter(pk=item.pk).update(municipality_share=None)
    assert Project.objects.with_co_financing_rates().get(pk=item.pk).own_co_financing_rate_db is None


def finance_post(client, item, **rows):
    url = reverse("projects:project_edit", args=[item.pk])
    return url, form_data(client.get(url), **rows)


def test_the_edit_page_saves_finance_rows_and_shows_them(client, coordinator, item):
    client.force_login(coordinator)
    url, data = finance_post(
        client,
        item,
        **{
            "finances-0-year": "2024",
            "finances-0-source": "eu",
            "finances-0-granted": "250 000",
            "finances-0-granted_on": "2023-11-02",
            "finances-0-paid_out": "100 000,50",
            "finances-0-costs": "80 000",
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["error_summary"]
    saved = item.finances.get()
    assert (saved.year, saved.granted, saved.paid_out) == (2024, D(250_000), D("100000.50"))
    assert saved.history.get().history_user == coordinator
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Ekonomi per år" in page
    assert "100\xa0000,50 EUR" in page
    assert "Medfinansieringsgrad, kommunens del" in page


def test_the_edit_page_refuses_rows_beyond_the_totals_and_saves_nothing(client, coordinator, item):
    client.force_login(coordinator)
    url, data = finance_post(
        client,
        item,
        **{"finances-0-year": "2024", "finances-0-source": "eu", "finances-0-granted": "400 001"},
    )
    response = client.post(url, data)
    assert response.status_code == 200
    messages = [message for _label, _anchor, message in response.context["error_summary"]]
    assert (
        "Extern finansiering som beviljats: 400\xa0000 EUR är mindre än summan av de årliga ekonomiraderna "
        "(beviljat belopp: 400\xa0001 EUR)." in messages
    )
    assert not ProjectFinance.objects.exists()


def test_the_edit_page_checks_rows_against_the_totals_it_posts(client, coordinator, item):
    """Raising the total and adding the rows in one post is accepted: both are checked as they will be saved."""
    client.force_login(coordinator)
    url, data = finance_post(
        client,
        item,
        external_funding="600 000",
        **{"finances-0-year": "2024", "finances-0-source": "eu", "finances-0-granted": "600 000"},
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["error_summary"]
    assert item.finances.get().granted == D(600_000)


def test_the_migration_carries_the_budget_over_to_one_row(item, eu):
    no_dates = Project.objects.create(
        title="Utan datum", owner=item.owner, funding_source=eu, total_budget=D(10), external_funding=D(5)
    )
    idea = Project.objects.create(
        title="Idé", owner=item.owner, funding_source=eu, start_date=datetime.date(2025, 1, 1)
    )
    migration.forwards(apps, None)
    carried = ProjectFinance.objects.get(project=item)
    assert (carried.year, carried.source_id, carried.granted) == (2024, "eu", D(400_000))
    assert (carried.own_contribution_cash, carried.own_contribution_in_kind) == (D(60_000), D(40_000))
    assert carried.history.get().history_change_reason == migration.REASON
    assert not ProjectFinance.objects.filter(project__in=[no_dates, idea]).exists()
    assert_valid(item)

    migration.forwards(apps, None)  # again: nothing more
    assert ProjectFinance.objects.count() == 1

    migration.backwards(apps, None)
    assert not ProjectFinance.objects.exists()


def test_reversing_the_migration_keeps_rows_changed_since(item):
    migration.forwards(apps, None)
    carried = ProjectFinance.objects.get()
    carried.costs = D(1)
    carried.save()
    migration.backwards(apps, None)
    assert ProjectFinance.objects.get() == carried
