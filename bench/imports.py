"""The import's benchmark: a unit's sheet of projects (partners, yearly finances, a title row above the headers) of
300 and 1,000 rows, checked (the dry run) and imported into a seeded demo database, as the background worker runs
them; with the time, the rows a second and the SQL queries a row.

    python -m bench.imports [--size large] [--rows 300 1000]

Each size runs in a process of its own, in a transaction that is rolled back: the seeded database is left as it
was. The items are saved through the project's own edit view, so every notice, history row and synergy key the
import makes is in the figures (the synergy finder's work at the commit is timed with it).
"""

import argparse
import io
import json
import os
import subprocess
import sys
import time

from . import database, results

TARGET_ROWS_PER_SECOND = 10  # 300 projects, a unit's whole portfolio, checked and imported within a minute
COLUMNS = ["rows", "dry run s", "import s", "rows/s (import)", "queries/row (import)", "target"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="large", choices=["small", "medium", "large"])
    parser.add_argument("--rows", nargs="+", type=int, default=[300, 1000])
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        sys.stdout.write(json.dumps(import_once(args.child)) + "\n")
        return 0
    url = database.seeded(args.size, os.environ.get("DATABASE_URL"), log=say)
    runs = [run_child(url, rows) for rows in args.rows]
    for run in runs:
        run["met"] = run["rows_per_second"] >= TARGET_ROWS_PER_SECOND
    rows = [
        [
            run["rows"],
            run["check_seconds"],
            run["import_seconds"],
            run["rows_per_second"],
            run["queries_per_row"],
            f"≥ {TARGET_ROWS_PER_SECOND} rows/s: {'met' if run['met'] else 'MISSED'}",
        ]
        for run in runs
    ]
    print()  # noqa: T201 - the benchmark's output
    print(results.markdown_table(COLUMNS, rows))  # noqa: T201
    paths = results.write("imports", database.vendor(url), COLUMNS, rows, {"size": args.size, "runs": runs})
    say("Written: " + ", ".join(str(path.relative_to(database.ROOT)) for path in paths))
    return 0 if all(run["met"] for run in runs) else 1


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)  # noqa: T201 - progress of the benchmark itself


def run_child(url: str, rows: int) -> dict:
    say(f"{rows} rows …")
    command = [sys.executable, "-m", "bench.imports", "--child", str(rows)]
    done = subprocess.run(command, env=database.environment(url), cwd=database.ROOT, stdout=subprocess.PIPE, text=True)  # noqa: S603
    if done.returncode:
        raise SystemExit(f"The import of {rows} rows failed (exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---- in the child process ----


def sheet(rows: int, unit: str, source: str) -> bytes:
    """A unit's sheet: a title row, the headers, `rows` projects with a partner and two years' grants."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append([f"Internationella projekt – {unit}"])
    book.active.append(
        [
            "Titel",
            "Ägande enhet",
            "Finansiär",
            "Status",
            "Startdatum",
            "Slutdatum",
            "Total budget",
            "Beviljat externt stöd",
            "Partner",
            "Beviljat 2025",
            "Beviljat 2026",
            "Närliggande och digitala alternativ",
        ]
    )
    for number in range(rows):
        book.active.append(
            [
                f"Importprojekt {number}",
                unit,
                source,
                "Pågående",
                "2025-01-01",
                "2026-12-31",
                "1 000 000",
                "200 000",
                f"Partnerstad {number % 40}, Stad {number % 40} (Tyskland)",
                "100 000",
                "100 000",
                "Mötena hålls digitalt.",
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def import_once(rows: int) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intl_portal.settings")
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"  # the notices' mail, kept
    import django

    django.setup()
    from django.db import connection, transaction
    from django.utils import translation

    from cooperation.importing import services
    from cooperation.importing.models import ImportState
    from cooperation.importing.spec import importer_for
    from cooperation.organisation.choices import Role
    from cooperation.organisation.models import Unit, User
    from cooperation.projects.models import FundingSource

    translation.activate("sv")
    user = User.objects.filter(role_assignments__role=Role.COORDINATOR).first()
    unit = Unit.objects.filter(is_central_office=False, is_active=True).order_by("pk").first()
    source = FundingSource.objects.get(code="eu")
    content = sheet(rows, unit.name, source.name_sv)
    with transaction.atomic():
        batch = services.upload(user, importer_for("projekt"), "bench.xlsx", content)
        batch.state = ImportState.CHECKING
        batch.save()
        began = time.monotonic()
        services.run_check(batch.pk)
        check_seconds = time.monotonic() - began
        batch.refresh_from_db()
        assert batch.may_commit, batch.report["rows"][:3]  # noqa: S101 - a benchmark of a valid file
        batch.state = ImportState.IMPORTING
        batch.save()
        queries = []
        with connection.execute_wrapper(lambda execute, sql, *args: queries.append(1) or execute(sql, *args)):
            began = time.monotonic()
            services.run_import(batch.pk)
            # what the commit would run: the notices' e-mails and the synergy finder, whose work is the import's too
            hooks, connection.run_on_commit = connection.run_on_commit, []
            for _savepoints, hook, _robust in hooks:
                hook()
            import_seconds = time.monotonic() - began
        batch.refresh_from_db()
        assert batch.state == ImportState.IMPORTED, batch.failure  # noqa: S101
        transaction.set_rollback(True)
    return {
        "rows": rows,
        "check_seconds": round(check_seconds, 2),
        "import_seconds": round(import_seconds, 2),
        "rows_per_second": round(rows / import_seconds, 1),
        "queries_per_row": round(len(queries) / rows, 1),
    }


if __name__ == "__main__":
    sys.exit(main())
