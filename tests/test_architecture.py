"""The import rules of ../shared/docs/design.md, checked on the source (no import-linter needed).

`nlp`, `models`, `storage` and `report` import no other package of ours; `crawler` imports
`storage` only from its item pipeline (and `nlp` for text normalisation); `review` may import
`storage` and `report`; `jobs/` and `pipeline.py` wire them together.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = {"crawler", "nlp", "models", "storage", "report", "review", "jobs", "standin", "benchmarks", "pipeline"}
ALLOWED = {
    "nlp": set(),
    "models": set(),
    "storage": set(),
    "report": set(),
    "review": {"storage", "report"},
    "crawler": {"nlp", "storage"},
}


def imported_packages(path: Path) -> set[str]:
    """Our top-level packages a module imports, wherever the import statement stands."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found |= {name.split(".")[0] for name in names} & OURS
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_package_imports_only_what_the_design_allows(package):
    breaches = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        extra = imported_packages(path) - ALLOWED[package] - {package}
        if extra:
            breaches[str(path.relative_to(ROOT))] = sorted(extra)
    assert not breaches, breaches


def test_crawler_reaches_storage_only_from_its_item_pipeline():
    users = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "crawler").rglob("*.py"))
             if "storage" in imported_packages(p)]
    assert users == ["crawler/pipelines.py"]


def test_the_checker_sees_nested_imports(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from storage.db import Database\n    import report.counts\n")
    assert imported_packages(module) == {"storage", "report"}
