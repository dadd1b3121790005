"""Every third-party module the packages import is a declared dependency.

A progress bar imported only when stderr is a terminal once crashed the
README's first command on a fresh machine: the import was never declared and
CI, whose stderr is not a terminal, never reached it.  This reads every import
statement of the shipped packages (not only the ones a test run executes).
"""

from __future__ import annotations

import ast
import re
import sys
from importlib import metadata
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib", reason="tomllib needs Python 3.11")

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("gazetteer", "geo", "maps", "strikemap")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared(optional: bool) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(project["dependencies"])
    if optional:
        for extra in project.get("optional-dependencies", {}).values():
            reqs += extra
    return {_norm(re.split(r"[\s<>=!~;\[(]", r, maxsplit=1)[0]) for r in reqs}


def _imports() -> dict[str, tuple[str, bool]]:
    """Top-level third-party module -> (first file, imported inside a try?)."""
    found: dict[str, tuple[str, bool]] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            guarded = set()
            for node in ast.walk(tree):
                if isinstance(node, ast.Try):
                    for sub in ast.walk(node):
                        guarded.add(id(sub))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif (
                    isinstance(node, ast.ImportFrom) and node.module and not node.level
                ):
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top in sys.stdlib_module_names or top in PACKAGES:
                        continue
                    rel = str(path.relative_to(ROOT))
                    found.setdefault(top, (rel, id(node) in guarded))
    return found


def _owners(module: str) -> set[str]:
    dists = metadata.packages_distributions()
    return {_norm(d) for d in dists.get(module, [module])}


def test_the_scan_sees_imports():
    found = _imports()
    # the scan is not vacuous: the core libraries are imported somewhere
    assert {"geopandas", "shapely", "folium", "click"} <= set(found)


@pytest.mark.parametrize("module", sorted(_imports()))
def test_every_import_is_declared(module):
    where, guarded = _imports()[module]
    owners = _owners(module)
    required = _declared(optional=False)
    if owners & required:
        return
    # an optional extra is enough only for imports the code guards itself
    assert guarded and owners & _declared(optional=True), (
        f"{module} (imported in {where}) is not a declared dependency in pyproject.toml"
    )


def test_console_script_is_declared():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["scripts"]["strikemap"] == "strikemap.cli:program"
