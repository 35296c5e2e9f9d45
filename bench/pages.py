"""The pages' benchmark (`make bench`): every register's list (unfiltered, each filter, free-text search, each sort,
the last page), each register's detail page, each role's start page and the notice inbox, on the `large` demo
portfolio, each beside the Django admin's page for the same model, filter, search, sort and page.

    python -m bench.pages [--size large] [--repeat 11] [--only projects] [--no-load] [--no-files]

For each page: its SQL queries; the median and 95th percentile of repeated requests through the test client
(warmed, DEBUG off, requests interleaved with the admin's); ours ÷ admin (`ratio_to_admin`); and the page ÷ its
slowest SQL query run alone (how far the page is from what its data costs). Then a bounded load through gunicorn
with two workers (requests a second, 99th percentile, errors) on a list and a detail page and on the admin's, and
the peak memory of the exports and the annual report (each in a process of its own: `bench.export`,
`bench.report`). One table is printed; JSON and Markdown go to bench/results/. Exits non-zero when a target is
missed.
"""

import argparse
import logging
import math
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import warnings
from dataclasses import dataclass, field
from datetime import date
from http.client import HTTPConnection

from . import database, results

# Issue 13's targets at the large size.
MAX_QUERIES = 12
MEDIAN_MS = 50
P95_MS = 150
RATIO_TO_ADMIN = 0.5
RATIO_TO_ADMIN_SEARCH = 0.2
PAGE_PER_SQL = 4  # on PostgreSQL
LOAD_RATIO = 2  # at least twice the admin's requests a second through gunicorn
SIGN_IN_MS = 300
COLUMNS = [
    "page",
    "queries",
    "median ms",
    "p95 ms",
    "admin median ms",
    "ratio to admin",
    "slowest SQL ms",
    "page ÷ SQL",
    "target",
]


@dataclass
class Case:
    group: str  # the register (or "start page", "sign-in")
    name: str
    url: str
    user: str
    admin_url: str | None = None
    search: bool = False
    list_page: bool = True
    max_queries: int = MAX_QUERIES
    times: list = field(default_factory=list)
    admin_times: list = field(default_factory=list)
    measured: dict = field(default_factory=dict)


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)  # noqa: T201 - progress of the benchmark itself


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="large", choices=["small", "medium", "large"])
    parser.add_argument("--repeat", type=int, default=11, help="timed requests per page (after two warm-ups)")
    parser.add_argument("--only", help="only the pages whose name contains this")
    parser.add_argument("--no-load", action="store_true", help="skip the load through gunicorn")
    parser.add_argument("--no-files", action="store_true", help="skip the exports and the annual report")
    parser.add_argument("--load-seconds", type=float, default=10)
    args = parser.parse_args(argv)
    url = database.seeded(args.size, os.environ.get("DATABASE_URL"), log=say)
    os.environ.update(database.environment(url), ALLOWED_HOSTS="testserver,127.0.0.1,localhost")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intl_portal.settings")
    import django

    django.setup()
    logging.getLogger("intl_portal.audit").disabled = True  # thousands of sign-ins would drown the table
    warnings.filterwarnings("ignore", message="No directory at")  # the static files are not collected here
    vendor = database.vendor(url)
    cases = [case for case in build_cases() if not args.only or args.only in f"{case.group} {case.name}"]
    say(f"{len(cases)} pages, {args.repeat} requests each, interleaved with the admin's …")
    measure(cases, args.repeat)
    rows = [row(case, vendor) for case in cases]
    rows.append(sign_in_row(args.repeat))
    load = [] if args.no_load else load_rows(url, args.load_seconds)
    files = [] if args.no_files else file_rows(url, args.size)
    table = rows + load + files
    print()  # noqa: T201 - the benchmark's output
    print(results.markdown_table(COLUMNS, table))  # noqa: T201
    details = {
        "size": args.size,
        "repeat": args.repeat,
        "pages": [
            {"group": c.group, "name": c.name, "url": c.url, "admin_url": c.admin_url, **c.measured} for c in cases
        ],
        "targets": {
            "max_queries": MAX_QUERIES,
            "median_ms": MEDIAN_MS,
            "p95_ms": P95_MS,
            "ratio_to_admin": RATIO_TO_ADMIN,
            "ratio_to_admin_search": RATIO_TO_ADMIN_SEARCH,
            "page_per_sql": PAGE_PER_SQL,
            "load_ratio": LOAD_RATIO,
            "sign_in_ms": SIGN_IN_MS,
        },
    }
    paths = results.write("pages", vendor, COLUMNS, table, details)
    say("Written: " + ", ".join(str(path.relative_to(database.ROOT)) for path in paths))
    missed = [line[0] for line in table if "MISSED" in str(line[-1])]
    if missed:
        say(f"{len(missed)} targets missed: " + "; ".join(missed))
    return 1 if missed else 0


