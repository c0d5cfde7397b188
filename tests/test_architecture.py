"""Imports point one way: domain <- solver, integrations <- cli.py; ortools only in solver/."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ["consortium", "sharing", "solver", "integrations"]

FORBIDDEN = {
    "solver": {"sharing", "consortium", "integrations", "cli", "pydantic", "sqlalchemy", "pandas", "odoolib"},
    "sharing": {"integrations", "cli", "sqlalchemy", "pandas", "odoolib", "ortools", "openpyxl"},
    "consortium": {"sharing", "integrations", "cli", "sqlalchemy", "pandas", "odoolib", "ortools", "openpyxl"},
    "integrations": {"cli", "ortools"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", PACKAGES)
def test_package_imports_point_one_way(package):
    bad = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for name in _imports(path) & FORBIDDEN[package]:
            bad.append(f"{path.relative_to(ROOT)} imports {name}")
    assert bad == []


def test_nothing_imports_the_cli():
    importers = [
        str(path.relative_to(ROOT))
        for package in PACKAGES + ["benchmarks"]
        for path in (ROOT / package).rglob("*.py")
        if "cli" in _imports(path)
    ]
    assert importers == []


@pytest.mark.parametrize("package", PACKAGES)
def test_every_package_names_its_public_api(package):
    missing = [
        str(init.relative_to(ROOT))
        for init in (ROOT / package).rglob("__init__.py")
        if init.read_text(encoding="utf-8").strip() and "__all__" not in init.read_text(encoding="utf-8")
    ]
    assert missing == []


def test_test_folders_are_not_packages_that_could_shadow_ours():
    """pytest puts a test folder's parent on sys.path; a `tests/integrations/__init__.py` would hide `integrations`."""
    packages = sorted(str(p.parent.relative_to(ROOT)) for p in (ROOT / "tests").rglob("__init__.py"))
    assert packages == []
