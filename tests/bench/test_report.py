"""The report's benchmark: its build measures every phase on the known portfolio and leaves the database as it was."""

import json

import pytest

from bench import database, report, results
from cooperation.reports.models import FollowUp, ReportBuild
from tests.reports.portfolio import YEAR, portfolio  # noqa: F401 (the known portfolio, as a fixture)


@pytest.mark.usefixtures("portfolio")
@pytest.mark.parametrize("warm", [False, True], ids=["fresh", "warm"])
def test_a_build_measures_each_phase_and_changes_nothing(settings, tmp_path, warm):
    settings.REPORT_LISTED_ROWS = 1
    measured = report.build_once(None, "sv", trace=False, keep=tmp_path, warm=warm)
    assert measured["year"] == YEAR  # the busiest year
    assert set(measured["phases"]) == set(report.PHASES)
    for phase in measured["phases"].values():
        assert phase["seconds"] > 0 and phase["cpu_seconds"] > 0 and phase["peak_rss_mb"] > 0
    assert measured["pages"] >= 5
    assert measured["appendix_rows"] > measured["appendix_rows_shown"] == 4  # one row of each of the four lists
    assert any("sida" in step for _moment, _percent, step in measured["progress"])  # the PDF's pages as they come
    assert (tmp_path / f"report-{YEAR}.pdf").read_bytes().startswith(b"%PDF")
    assert not FollowUp.objects.exists() and not ReportBuild.objects.exists()


def test_each_size_has_its_own_database():
    assert database.database_url("large").endswith("var/bench/large.sqlite3")
    assert database.database_url("large", "postgres://postgres@127.0.0.1:5432/wt") == (
        "postgres://postgres@127.0.0.1:5432/wt_bench_large"
    )


def test_results_are_written_as_json_and_markdown(tmp_path, monkeypatch):
    monkeypatch.setattr(results, "RESULTS_DIR", tmp_path)
    json_path, markdown_path = results.write("report", "sqlite", ["size", "total s"], [["large", 12.5]], {})
    written = json.loads(json_path.read_text())
    assert (written["database"], written["rows"], written["cores"]) == ("sqlite", [["large", 12.5]], written["cores"])
    assert "| large | 12.5    |" in markdown_path.read_text()


def test_a_database_is_seeded_once_then_reused(tmp_path, monkeypatch):
    ran = []

    def manage(url, *args, quiet=False):
        ran.append(args[0])
        if args[0] == "migrate":
            (tmp_path / "small.sqlite3").touch()

    monkeypatch.setattr(database, "BENCH_DIR", tmp_path)
    monkeypatch.setattr(database, "_manage", manage)
    url = database.seeded("small", log=lambda text: None)
    assert url == f"sqlite:///{tmp_path / 'small.sqlite3'}" and ran == ["migrate", "seed_demo"]
    assert json.loads((tmp_path / "sqlite-small.seeded.json").read_text())["size"] == "small"
    database.seeded("small", log=lambda text: None)
    assert ran == ["migrate", "seed_demo", "migrate"]  # reused: only a newer migration would run
    (tmp_path / "small.sqlite3").unlink()
    database.seeded("small", log=lambda text: None)
    assert ran[3:] == ["migrate", "seed_demo"]  # the file is gone: seeded again
