"""Swedish terms of office (mandatperioder): four years from 15 October of an election year (2022, 2026 …)."""

import datetime
import functools

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


@functools.cache
def days_off(year: int) -> frozenset[datetime.date]:
    """Sweden's public holidays (from the maintained `holidays` library) and the eves most employers give off:
    midsommarafton (the Friday from 19 to 25 June), julafton and nyårsafton."""
    import holidays

    public = holidays.country_holidays("SE", years=year)
    midsummer_eve = next(datetime.date(year, 6, d) for d in range(19, 26) if datetime.date(year, 6, d).weekday() == 4)
    return frozenset({*public, midsummer_eve, datetime.date(year, 12, 24), datetime.date(year, 12, 31)})


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday, and not a day off."""
    return day.weekday() < 5 and day not in days_off(day.year)


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """The working days after `start` up to and including `end` (0 when `end` is not after `start`)."""
    days = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        days += is_working_day(day)
    return days


def add_working_days(start: datetime.date, count: int) -> datetime.date:
    """The day `count` working days after `start`."""
    day = start
    while count > 0:
        day += datetime.timedelta(days=1)
        count -= is_working_day(day)
    return day


def last_start_due_by(day: datetime.date, count: int) -> datetime.date:
    """The last start whose `count` working days have run out by `day`: add_working_days(start, count) <= day."""
    # Stepping back from `day` rather than subtracting working days: a start on a weekend or a day off runs out
    # with the working day before it, which subtracting from `day` cannot find.
    start = day
    while add_working_days(start, count) > day:  # a later start never runs out sooner
        start -= datetime.timedelta(days=1)
    return start
