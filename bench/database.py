"""Build or reuse a seeded benchmark database: `seed_demo --size SIZE` runs once, later runs reuse its result.

SQLite files live under var/bench/; with DATABASE_URL set (PostgreSQL), the server gets one database per size
(`<name>_bench_<size>`). A marker file beside them says the seed finished, so a run stopped halfway seeds again.
"""

import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
# The settings a benchmark runs under: production's (DEBUG off), with a key only the benchmark uses.
SETTINGS = {"SECRET_KEY": "bench-only-not-secret", "DEBUG": "false", "STATIC_MANIFEST": "false"}


def database_url(size: str, server: str | None = None) -> str:
    """Where the `size` database lives: a SQLite file, or a database of its own on `server`'s PostgreSQL."""
    if not server or server.startswith("sqlite"):
        return f"sqlite:///{BENCH_DIR / f'{size}.sqlite3'}"
    parts = urlsplit(server)
    name = (parts.path.strip("/") or "intl_portal") + f"_bench_{size}"
    return urlunsplit(parts._replace(path="/" + name))


def environment(url: str) -> dict:
    """The environment a benchmark's child process runs in."""
    return {**os.environ, **SETTINGS, "DATABASE_URL": url, "PYTHONPATH": str(ROOT)}


def vendor(url: str) -> str:
    return "sqlite" if url.startswith("sqlite") else "postgresql"


def seeded(size: str, server: str | None = None, log=print) -> str:
    """The URL of a migrated database holding the `size` demo portfolio, seeding it the first time."""
    url = database_url(size, server)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    marker = BENCH_DIR / f"{vendor(url)}-{size}.seeded.json"
    if vendor(url) == "postgresql":
        there = not _create_database(url)
    else:
        there = (BENCH_DIR / f"{size}.sqlite3").exists()
    if marker.exists() and there:
        log(f"Reusing the {size} database ({vendor(url)}), seeded {json.loads(marker.read_text())['seeded_at']}")
        _manage(url, "migrate", "--no-input", quiet=True)  # a newer migration runs on the kept data
        settle(url)
        return url
    marker.unlink(missing_ok=True)
    log(f"Seeding the {size} database ({vendor(url)}); the large size takes several minutes …")
    started = time.monotonic()
    _manage(url, "migrate", "--no-input", quiet=True)
    _manage(url, "seed_demo", "--size", size, "--allow-demo-accounts")  # a throwaway database, DEBUG off
    seconds = round(time.monotonic() - started, 1)
    marker.write_text(json.dumps({"size": size, "seconds": seconds, "seeded_at": datetime.now(UTC).isoformat()}))
    log(f"Seeded the {size} database in {seconds} s")
    settle(url)
    return url


def settle(url: str) -> None:
    """On PostgreSQL, what autovacuum does to a running installation's tables: statistics for the planner and the
    visibility map that lets a count read an index alone. A database seeded a minute ago has neither yet."""
    if vendor(url) != "postgresql":
        return
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def _manage(url: str, *args: str, quiet: bool = False) -> None:
    output = subprocess.DEVNULL if quiet else None
    command = [sys.executable, str(ROOT / "manage.py"), *args]
    subprocess.run(command, env=environment(url), cwd=ROOT, check=True, stdout=output)  # noqa: S603 - our own command


def _create_database(url: str) -> bool:
    """Create the size's database on the server unless it is there; whether it was created."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.strip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True
