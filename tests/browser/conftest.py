"""Browser tests drive Debian's Chromium through Playwright; no browser is downloaded."""

import os
import shutil

import pytest
from django.core.management import call_command

os.environ.setdefault(
    "DJANGO_ALLOW_ASYNC_UNSAFE", "true"
)  # Playwright's sync API runs an event loop in the test thread

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "sv-SE"}


@pytest.fixture
def csp_violations():
    """What the browser refused under the Content-Security-Policy, from its console."""
    return []


@pytest.fixture
def page(page, csp_violations):
    """Playwright's page, and the test fails if the browser blocked anything under the Content-Security-Policy."""

    def note(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            csp_violations.append(f"{page.url}: {message.text}")

    page.on("console", note)
    yield page
    assert csp_violations == [], "The Content-Security-Policy blocked:\n" + "\n".join(csp_violations)


@pytest.fixture
def demo(live_server):
    """The live server with the small Göteborg demo portfolio and its demo accounts (password DEMO_PASSWORD)."""
    call_command("seed_demo", "--allow-demo-accounts", "--municipality", "goteborg", "--size", "small", verbosity=0)
    return live_server