# ---- which pages ----


def build_cases() -> list[Case]:
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from cooperation.portal.registers import register_lists

    cases = []
    for _name, list_url in register_lists():
        cases += list_cases(list_url)
    for username in demo_users():
        cases.append(Case("start page", username, reverse("home"), username, list_page=False))
    cases += header_search_cases()
    assert get_user_model().objects.filter(username="admin").exists()  # noqa: S101 - the seeded superuser
    return cases


def demo_users() -> list[str]:
    from cooperation.portal.demo import DEMO_ACCOUNTS

    return [username for username, *_rest in DEMO_ACCOUNTS]


def list_cases(list_url: str) -> list[Case]:
    """The list unfiltered, by each filter, searched, sorted by each column and its last page; its detail page."""
    import django_filters
    from django.contrib import admin
    from django.urls import resolve, reverse

    view = resolve(list_url).func.view_class
    model = getattr(view, "model", None)
    if model is None or getattr(view, "filterset_class", None) is None:  # a page of its own (the follow-ups)
        return [Case(str(view.__name__), "page", list_url, "samordnare")]
    opts = model._meta
    group = str(opts.verbose_name_plural)
    model_admin = admin.site._registry.get(model)
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") if model_admin else None
    user = "samordnare"

    def admin_at(query: str | None) -> str | None:
        return f"{changelist}?{query}" if changelist and query is not None else None

    cases = [Case(group, "unfiltered", list_url, user, admin_at(""))]
    filterset = view.filterset_class(queryset=model._default_manager.all())
    for name, each in filterset.filters.items():
        if name in ("q", "sort"):
            continue
        value = filter_value(model, each)
        if value is None:
            continue
        key = f"{name}_after" if isinstance(each, django_filters.DateFromToRangeFilter) else name
        cases.append(
            Case(
                group,
                f"filter {name}",
                f"{list_url}?{key}={value}",
                user,
                admin_at(admin_filter(model_admin, each, value)),
            )
        )
    word = search_word(model, filterset.search_fields)
    if word:
        admin_search = f"q={word}" if model_admin and model_admin.search_fields else None
        cases.append(Case(group, f"search “{word}”", f"{list_url}?q={word}", user, admin_at(admin_search), search=True))
    if "sort" in filterset.filters:
        for key, field_name in filterset.filters["sort"].param_map.items():
            cases.append(
                Case(
                    group, f"sort {key}", f"{list_url}?sort={key}", user, admin_at(admin_sort(model_admin, field_name))
                )
            )
    total = view.model._default_manager.count()
    last = max(1, math.ceil(total / view.paginate_by))
    admin_last = math.ceil(total / model_admin.list_per_page) if model_admin else None
    cases.append(
        Case(
            group,
            f"last page ({last})",
            f"{list_url}?page={last}",
            user,
            admin_at(f"p={admin_last}" if admin_last else None),
        )
    )
    obj = model._default_manager.order_by("pk")[total // 2] if total else None
    if obj is not None and hasattr(obj, "get_absolute_url"):
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]) if model_admin else None
        cases.append(Case(group, "detail page", obj.get_absolute_url(), user, change, list_page=False))
    return cases


