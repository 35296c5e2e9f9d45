"""A benchmark's results: one table printed, and JSON and Markdown written to bench/results/ with the machine,
the database and the date, so runs can be compared."""

import json
import os
import platform
import subprocess
from datetime import UTC, datetime
from pathlib import Path

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def machine() -> dict:
    """What the figures were taken on."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), cpu)
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "system": platform.platform(),
        "python": platform.python_version(),
        "commit": _commit(),
    }


def _commit() -> str:
    try:
        result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True)  # noqa: S607
    except (OSError, subprocess.CalledProcessError):
        return ""
    return result.stdout.strip()


def markdown_table(columns: list[str], rows: list[list]) -> str:
    """A Markdown table (also readable as plain text in a terminal)."""
    cells = [[str(column) for column in columns]] + [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]

    def line(row):
        return "| " + " | ".join(value.ljust(width) for value, width in zip(row, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (width + 2) for width in widths) + "|"
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])


def write(name: str, database: str, columns: list[str], rows: list[list], details: dict) -> tuple[Path, Path]:
    """Write `name`'s results as JSON (everything) and Markdown (the table); return both paths."""
    RESULTS_DIR.mkdir(exist_ok=True)
    taken = datetime.now(UTC)
    stem = RESULTS_DIR / f"{name}-{database}-{taken:%Y%m%dT%H%M%SZ}"
    about = {"benchmark": name, "database": database, "date": taken.isoformat(timespec="seconds"), **machine()}
    payload = {**about, "columns": columns, "rows": rows, "details": details}
    stem.with_suffix(".json").write_text(json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n")
    heading = f"# {name} on {database}, {about['date']}\n\n{about['cpu']}, {about['cores']} cores, "
    heading += f"{about['memory_gb']} GB, Python {about['python']}, commit {about['commit']}\n\n"
    stem.with_suffix(".md").write_text(heading + markdown_table(columns, rows) + "\n")
    return stem.with_suffix(".json"), stem.with_suffix(".md")
