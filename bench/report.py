"""The annual report's benchmark: the busiest year of a seeded demo database, built as `services.make_files` builds
it (content, PDF, Excel, Word), with each phase's time and the peak memory of the process that built it.

    python -m bench.report [--sizes medium large] [--year 2025] [--tracemalloc]

Each size runs in a child process of its own, so its peak resident memory (ru_maxrss) is the build's alone. The
build runs in a transaction that is rolled back: the seeded database is left as it was.
"""

import argparse
import functools
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

from . import database, results

# Issue 9's targets: seconds for the whole build, and megabytes of peak resident memory.
TARGETS = {"medium": {"seconds": 5, "rss_mb": None}, "large": {"seconds": 60, "rss_mb": 500}}
PHASES = ["content", "pdf", "xlsx", "docx"]
COLUMNS = [
    "size",
    "year",
    "projects",
    "visits",
    "content s",
    "pdf s",
    "xlsx s",
    "docx s",
    "total s",
    "total CPU s",
    "peak RSS MB",
    "pages",
    "appendix rows (pdf / xlsx)",
    "longest wait for progress s",
    "target",
]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", default=["medium", "large"], choices=["small", "medium", "large"])
    parser.add_argument("--year", type=int, help="the year to report (default: each database's busiest)")
    parser.add_argument("--language", default="sv", choices=["sv", "en"])
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python's allocations (slower)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--keep", type=Path, help="write the built files into this folder")
    parser.add_argument(
        "--warm", action="store_true", help="build an empty year first, as a running worker has imported and loaded"
    )
    args = parser.parse_args(argv)
    if args.child:
        measured = build_once(args.year, args.language, args.tracemalloc, args.keep, args.warm)
        sys.stdout.write(json.dumps(measured, default=str) + "\n")
        return 0
    server = os.environ.get("DATABASE_URL")
    runs = [run_child(size, database.seeded(size, server, log=say), args) for size in args.sizes]
    rows = [row(run) for run in runs]
    vendor = database.vendor(database.database_url(args.sizes[0], server))
    print()  # noqa: T201 - the benchmark's output
    print(results.markdown_table(COLUMNS, rows))  # noqa: T201
    paths = results.write(
        "report-warm" if args.warm else "report", vendor, COLUMNS, rows, {"runs": runs, "targets": TARGETS}
    )
    say("Written: " + ", ".join(str(path.relative_to(database.ROOT)) for path in paths))
    return 0 if all(run["met"] for run in runs) else 1


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)  # noqa: T201 - progress of the benchmark itself


def run_child(size: str, url: str, args) -> dict:
    """Build the report in a fresh process on the `size` database; its progress passes through to the terminal."""
    command = [sys.executable, "-m", "bench.report", "--child", "--language", args.language]
    command += ["--year", str(args.year)] if args.year else []
    command += ["--tracemalloc"] if args.tracemalloc else []
    command += ["--keep", str(args.keep / size)] if args.keep else []
    command += ["--warm"] if args.warm else []
    say(f"\n== {size} ==")
    done = subprocess.run(command, env=database.environment(url), cwd=database.ROOT, stdout=subprocess.PIPE, text=True)  # noqa: S603
    if done.returncode:
        raise SystemExit(f"The {size} build failed (exit {done.returncode})")
    run = {"size": size, **json.loads(done.stdout.strip().splitlines()[-1])}
    target = TARGETS.get(size, {})
    run["met"] = (not target.get("seconds") or run["total_seconds"] < target["seconds"]) and (
        not target.get("rss_mb") or run["peak_rss_mb"] < target["rss_mb"]
    )
    return run


def row(run: dict) -> list:
    target = TARGETS.get(run["size"], {})
    wanted = " and ".join(
        text
        for text in (
            f"< {target['seconds']} s" if target.get("seconds") else "",
            f"< {target['rss_mb']} MB" if target.get("rss_mb") else "",
        )
        if text
    )
    appendix = f"{run['appendix_rows_shown']} / {run['appendix_rows']}"
    return [
        run["size"],
        run["year"],
        run["projects_active"],
        run["visits"],
        *(run["phases"][phase]["seconds"] for phase in PHASES),
        run["total_seconds"],
        run["total_cpu_seconds"],
        run["peak_rss_mb"],
        run["pages"],
        appendix,
        run["longest_progress_gap_seconds"],
        f"{wanted}: {'met' if run['met'] else 'MISSED'}" if wanted else "",
    ]


# ---- in the child process ----


def busiest_year() -> int:
    """The year with the most active projects and visits."""
    from django.db.models import Max, Min

    from cooperation.projects.models import Project

    span = Project.objects.aggregate(first=Min("start_date"), last=Max("start_date"))
    if span["first"] is None:
        return date.today().year
    return max(range(span["first"].year, span["last"].year + 1), key=lambda year: sum(year_size(year)))


def year_size(year: int) -> tuple[int, int]:
    """Active projects and visits in `year`, as the report counts them."""
    from cooperation.reports.figures import projects, visits

    return projects.counts(year)["active"], visits.totals(year)["visits"]


