"""Swedish terms of office (mandatperioder): four years from 15 October of an election year (2022, 2026 …)."""

import datetime

ELECTION_YEAR = 2022  # any election year; they come every four years
TERM_YEARS = 4


def term_start(day: datetime.date) -> datetime.date:
    """The first day of the term of office that `day` falls in."""
    year = day.year - (day.year - ELECTION_YEAR) % TERM_YEARS
    start = datetime.date(year, 10, 15)
    if day < start:
        start = start.replace(year=year - TERM_YEARS)
    return start


def term_end(day: datetime.date) -> datetime.date:
    """The last day of the term of office that `day` falls in."""
    start = term_start(day)
    return start.replace(year=start.year + TERM_YEARS) - datetime.timedelta(days=1)


def next_term_end(day: datetime.date) -> datetime.date:
    """The last day of the term of office after the one that `day` falls in."""
    return term_end(term_end(day) + datetime.timedelta(days=1))
