"""Screenshots for a reviewer: every role's start page, and every register's list, a detail page and a form, at
1280 and 390 px, of the small demo portfolio (`make screenshots`).

    python -m bench.screenshots [--out var/screenshots] [--widths 1280 390]

The demo database is seeded once under var/bench/ (database.py) and served by runserver on a free port; Debian's
Chromium takes the pictures through Playwright. Pages wider than the window are listed at the end.
"""

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from . import database

OUT = database.ROOT / "var" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
EDITOR = "samordnare"  # the coordinator sees and may change every register


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(url: str, port: int) -> subprocess.Popen:
    """runserver on the demo database; DEBUG on so static files come straight from static/ (no collectstatic)."""
    env = {**database.environment(url), "DEBUG": "true"}
    command = [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, env=env, cwd=database.ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    for _attempt in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/logga-in/", timeout=2)  # noqa: S310 - our own server
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("runserver did not start")


def demo(url: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The demo accounts (username, password); (file name, list URL) of each register with pages, in menu order."""
    os.environ.update(database.environment(url))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intl_portal.settings")
    import django

    django.setup()
    from cooperation.portal.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
    from cooperation.portal.registers import register_lists

    accounts = [(username, DEMO_PASSWORD) for username, *_rest in DEMO_ACCOUNTS]
    return accounts, [(name.replace(":", "-").removesuffix("_list"), url) for name, url in register_lists()]


class Camera:
    def __init__(self, browser, base: str, out: Path, widths: list[int]):
        self.browser, self.base, self.out, self.widths = browser, base, out, widths
        self.too_wide: list[str] = []
        self.taken = 0

    def sign_in(self, username: str, password: str):
        context = self.browser.new_context(locale="sv-SE", viewport={"width": self.widths[0], "height": 900})
        page = context.new_page()
        page.goto(f"{self.base}/logga-in/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.locator("main button[type=submit]").click()
        page.wait_for_url(f"{self.base}/")
        return page

    def shoot(self, page, path: str, name: str):
        for width in self.widths:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{self.base}{path}")
            page.screenshot(path=self.out / str(width) / f"{name}.png", full_page=True)
            self.taken += 1
            if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
                self.too_wide.append(f"{width} px: {name} ({path})")


def take(
    base: str, out: Path, widths: list[int], accounts: list[tuple[str, str]], registers: list[tuple[str, str]]
) -> Camera:
    from playwright.sync_api import sync_playwright

    for width in widths:
        (out / str(width)).mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        camera = Camera(browser, base, out, widths)
        for username, password in accounts:
            camera.shoot(camera.sign_in(username, password), "/", f"start-{username}")
        page = camera.sign_in(EDITOR, dict(accounts)[EDITOR])
        for name, path in registers:
            camera.shoot(page, path, f"{name}-list")
            page.goto(f"{base}{path}")
            first = page.locator("main table tbody th[scope=row] a").first
            add = page.locator(".page-heading a.button--primary").first
            form = add.get_attribute("href") if add.count() else None
            if first.count():
                detail = first.get_attribute("href")
                camera.shoot(page, detail, f"{name}-detail")
                edit = page.locator(".page-heading__actions a", has_text="Ändra").first
                form = form or (edit.get_attribute("href") if edit.count() else None)
            if form:
                camera.shoot(page, form, f"{name}-form")
        browser.close()
    return camera


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--widths", type=int, nargs="+", default=[1280, 390])
    args = parser.parse_args(argv)
    url = database.seeded("small")
    accounts, registers = demo(url)
    port = free_port()
    server = serve(url, port)
    try:
        camera = take(f"http://127.0.0.1:{port}", args.out, args.widths, accounts, registers)
    finally:
        server.terminate()
        server.wait()
    print(f"{camera.taken} screenshots in {args.out}")  # noqa: T201
    for line in camera.too_wide:
        print(f"  wider than the window: {line}")  # noqa: T201


if __name__ == "__main__":
    main()
