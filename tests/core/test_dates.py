import datetime

import pytest

from cooperation.core.dates import add_working_days, next_term_end, term_end, term_start, working_days_between

D = datetime.date


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        (D(2026, 10, 14), D(2022, 10, 15), D(2026, 10, 14)),
        (D(2026, 10, 15), D(2026, 10, 15), D(2030, 10, 14)),
        (D(2026, 11, 22), D(2026, 10, 15), D(2030, 10, 14)),
        (D(2020, 2, 29), D(2018, 10, 15), D(2022, 10, 14)),
        (D(2031, 1, 1), D(2030, 10, 15), D(2034, 10, 14)),
    ],
)
def test_term_of_office_runs_from_15_october_of_an_election_year(day, start, end):
    assert term_start(day) == start
    assert term_end(day) == end


def test_next_term_end_is_four_years_later():
    assert next_term_end(D(2023, 5, 1)) == D(2030, 10, 14)
    assert next_term_end(D(2026, 10, 14)) == D(2030, 10, 14)


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (D(2026, 11, 20), 1, D(2026, 11, 23)),  # Friday → Monday
        (D(2026, 12, 23), 1, D(2026, 12, 28)),  # julafton, juldagen, annandag jul and a weekend in between
        (D(2026, 6, 18), 1, D(2026, 6, 22)),  # midsommarafton (19 June) and midsommardagen
        (D(2026, 4, 2), 1, D(2026, 4, 7)),  # långfredag and annandag påsk
        (D(2026, 11, 16), 5, D(2026, 11, 23)),
    ],
)
def test_working_days_skip_weekends_and_swedish_days_off(start, count, expected):
    assert add_working_days(start, count) == expected
    assert working_days_between(start, expected) == count
