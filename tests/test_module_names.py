"""Every module-level constant, function and class is bound once: a second ``_THROUGH = …`` further down a long module
silently replaces the first for every function above it, and neither Python nor ruff says so (it happened twice in
analysis/quotes). Variables of the page scripts (``view = …``) may be rebound."""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONSTANT = re.compile(r"_?[A-Z][A-Z0-9_]*")
MODULES = sorted(p for d in ("analysis", "ui", "pages", "bench", "train") for p in (ROOT / d).rglob("*.py"))


def _bound_names(tree: ast.Module) -> Counter[str]:
    names: Counter[str] = Counter()
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name) and CONSTANT.fullmatch(n.id))
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names[node.name] += 1
    return names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_level_name_is_bound_twice(path: Path) -> None:
    twice = sorted(name for name, n in _bound_names(ast.parse(path.read_text(encoding="utf-8"))).items() if n > 1)
    assert twice == [], f"{path.relative_to(ROOT)} binds {twice} more than once"


def test_the_check_sees_a_second_binding() -> None:
    names = _bound_names(ast.parse("_A = 1\ndef f(): pass\n_A = 2\nview = 1\nview = 2\ndef f(): pass\n"))
    assert (names["_A"], names["f"], names["view"]) == (2, 2, 0)
