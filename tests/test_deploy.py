"""`manage.py check --deploy` under the documented production environment (.env.example), in a process of its own."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

from django.core.management import get_commands

ROOT = Path(__file__).resolve().parent.parent


def documented_environment() -> dict[str, str]:
    """.env.example's variables, with a real secret key in place of the placeholder."""
    lines = (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
    pairs = (line.split("=", 1) for line in lines if line.strip() and not line.startswith("#"))
    return {**{name: value.strip('"') for name, value in pairs}, "SECRET_KEY": secrets.token_urlsafe(50)}


def check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_the_documented_environment():
    result = check_deploy(documented_environment())
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert result.stderr == ""


def test_check_deploy_names_what_an_environment_leaves_out():
    env = documented_environment()
    for name in ("SECURE_HSTS_SECONDS", "SECURE_SSL_REDIRECT"):
        del env[name]
    result = check_deploy({**env, "SECURE_COOKIES": "false"})
    assert result.returncode == 1
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


def test_the_placeholder_secret_key_is_refused():
    result = check_deploy({**documented_environment(), "SECRET_KEY": "change-me-to-a-long-random-string"})
    assert result.returncode == 1
    assert "placeholder" in result.stderr


def test_the_deploy_units_run_what_exists():
    units = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "deploy").glob("*.service"))
    assert set(re.findall(r"manage\.py (\w+)", units)) <= set(get_commands())
    assert {"migrate", "collectstatic", "db_worker", "send_reminders", "erase_personal_data"} <= set(
        re.findall(r"manage\.py (\w+)", units)
    )
    assert re.search(r"gunicorn intl_portal\.wsgi ", units)
    assert (ROOT / "intl_portal" / "wsgi.py").exists()
