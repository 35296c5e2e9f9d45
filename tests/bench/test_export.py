"""The exports' benchmark: a download measured on a tiny list, its targets judged, the database left as it was."""

import datetime

import pytest

from bench import export
from cooperation.core.models import AuditEvent
from cooperation.organisation.choices import Role
from cooperation.projects.models import FundingSource, Project
from tests.conftest import make_user


@pytest.mark.django_db
@pytest.mark.parametrize("kind", export.FORMATS)
def test_a_download_is_measured_through_the_list_view_and_changes_nothing(org, kind):
    make_user("samordnare", Role.COORDINATOR, org.central)
    for i in range(3):
        Project.objects.create(
            title=f"Projekt {i}",
            owner=org.unit_a,
            funding_source=FundingSource.objects.get(code="eu"),
            start_date=datetime.date(2025, 1, 1),
        )
    measured = export.export_once(kind, 2)
    assert measured["rows"] == 2 and measured["format"] == kind
    assert measured["bytes"] > 100 and 0 < measured["first_byte_seconds"] <= measured["seconds"]
    assert measured["peak_rss_mb"] >= measured["baseline_rss_mb"] > 0
    assert not AuditEvent.objects.exists()  # the download's audit row was rolled back with the rest


def test_targets_are_the_csv_time_and_flat_memory():
    def run(kind, rows, seconds, growth):
        return {"format": kind, "rows": rows, "seconds": seconds, "rss_growth_mb": growth}

    runs = [
        run("csv", 10_000, 1.5, 3),
        run("csv", 50_000, 6, 5),
        run("xlsx", 10_000, 9, 10),
        run("xlsx", 50_000, 40, 90),
    ]
    export.judge(runs)
    assert [each["met"] for each in runs] == [True, True, True, False]
    runs[0]["seconds"] = 2.5
    export.judge(runs)
    assert not runs[0]["met"]
    assert (
        export.row(runs[1] | {"first_byte_seconds": 0.01, "cpu_seconds": 5, "bytes": 9_000_000, "peak_rss_mb": 90})[5]
        == 9.0
    )