def rss_mb() -> float:
    """The process's peak resident memory so far, in MB (Linux reports kilobytes)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


class Recorder:
    """Times each phase and notes the peak memory after it; shows each progress step as it comes."""

    def __init__(self, trace: bool):
        self.trace, self.started = trace, time.monotonic()
        self.phases, self.steps = {}, []

    def wrap(self, phase: str, function):
        def timed(*args, **kwargs):
            if self.trace:
                tracemalloc.reset_peak()
            began, cpu = time.monotonic(), time.process_time()
            result = function(*args, **kwargs)
            self.phases[phase] = {
                "seconds": round(time.monotonic() - began, 2),
                "cpu_seconds": round(time.process_time() - cpu, 2),
                "peak_rss_mb": rss_mb(),
            }
            if self.trace:
                self.phases[phase]["traced_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
            return result

        return timed

    def progress(self, original):
        def shown(build_id, percent, step):
            original(build_id, percent, step)
            moment = time.monotonic() - self.started
            self.steps.append((round(moment, 2), int(percent), str(step)))
            say(f"  {moment:7.1f} s {int(percent):3d} %  {step}")

        return shown

    def longest_gap(self, end: float) -> float:
        moments = [0.0] + [moment for moment, _percent, _step in self.steps] + [end]
        return round(max(b - a for a, b in zip(moments, moments[1:], strict=False)), 1)


def build_once(year: int | None, language: str, trace: bool, keep: Path | None, warm: bool = False) -> dict:
    """Build the report as the worker does, in a transaction rolled back afterwards; return what was measured.

    `warm` first builds a year with no data unmeasured: the worker (`db_worker`) is a long-running process, so from
    its second report on the libraries are imported and the fonts and hyphenation dictionaries loaded."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intl_portal.settings")
    import django

    django.setup()
    from django.db import connection, transaction

    from cooperation.reports import content, render, services
    from cooperation.reports.models import ReportBuild

    year = year or busiest_year()
    if warm:
        empty = content.build_report(1900, language=language)
        render.render_pdf(empty), render.render_xlsx(empty), render.render_docx(empty)
    projects_active, visits = year_size(year)
    say(f"  year {year}: {projects_active} active projects, {visits} visits ({connection.vendor})")
    recorder = Recorder(trace)
    built = {}

    def kept(function, *args, **kwargs):
        built["report"] = function(*args, **kwargs)
        return built["report"]

    build_report = recorder.wrap("content", functools.partial(kept, content.build_report))
    content.build_report = build_report  # services calls it through the module
    for phase in ("pdf", "xlsx", "docx"):
        setattr(render, f"render_{phase}", recorder.wrap(phase, getattr(render, f"render_{phase}")))
    services.set_progress = recorder.progress(services.set_progress)
    baseline = rss_mb()
    if trace:
        tracemalloc.start()
    recorder.started = began = time.monotonic()
    cpu = time.process_time()
    with transaction.atomic():
        follow_up = services.open_follow_up(year, date(year + 1, 1, 31), None)
        build = ReportBuild.objects.create(follow_up=follow_up, language=language)
        files = services.make_files(build)
        transaction.set_rollback(True)
    total, total_cpu = round(time.monotonic() - began, 2), round(time.process_time() - cpu, 2)
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
        for kind, data in zip(("pdf", "xlsx", "docx"), files, strict=True):
            (keep / f"report-{year}.{kind}").write_bytes(data)
    return {
        "year": year,
        "language": language,
        "projects_active": projects_active,
        "visits": visits,
        "phases": recorder.phases,
        "total_seconds": total,
        "total_cpu_seconds": total_cpu,
        "baseline_rss_mb": baseline,
        "peak_rss_mb": rss_mb(),
        "pages": pdf_pages(files[0]),
        **appendix_rows(built["report"], files[0]),
        "bytes": {kind: len(data) for kind, data in zip(("pdf", "xlsx", "docx"), files, strict=True)},
        "longest_progress_gap_seconds": recorder.longest_gap(time.monotonic() - recorder.started),
        "progress": recorder.steps,
    }


def pdf_pages(pdf: bytes) -> int | None:
    """The PDF's page count, read by poppler's pdfinfo where it is installed."""
    try:
        info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)  # noqa: S607
    except (OSError, subprocess.CalledProcessError):
        return None
    pages = [line for line in info.stdout.decode(errors="replace").splitlines() if line.startswith("Pages:")]
    return int(pages[0].split()[1]) if pages else None


def appendix_rows(report, pdf: bytes) -> dict:
    """The appendix's rows: all of them (the workbook's) and those the PDF lists."""
    from cooperation.reports.render.cells import listed_rows

    appendix = next(section for section in report.sections if section.key == "appendix")
    tables = [block for block in appendix.blocks if hasattr(block, "rows")]
    return {
        "appendix_rows": sum(len(table.rows) for table in tables),
        "appendix_rows_shown": sum(len(listed_rows(table)) for table in tables),
    }


if __name__ == "__main__":
    sys.exit(main())
