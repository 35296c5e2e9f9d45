"""The layers point one way (ARCHITECTURE.md): an app imports only from the apps below it.

Every module under cooperation/ and intl_portal/ is parsed, imports inside functions included; the registers do not
import each other. Django's lazy references ("organisation.Unit" in a ForeignKey) are strings, not imports.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Top to bottom.
LAYERS = [
    {"intl_portal"},
    {"portal"},
    {"reports", "opendata"},
    {"cities", "networks", "projects", "visits", "consultations", "steering"},
    {"importing"},
    {"notices"},
    {"organisation"},
    {"core"},
]
RANK = {app: rank for rank, layer in enumerate(LAYERS) for app in layer}


def app_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] == "intl_portal":
        return "intl_portal"
    return parts[1] if parts[0] == "cooperation" and len(parts) > 1 else None


def imported(tree: ast.AST, module: str, is_package: bool) -> list[str]:
    """The dotted names a module imports, relative imports resolved."""
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = module.split(".")
            if node.level:
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                source = ".".join([*base, node.module] if node.module else base)
            else:
                source = node.module
            names += [source, *(f"{source}.{alias.name}" for alias in node.names)]
    return names


def wrong_way(module: str, source: str, is_package: bool = False) -> list[str]:
    """The imports of `module` that reach an app beside or above its own."""
    app = app_of(module)
    assert app in RANK, f"{app}: give the app its place in LAYERS and in ARCHITECTURE.md"
    found = set()
    for target in imported(ast.parse(source), module, is_package):
        other = app_of(target)
        if other is None or other == app:
            continue
        assert other in RANK, f"{other}: give the app its place in LAYERS and in ARCHITECTURE.md"
        if RANK[other] <= RANK[app]:
            found.add(f"{module} imports {target}")
    return sorted(found)


def modules():
    for top in ("cooperation", "intl_portal"):
        for path in sorted((ROOT / top).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            is_package = parts[-1] == "__init__"
            if is_package:
                parts.pop()
            if len(parts) > 1 or top == "intl_portal":
                yield ".".join(parts), path, is_package


def test_every_import_points_down():
    found = []
    for module, path, is_package in modules():
        found += wrong_way(module, path.read_text(encoding="utf-8"), is_package)
    assert found == []


def test_core_imports_no_other_app():
    core = [(module, path) for module, path, _package in modules() if app_of(module) == "core"]
    assert core
    for module, path in core:
        for target in imported(ast.parse(path.read_text(encoding="utf-8")), module, path.stem == "__init__"):
            assert app_of(target) in (None, "core"), f"{module} imports {target}"


@pytest.mark.parametrize(
    ("module", "source", "wrong"),
    [
        ("cooperation.core.views", "from cooperation.organisation.models import Unit", True),
        ("cooperation.core.views", "def f():\n    from ..notices import services", True),
        ("cooperation.notices.triggers", "import cooperation.visits.choices", True),
        ("cooperation.cities.views", "from cooperation.projects.models import Project", True),  # a sibling register
        ("cooperation.steering.models", "from cooperation import portal", True),
        ("cooperation.organisation.models", "from cooperation.notices.models import Notice", True),
        ("cooperation.projects.views", "from cooperation.core import views", False),
        ("cooperation.portal.dashboard", "from cooperation.projects.models import Project", False),
        (
            "cooperation.notices.services",
            "from .models import Notice\nfrom cooperation.organisation import roles",
            False,
        ),
        ("intl_portal.urls", "from cooperation.portal import views", False),
    ],
)
def test_the_check_finds_an_import_running_up(module, source, wrong):
    assert bool(wrong_way(module, source)) is wrong
