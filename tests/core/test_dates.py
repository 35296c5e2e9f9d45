import datetime

import pytest

from cooperation.core.dates import next_term_end, term_end, term_start

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
