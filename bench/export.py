"""The list exports' benchmark: the project list of a seeded demo database downloaded as CSV and as Excel, 10,000
and 50,000 rows, each in a fresh process, with the time to the first byte, the whole time and the peak memory.

    python -m bench.export [--size large] [--rows 10000 50000] [--tracemalloc]

The download goes through the list view itself (filters, permissions, the audit log), as a coordinator, with its
rows cut to the number asked for; it runs in a transaction that is rolled back, so the database is left as it was.
Each run has a process of its own, so its peak resident memory (ru_maxrss) is that download's alone.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc

from . import database, results

FORMATS = ["csv", "xlsx"]
TARGET_CSV_SECONDS = {10_000: 2}  # issue 11: a CSV of 10,000 rows in under 2 s
FLAT_MB = 20  # "memory flat": 50,000 rows may cost at most this much more peak memory than 10,000
COLUMNS = ["format", "rows", "first byte s", "total s", "CPU s", "MB out", "peak RSS MB", "RSS growth MB", "target"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="large", choices=["small", "medium", "large"])
    parser.add_argument("--rows", nargs="+", type=int, default=[10_000, 50_000])
    parser.add_argument("--formats", nargs="+", default=FORMATS, choices=FORMATS)
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python's allocations (slower)")
    parser.add_argument("--child", nargs=2, metavar=("FORMAT", "ROWS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        measured = export_once(args.child[0], int(args.child[1]), args.tracemalloc)
        sys.stdout.write(json.dumps(measured) + "\n")
        return 0
    url = database.seeded(args.size, os.environ.get("DATABASE_URL"), log=say)
    runs = [run_child(url, kind, rows, args.tracemalloc) for kind in args.formats for rows in args.rows]
    judge(runs)
    rows = [row(run) for run in runs]
    print()  # noqa: T201 - the benchmark's output
    print(results.markdown_table(COLUMNS, rows))  # noqa: T201
    paths = results.write("export", database.vendor(url), COLUMNS, rows, {"size": args.size, "runs": runs})
    say("Written: " + ", ".join(str(path.relative_to(database.ROOT)) for path in paths))
    return 0 if all(run["met"] for run in runs) else 1


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)  # noqa: T201 - progress of the benchmark itself


def run_child(url: str, kind: str, rows: int, trace: bool) -> dict:
    """One download in a fresh process on the database at `url`."""
    command = [sys.executable, "-m", "bench.export", "--child", kind, str(rows)] + (["--tracemalloc"] if trace else [])
    say(f"{kind}, {rows} rows …")
    done = subprocess.run(command, env=database.environment(url), cwd=database.ROOT, stdout=subprocess.PIPE, text=True)  # noqa: S603
    if done.returncode:
        raise SystemExit(f"The {kind} export of {rows} rows failed (exit {done.returncode})")
    return {"format": kind, "rows_asked": rows, **json.loads(done.stdout.strip().splitlines()[-1])}


def judge(runs: list[dict]) -> None:
    """Each run's targets: the CSV's time, and memory that stays flat from the fewest rows to the most."""
    fewest = {}
    for run in sorted(runs, key=lambda run: run["rows"]):
        fewest.setdefault(run["format"], run)
    for run in runs:
        seconds = TARGET_CSV_SECONDS.get(run["rows"]) if run["format"] == "csv" else None
        growth = run["rss_growth_mb"] - fewest[run["format"]]["rss_growth_mb"]
        run["wanted"] = " and ".join(
            [*([f"< {seconds} s"] if seconds else []), f"memory within {FLAT_MB} MB of the fewest rows'"]
        )
        run["met"] = (not seconds or run["seconds"] < seconds) and growth <= FLAT_MB


def row(run: dict) -> list:
    return [
        run["format"],
        run["rows"],
        run["first_byte_seconds"],
        run["seconds"],
        run["cpu_seconds"],
        round(run["bytes"] / 1_000_000, 1),
        run["peak_rss_mb"],
        run["rss_growth_mb"],
        f"{run['wanted']}: {'met' if run['met'] else 'MISSED'}",
    ]


# ---- in the child process ----


def rss_mb() -> float:
    """The process's peak resident memory so far, in MB (Linux reports kilobytes)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def export_once(kind: str, rows: int, trace: bool = False) -> dict:
    """Download the project list as `kind`, cut to `rows` rows, through the list view; return what was measured."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intl_portal.settings")
    import django

    django.setup()
    import openpyxl  # noqa: F401 - loaded before the baseline, as a running server has it
    from django.core.signals import request_finished
    from django.db import close_old_connections, transaction
    from django.test import RequestFactory
    from django.utils import translation

    from cooperation.organisation.choices import Role
    from cooperation.organisation.models import User
    from cooperation.projects.models import Project
    from cooperation.projects.views import ProjectListView

    class CutProjectList(ProjectListView):
        def export_queryset(self, queryset):
            return super().export_queryset(queryset)[:rows]

    request = RequestFactory().get("/projekt/", {"format": kind, "sort": "title"})
    request.user = User.objects.filter(role_assignments__role=Role.COORDINATOR).first()
    translation.activate("sv")
    baseline = rss_mb()
    if trace:
        tracemalloc.start()
    began, cpu = time.monotonic(), time.process_time()
    first_byte, size = None, 0
    with transaction.atomic():
        response = CutProjectList.as_view()(request)
        assert response.status_code == 200, response.status_code  # noqa: S101 - a benchmark of a working download
        for piece in response:
            if first_byte is None:
                first_byte = time.monotonic() - began
            size += len(piece)
        # Closing the response ends the request, which would close the database connection inside this
        # transaction (the test client keeps it open the same way).
        request_finished.disconnect(close_old_connections)
        try:
            response.close()
        finally:
            request_finished.connect(close_old_connections)
        transaction.set_rollback(True)
    measured = {
        "format": kind,
        "rows": min(rows, Project.objects.count()),
        "first_byte_seconds": round(first_byte or 0, 3),
        "seconds": round(time.monotonic() - began, 3),
        "cpu_seconds": round(time.process_time() - cpu, 2),
        "bytes": size,
        "baseline_rss_mb": baseline,
        "peak_rss_mb": rss_mb(),
        "rss_growth_mb": round(rss_mb() - baseline, 1),
    }
    if trace:
        measured["tracemalloc_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 1_000_000, 1)
        tracemalloc.stop()
    return measured


if __name__ == "__main__":
    raise SystemExit(main())
