"""The direction of dependencies in architecture.md, enforced on every import."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = {
    "forms": {"flask", "flask_wtf", "flask_login", "sqlalchemy", "alembic", "portal", "analysis"},
    "analysis": {
        "flask",
        "flask_wtf",
        "flask_login",
        "flask_babel",
        "sqlalchemy",
        "alembic",
        "portal",
        "forms",
        "wtforms",
    },
}


def imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_what_architecture_allows(package):
    offences = {
        str(path.relative_to(ROOT)): sorted(imported_roots(path) & FORBIDDEN[package])
        for path in (ROOT / package).rglob("*.py")
    }
    assert not {k: v for k, v in offences.items() if v}


def test_forms_may_use_flask_babel_only_for_lazy_strings():
    for path in (ROOT / "forms").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "flask_babel":
                assert {a.name for a in node.names} <= {"lazy_gettext", "lazy_ngettext"}, path


def test_the_checker_sees_a_forbidden_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nfrom flask import Flask\nfrom .local import x\n")
    assert imported_roots(sample) == {"os", "flask"}
