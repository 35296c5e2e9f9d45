"""Reading cells as Swedish offices write them, and refusing what cannot be read for certain."""

import datetime

import pytest

from cooperation.importing import cells
from cooperation.projects.choices import ProjectStatus


@pytest.mark.parametrize(
    ("raw", "read"),
    [
        (datetime.datetime(2025, 3, 1), "2025-03-01"),
        (datetime.date(2025, 3, 1), "2025-03-01"),
        ("2025-03-01", "2025-03-01"),
        ("2025-3-1 00:00:00", "2025-03-01"),
        ("20250301", "2025-03-01"),
        ("1/3/2025", "2025-03-01"),
        ("1.3.2025", "2025-03-01"),
        ("1 mars 2025", "2025-03-01"),
        ("12 okt. 2025", "2025-10-12"),
        ("", ""),
        (None, ""),
    ],
)
def test_dates(raw, read):
    assert cells.date(raw) == read


@pytest.mark.parametrize("raw", ["mars 2025", "2025-02-30", "31/31/2025", "igår", "45717"])
def test_what_is_not_a_date_is_said_so(raw):
    with pytest.raises(cells.CellError, match="inget datum"):
        cells.date(raw)


@pytest.mark.parametrize(
    ("raw", "read"),
    [
        (12500, "12500"),
        (12500.5, "12500.5"),
        ("12 500", "12500"),
        ("12\u00a0500,50", "12500.50"),
        ("12 500 kr", "12500"),
        ("1234.50", "1234.50"),
        ("", ""),
    ],
)
def test_amounts(raw, read):
    assert cells.amount(raw) == read


@pytest.mark.parametrize("raw", ["tolv", "12,500,00", "-5", "1e6", "12.500,50"])
def test_what_is_not_an_amount_is_said_so(raw):
    with pytest.raises(cells.CellError, match="inget belopp"):
        cells.amount(raw)


@pytest.mark.parametrize(("raw", "read"), [("Tyskland", "DE"), ("germany", "DE"), ("de", "DE"), ("Finland", "FI")])
def test_countries(raw, read):
    assert cells.country(raw) == read


def test_a_choice_by_its_swedish_or_english_label_or_code():
    read = cells.choice(ProjectStatus)
    assert read("Pågående") == read("ongoing") == read("ONGOING ") == "ongoing"
    with pytest.raises(cells.CellError, match="är inte något av: idé"):
        read("Klart")


def test_yes_and_no():
    assert [cells.boolean(raw) for raw in ("ja", "X", True, "nej", "", False)] == ["on", "on", "on", "", "", ""]
    with pytest.raises(cells.CellError):
        cells.boolean("kanske")