def header_search_cases() -> list[Case]:
    """The header's search across every register, for a word from the middle project's description and for a
    common word, as the coordinator (every register) and an official. Its query budget is per register: a count and
    the best hits of each register with a hit, and the page's own."""
    from django.urls import reverse

    from cooperation.portal.search import searchables
    from cooperation.projects.models import Project

    total = Project.objects.count()
    words = ["samarbete"]
    if total:
        text = Project.objects.values_list("description", flat=True).order_by("pk")[total // 2] or ""
        words += [word.lower() for word in re.findall(r"\w+", text) if len(word) >= 6][:1]
    registers = len(searchables(clients_user("samordnare")))
    return [
        Case(
            "search",
            f"header “{word}” as {user}",
            f"{reverse('search')}?q={word}",
            user,
            list_page=False,
            search=True,
            # per register its newest hits and their count, each at most twice (its newest rows first, then all of
            # them); the registers' newest rows' keys; the session, the user and the roles
            max_queries=4 * registers + 5,
        )
        for word in words
        for user in ("samordnare", "handlaggare")
    ]


def clients_user(username: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def filter_value(model, each):
    """A value for one filter that the data holds plenty of: the most common one."""
    import django_filters
    from django.db.models import Count

    if isinstance(each, django_filters.DateFromToRangeFilter):
        return f"{date.today().year - 2}-01-01"
    if isinstance(each, django_filters.BooleanFilter):
        return "true"
    if isinstance(each, django_filters.NumberFilter) and (each.method is not None or each.lookup_expr == "year"):
        return date.today().year - 1  # "active in year", "starts in year"
    if each.method is not None:
        if isinstance(each, django_filters.ModelChoiceFilter):  # e.g. the host unit: the unit with most rows
            return busiest(model, each)
        choices = each.extra.get("choices")
        return next((str(value) for value, _label in choices if value), None) if choices else None
    path = each.field_name
    try:
        common = (
            model._default_manager.exclude(**{f"{path}__isnull": True})
            .values(path)
            .annotate(n=Count("pk"))
            .order_by("-n")
            .first()
        )
    except Exception:  # noqa: BLE001 - a filter the generic picker does not understand is left out
        return None
    return common[path] if common else None


def busiest(model, each):
    """The choice of a model choice filter that finds the most items."""
    best, most = None, -1
    for row in each.extra["queryset"][:50]:
        found = each.filter(model._default_manager.all(), row).count()
        if found > most:
            best, most = row.pk, found
    return best


def admin_filter(model_admin, each, value) -> str | None:
    """The admin's query string for the same filter, where its list_filter has the field."""
    if model_admin is None:
        return None
    names = [entry if isinstance(entry, str) else entry[0] for entry in model_admin.list_filter]
    path = each.field_name
    if path not in names:
        return None
    field_object = model_admin.model._meta.get_field(path)
    if field_object.many_to_many or field_object.one_to_many:
        return None  # the admin lists it through a join of its own; not the same query
    key = f"{path}__{field_object.target_field.name}__exact" if field_object.is_relation else f"{path}__exact"
    return f"{key}={value}"


def admin_sort(model_admin, field_name: str) -> str | None:
    """The admin's `o=` for sorting by the same column, where it lists the column."""
    if model_admin is None:
        return None
    display = list(model_admin.list_display)
    name = field_name.split("__")[0]
    return f"o={display.index(name) + 1}" if name in display else None


def search_word(model, fields) -> str | None:
    """A word from the middle item's title-like first search field: something an official would look for."""
    if not fields:
        return None
    total = model._default_manager.count()
    if not total:
        return None
    text = str(model._default_manager.values_list(fields[0], flat=True).order_by("pk")[total // 2] or "")
    words = [word for word in re.findall(r"\w+", text) if len(word) >= 5]
    return words[0].lower() if words else None


# ---- measuring ----


def clients() -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client

    found = {}
    for user in get_user_model().objects.filter(username__in=[*demo_users(), "admin"]):
        client = Client(HTTP_ACCEPT_LANGUAGE="sv")
        client.force_login(user)
        found[user.username] = client
    return found


def timed_get(client, url: str) -> float:
    began = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - began) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return elapsed


def measure(cases: list[Case], repeat: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    users = clients()
    admin_client = users["admin"]
    for case in cases:
        client = users[case.user]
        for _warm in range(2):
            timed_get(client, case.url)
            if case.admin_url and admin_client.get(case.admin_url).status_code != 200:
                say(f"The admin has no page like {case.url}: {case.admin_url} left out")
                case.admin_url = None
        with CaptureQueriesContext(connection) as captured:
            client.get(case.url)
        case.measured["queries"] = len(captured.captured_queries)
        case.measured["slowest_sql_ms"], case.measured["slowest_sql"] = slowest_alone(captured.captured_queries)
    for round_ in range(repeat):
        say(f"round {round_ + 1} of {repeat}")
        for case in cases:
            case.times.append(timed_get(users[case.user], case.url))
            if case.admin_url:
                case.admin_times.append(timed_get(admin_client, case.admin_url))
    for case in cases:
        case.measured["median_ms"] = round(statistics.median(case.times), 1)
        case.measured["p95_ms"] = round(percentile(case.times, 95), 1)
        case.measured["admin_median_ms"] = round(statistics.median(case.admin_times), 1) if case.admin_times else None
        admin = case.measured["admin_median_ms"]
        case.measured["ratio_to_admin"] = round(case.measured["median_ms"] / admin, 2) if admin else None
        sql = case.measured["slowest_sql_ms"]
        case.measured["page_per_sql"] = round(case.measured["median_ms"] / sql, 1) if sql else None


def percentile(values: list[float], share: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share / 100 * len(ordered)) - 1)]


def slowest_alone(captured: list[dict]) -> tuple[float | None, str]:
    """Each of the page's queries run alone (median of five), and the slowest of them. (The captured times are in
    whole milliseconds: too coarse to pick the slowest from.)"""
    from django.db import connection

    slowest, text = None, ""
    for query in captured:
        sql = query["sql"]
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        runs = []
        for _ in range(5):
            began = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(sql)
                cursor.fetchall()
            runs.append((time.perf_counter() - began) * 1000)
        ms = statistics.median(runs)
        if slowest is None or ms > slowest:
            slowest, text = ms, sql
    return (round(slowest, 2) if slowest is not None else None), text[:2000]


def judge(case: Case, vendor: str) -> str:
    m = case.measured
    missed = []
    if m["queries"] > case.max_queries:
        missed.append(f"queries > {case.max_queries}")
    if case.list_page or case.group != "start page":
        if m["median_ms"] > MEDIAN_MS:
            missed.append(f"median > {MEDIAN_MS}")
        if m["p95_ms"] > P95_MS:
            missed.append(f"p95 > {P95_MS}")
    limit = RATIO_TO_ADMIN_SEARCH if case.search else RATIO_TO_ADMIN
    if case.list_page and m["ratio_to_admin"] is not None and m["ratio_to_admin"] > limit:
        missed.append(f"ratio > {limit}")
    if vendor == "postgresql" and m["page_per_sql"] is not None and m["page_per_sql"] > PAGE_PER_SQL:
        missed.append(f"page ÷ SQL > {PAGE_PER_SQL}")
    return "MISSED: " + ", ".join(missed) if missed else "met"


def row(case: Case, vendor: str) -> list:
    m = case.measured
    return [
        f"{case.group}: {case.name}",
        m["queries"],
        m["median_ms"],
        m["p95_ms"],
        m["admin_median_ms"],
        m["ratio_to_admin"],
        m["slowest_sql_ms"],
        m["page_per_sql"],
        judge(case, vendor),
    ]


def sign_in_row(repeat: int) -> list:
    """Signing in through the form, as a person does (the password hasher is most of it)."""
    from django.test import Client
    from django.urls import reverse

    from cooperation.portal.demo import DEMO_PASSWORD

    times = []
    for _ in range(repeat + 1):
        client = Client()
        began = time.perf_counter()
        response = client.post(reverse("login"), {"username": "handlaggare", "password": DEMO_PASSWORD})
        times.append((time.perf_counter() - began) * 1000)
        if response.status_code != 302:
            raise SystemExit(f"Signing in answered {response.status_code}")
    times = times[1:]
    median = round(statistics.median(times), 1)
    target = "met" if median < SIGN_IN_MS else f"MISSED: median > {SIGN_IN_MS}"
    return ["sign-in", None, median, round(percentile(times, 95), 1), None, None, None, None, target]


# ---- a bounded load through gunicorn ----


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def session_cookie(username: str) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    user = get_user_model().objects.get(username=username)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    # the backend that reads the user back (not django-axes', which only guards the password form)
    session[BACKEND_SESSION_KEY] = next(path for path in settings.AUTHENTICATION_BACKENDS if "axes" not in path)
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def hammer(port: int, path: str, cookie: str, seconds: float, connections: int) -> dict:
    """`connections` clients asking for `path` one request after another for `seconds`."""
    times, errors, lock, statuses = [], [0], threading.Lock(), []
    stop_at = time.monotonic() + seconds

    def client():
        connection = HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < stop_at:
            began = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Cookie": cookie, "Accept-Language": "sv"})
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
                if not ok and not statuses:
                    statuses.append(response.status)
            except OSError as error:
                ok = False
                statuses.append(str(error))
                connection = HTTPConnection("127.0.0.1", port, timeout=30)
            with lock:
                times.append((time.perf_counter() - began) * 1000)
                errors[0] += 0 if ok else 1

    threads = [threading.Thread(target=client) for _ in range(connections)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - began
    return {
        "requests": len(times),
        "per_second": round(len(times) / wall, 1),
        "p99_ms": round(percentile(times, 99), 1) if times else None,
        "median_ms": round(statistics.median(times), 1) if times else None,
        "errors": errors[0],
        "first_error": statuses[0] if statuses else None,
    }


def load_rows(url: str, seconds: float, connections: int = 4) -> list[list]:
    """A list and a detail page through gunicorn with two workers, beside the admin's, `connections` at a time."""
    from django.urls import reverse

    from cooperation.projects.models import Project

    port = free_port()
    project = Project.objects.order_by("pk")[Project.objects.count() // 2]
    pages = [
        ("projects list", reverse("projects:project_list"), reverse("admin:projects_project_changelist")),
        ("project detail", project.get_absolute_url(), reverse("admin:projects_project_change", args=[project.pk])),
    ]
    ours, theirs = session_cookie("samordnare"), session_cookie("admin")
    env = {**database.environment(url), "SECURE_COOKIES": "false"}
    command = [sys.executable, "-m", "gunicorn", "intl_portal.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}"]
    say(f"gunicorn with two workers on port {port}, {connections} connections, {seconds:.0f} s a page …")
    log = open(database.BENCH_DIR / "gunicorn.log", "w")  # noqa: SIM115 - open while the server runs
    server = subprocess.Popen(command, env=env, cwd=database.ROOT, stderr=log)  # noqa: S603
    try:
        wait_for(port)
        rows = []
        for name, path, admin_path in pages:
            hammer(port, path, ours, 1, connections)  # warm both workers
            hammer(port, admin_path, theirs, 1, connections)
            mine = hammer(port, path, ours, seconds, connections)
            admins = hammer(port, admin_path, theirs, seconds, connections)
            ratio = round(mine["per_second"] / admins["per_second"], 2) if admins["per_second"] else None
            met = mine["errors"] == 0 and ratio is not None and ratio >= LOAD_RATIO
            rows.append(
                [
                    f"gunicorn ×2, {connections} connections: {name}",
                    None,
                    mine["median_ms"],
                    f"p99 {mine['p99_ms']}",
                    admins["median_ms"],
                    f"{mine['per_second']} ÷ {admins['per_second']} req/s = {ratio}",
                    None,
                    None,
                    "met"
                    if met
                    else f"MISSED: {mine['errors']} errors ({mine['first_error']}), req/s ratio {ratio} < {LOAD_RATIO}",
                ]
            )
        return rows
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def wait_for(port: int) -> None:
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


# ---- the files: exports and the annual report, each in a process of its own ----


def file_rows(url: str, size: str) -> list[list]:
    from . import export, report

    rows = []
    for kind in export.FORMATS:
        run = export.run_child(url, kind, 50_000, False)
        rows.append(
            [
                f"export {kind}, {run['rows']} projects",
                None,
                round(run["seconds"] * 1000),
                None,
                None,
                None,
                None,
                None,
                f"peak RSS {run['peak_rss_mb']} MB",
            ]
        )
    built = report.run_child(
        size, url, argparse.Namespace(year=None, language="sv", tracemalloc=False, keep=None, warm=False)
    )
    rows.append(
        [
            f"annual report {built['year']} (PDF, Excel, Word)",
            None,
            round(built["total_seconds"] * 1000),
            None,
            None,
            None,
            None,
            None,
            f"peak RSS {built['peak_rss_mb']} MB",
        ]
    )
    return rows


if __name__ == "__main__":
    raise SystemExit(main())
