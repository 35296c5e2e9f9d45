"""The annual follow-up's content: the figures of a year, for the whole municipality or one committee, as a
`document.Report`. The `figures` branch writes this module; the signature is what the others build against."""

from collections.abc import Callable

from .document import Report

Progress = Callable[[int, str], None]  # (percent done, what is being done now)


def build_report(year: int, *, body=None, follow_up=None, language: str = "sv", progress: Progress | None = None):
    """The report for `year`: the whole portfolio, or `body`'s (a nämnd or company board) and its units' items.

    `follow_up` (a `reports.FollowUp`, optional) adds the units' own accounts and the coordinator's assessments.
    """
    raise NotImplementedError  # replaced in this session by the `figures` branch; never lands as is
    return Report(title="", municipality="", year=year, language=language)
