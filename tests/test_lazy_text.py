"""Text made when a module is imported is made once, in whatever language is active then: it must be lazy.

A module that imports gettext (not gettext_lazy) and calls it in a class body or at module level shows that text in
one language to everyone, whatever language each person chose.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EAGER = {"gettext", "ngettext", "pgettext", "npgettext"}
MODULES = sorted(path for package in ("cooperation", "intl_portal") for path in (ROOT / package).rglob("*.py"))


def eager_names(tree: ast.AST) -> set[str]:
    """The names under which a module imports Django's non-lazy gettext functions."""
    return {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
        for alias in node.names
        if alias.name in EAGER
    }


def calls_at_import(node: ast.AST, names: set[str]) -> list[int]:
    """The lines where `node` calls one of `names` outside a function body (defaults and decorators run at import)."""
    found = []
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            for part in [*child.decorator_list, *child.args.defaults, *child.args.kw_defaults]:
                if part is not None:
                    found += calls_at_import(ast.Expression(part), names)
            continue
        if isinstance(child, ast.Lambda):
            continue
        if isinstance(child, ast.Call) and isinstance(child.func, ast.Name) and child.func.id in names:
            found.append(child.lineno)
        found += calls_at_import(child, names)
    return found


def test_text_made_at_import_is_lazy():
    offenders = []
    for path in MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = eager_names(tree)
        if names and (lines := calls_at_import(tree, names)):
            offenders.append(f"{path.relative_to(ROOT)}: lines {lines}")
    assert offenders == [], "use gettext_lazy for text made at import: " + "; ".join(offenders)


def test_the_check_finds_eager_text_in_a_class_body():
    source = "from django.utils.translation import gettext as _\nclass V:\n    title = _('Goals')\n"
    tree = ast.parse(source)
    assert calls_at_import(tree, eager_names(tree)) == [3]
    inside = "from django.utils.translation import gettext as _\ndef f():\n    return _('Goals')\n"
    tree = ast.parse(inside)
    assert calls_at_import(tree, eager_names(tree)) == []
