"""The layers hold (#30 "The core knows no domain"): read from the source, so a lazy import inside a function
counts as much as one at the top.

1. No module of fazhi/core imports another fazhi package but the pure law (fazhi.law): the contexts, and the
   org kernel they stand on, register with the core (fazhi/core/registry.py) instead.
2. cases imports no context that stands on it (DESIGN.md: "cases imports none of them"): what those offer the
   case page they register (e.g. disclosure's publish preview).
3. No module imports another app's views. An app's urls.py imports its own views, the project's fazhi/urls.py
   everyone's; whatever two apps share lives in a module that is not a view."""
from __future__ import annotations

import ast
from pathlib import Path

import fazhi

ROOT = Path(fazhi.__file__).parent
CORE_MAY_IMPORT = {"core", "law"}


def _modules(under: Path, root: Path):
    for path in sorted(under.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        yield path, ".".join(path.relative_to(root.parent).with_suffix("").parts)


def _imports(path: Path, module: str) -> list[tuple[int, str]]:
    """Every module name an import statement in `path` names, absolute, with its line."""
    out = []
    package = module.rsplit(".", 1)[0] if path.name != "__init__.py" else module
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[:len(parts) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            out.append((node.lineno, base))
            out += [(node.lineno, f"{base}.{a.name}") for a in node.names]  # `from fazhi.x import views`
    return out


def _app(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "fazhi" and len(parts) > 2 else None


def core_violations(root: Path = ROOT) -> list[str]:
    bad = []
    for path, module in _modules(root / "core", root):
        for line, name in _imports(path, module):
            parts = name.split(".")
            if parts[0] == "fazhi" and len(parts) > 1 and parts[1] not in CORE_MAY_IMPORT:
                bad.append(f"{path.relative_to(root.parent)}:{line} imports {name}")
    return sorted(set(bad))


ABOVE_CASES = {"citydesk", "open311", "inspections", "disclosure", "reports", "disputes", "decisions", "supervision",
               "permits", "registers", "coercion", "demo"}


def cases_violations(root: Path = ROOT) -> list[str]:
    bad = []
    for path, module in _modules(root / "cases", root):
        for line, name in _imports(path, module):
            parts = name.split(".")
            if parts[0] == "fazhi" and len(parts) > 1 and parts[1] in ABOVE_CASES:
                bad.append(f"{path.relative_to(root.parent)}:{line} imports {name}")
    return sorted(set(bad))


def views_violations(root: Path = ROOT) -> list[str]:
    bad = []
    for path, module in _modules(root, root):
        own = _app(module)
        if module == "fazhi.urls":
            continue  # the project's URLconf names every app's views
        for line, name in _imports(path, module):
            parts = name.split(".")
            if parts[0] != "fazhi" or "views" not in parts[2:3]:
                continue
            if parts[1] != own:
                bad.append(f"{path.relative_to(root.parent)}:{line} imports {name}")
    return sorted(set(bad))


def test_core_imports_no_context():
    assert core_violations() == []


def test_cases_imports_no_context_above_it():
    assert cases_violations() == []


def test_no_app_imports_another_apps_views():
    assert views_violations() == []


def test_the_checks_can_fail(tmp_path):
    """Both checks see what they are meant to see, including a lazy import and a relative one."""
    pkg = tmp_path / "fazhi"
    (pkg / "core").mkdir(parents=True)
    (pkg / "cases").mkdir()
    (pkg / "core" / "backup.py").write_text("from fazhi.law import periods\n\ndef f():\n"
                                            "    from fazhi.cases import blobs\n", "utf-8")
    (pkg / "core" / "ok.py").write_text("from fazhi.core.events import append_event\nfrom . import errors\n", "utf-8")
    (pkg / "cases" / "views.py").write_text("from fazhi.disclosure.views import x\nfrom fazhi.core import views\n"
                                            "from .views import y\n", "utf-8")
    (pkg / "cases" / "urls.py").write_text("from fazhi.cases import views\n", "utf-8")
    (pkg / "cases" / "page.py").write_text("def f():\n    from fazhi.disclosure.actions import public_content\n",
                                           "utf-8")
    assert core_violations(pkg) == ["fazhi/core/backup.py:4 imports fazhi.cases", "fazhi/core/backup.py:4 imports "
                                    "fazhi.cases.blobs"]
    assert cases_violations(pkg) == ["fazhi/cases/page.py:2 imports fazhi.disclosure.actions",
                                     "fazhi/cases/page.py:2 imports fazhi.disclosure.actions.public_content",
                                     "fazhi/cases/views.py:1 imports fazhi.disclosure.views",
                                     "fazhi/cases/views.py:1 imports fazhi.disclosure.views.x"]
    assert views_violations(pkg) == ["fazhi/cases/views.py:1 imports fazhi.disclosure.views",
                                     "fazhi/cases/views.py:1 imports fazhi.disclosure.views.x",
                                     "fazhi/cases/views.py:2 imports fazhi.core.views"]
