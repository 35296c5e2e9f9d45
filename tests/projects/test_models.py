import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import IntegrityError, models

from cooperation.projects.models import FundingSource, Programme, Project
from tests.helpers import assert_refused, assert_valid, errors_of

pytestmark = pytest.mark.django_db
D = datetime.date
EXCEEDS = "Extern finansiering som beviljats: får inte överstiga den totala budgeten."
NO_BUDGET = (
    "Extern finansiering som beviljats: ange också den totala budgeten; den externa finansieringen är en del av den."
)


@pytest.fixture
def eu(reference_data):
    return FundingSource.objects.get(code="eu")


def project(org, eu, **extra):
    return Project(title="Fossilfria hamnar", owner=org.unit_a, funding_source=eu, **{"currency_id": "SEK", **extra})


def test_external_funding_cannot_exceed_total_budget(org, eu):
    item = project(org, eu, total_budget=Decimal(1_000_000), external_funding=Decimal("1000000.01"))
    assert_refused(item, "external_funding", EXCEEDS)
    item.external_funding = Decimal(1_000_000)
    assert_valid(item)


def test_external_funding_without_a_total_budget_asks_for_the_budget(org, eu):
    item = project(org, eu, external_funding=Decimal(1))
    assert errors_of(item)["external_funding"] == [NO_BUDGET]
    item.total_budget = Decimal(1)
    assert_valid(item)


def test_municipality_share_without_a_total_budget_asks_for_the_budget(org, eu):
    item = project(org, eu, municipality_share=Decimal(1))
    assert errors_of(item)["municipality_share"] == [
        "Kommunens andel: ange också den totala budgeten; kommunens andel är en del av den."
    ]


def test_the_database_refuses_it_too(org, eu):
    with pytest.raises(IntegrityError):
        project(org, eu, total_budget=Decimal(100), external_funding=Decimal(101)).save()


def test_municipality_share_within_total_budget(org, eu):
    item = project(org, eu, total_budget=Decimal(100), municipality_share=Decimal(150))
    assert_refused(item, "municipality_share", "Kommunens andel: får inte överstiga den totala budgeten.")


@pytest.mark.parametrize(
    ("total", "external", "rate"),
    [(1_000_000, 750_000, Decimal("75.0")), (3, 1, Decimal("33.3")), (500, 0, Decimal("0.0")), (None, None, None)],
)
def test_co_financing_rate_follows_from_budget_and_funding(org, eu, total, external, rate):
    item = project(org, eu, total_budget=total and Decimal(total), external_funding=external and Decimal(external))
    if external == 0:
        item.external_funding = Decimal(0)
    assert item.co_financing_rate == rate


def test_project_end_not_before_start(org, eu):
    item = project(org, eu, start_date=D(2026, 1, 1), end_date=D(2025, 12, 31))
    assert_refused(item, "end_date", "Slutdatum: slutdatumet får inte vara före startdatumet.")


def test_programme_belongs_to_funding_source(org, eu):
    sida = FundingSource.objects.get(code="sida")
    interreg = Programme.objects.filter(source=eu).first()
    assert_refused(
        project(org, sida, programme=interreg),
        "programme",
        "Program: programmet hör inte till den valda finansieringskällan.",
    )


def test_foreign_currency_needs_exchange_rate(org, eu):
    item = project(org, eu, currency_id="EUR")
    assert_refused(item, "exchange_rate", "Växelkurs till SEK: ange kursen som används när budgeten inte är i kronor.")
    item.exchange_rate = Decimal("11.2")
    assert_valid(item)


def test_negative_money_is_refused(org, eu):
    item = project(org, eu, total_budget=Decimal(-1))
    assert "total_budget" in errors_of(item)


def test_money_in_smaller_parts_than_the_ore_is_refused_on_every_path(org, eu):
    assert_refused(
        project(org, eu, total_budget=Decimal("1234.505")),
        "total_budget",
        "Total budget: ange högst 2 decimaler (öre eller cent).",
    )
    assert_valid(project(org, eu, total_budget=Decimal("1234.50")))


def test_money_is_never_a_float(org, eu):
    floats = [
        f"{model.__name__}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("cooperation.")
        for field in model._meta.get_fields()
        if isinstance(field, models.FloatField)
    ]
    assert floats == []
    item = project(org, eu, total_budget=Decimal("1234567.89"))
    item.save()
    item.refresh_from_db()
    assert item.total_budget == Decimal("1234567.89")
    assert isinstance(item.total_budget, Decimal)
