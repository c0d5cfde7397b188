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


LAYERS = ["solver", "consortium", "sharing", "integrations", "cli"]
"""Each top-level package may import only the packages before it (the domain's shared kernel lives in consortium)."""

SOURCE = PACKAGES + ["benchmarks"]
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    found = {"cli": ROOT / "cli.py"}
    for package in SOURCE:
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def _imported_modules(name: str, path: Path, known: set[str]) -> set[str]:
    """Our modules that `name` imports, at module level or inside functions (not under TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
            for n in ast.walk(node)}
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            targets.add(base)
            targets.update(f"{base}.{alias.name}" for alias in node.names)
    return {t for t in targets if t in known and t != name}


def test_outside_solver_only_the_solvers_public_packages_are_imported():
    """The engines' internals stay inside solver/: others use `solver.roster` and `solver.tender` only."""
    bad = []
    for name, path in sorted(_modules().items()):
        if name.startswith("solver"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
                     else [])
            bad += [f"{name} imports {n}" for n in names if n.startswith("solver.") and n.count(".") > 1]
    assert bad == []


def test_benchmarks_do_not_import_the_tests():
    bad = [str(p.relative_to(ROOT)) for p in (ROOT / "benchmarks").rglob("*.py") if "tests" in _imports(p)]
    assert bad == []


def test_click_lives_only_in_the_command_line_modules():
    allowed = {ROOT / "cli.py"} | set((ROOT / "integrations" / "cli").rglob("*.py"))
    bad = [str(p.relative_to(ROOT)) for p in _modules().values() if "click" in _imports(p) and p not in allowed]
    assert bad == []


def test_top_level_packages_import_only_lower_layers():
    """solver <- consortium <- sharing <- integrations <- cli, counting imports inside functions too."""
    bad = []
    for name, path in sorted(_modules().items()):
        top = name.split(".")[0]
        if top not in LAYERS:
            continue
        higher = set(LAYERS[LAYERS.index(top) + 1:])
        bad += [f"{name} imports {other}" for other in sorted(_imports(path) & higher)]
    assert bad == []


def test_no_module_imports_itself_through_a_cycle():
    """Imports inside functions count: a cycle hidden that way is still a cycle."""
    modules = _modules()
    graph = {name: _imported_modules(name, path, set(modules)) for name, path in modules.items()}
    # a module importing its own package's __init__ is not a cycle we care about; drop edges to ancestors
    graph = {n: {t for t in ts if not n.startswith(t + ".")} for n, ts in graph.items()}
    cycles = _strongly_connected(graph)
    assert [sorted(c) for c in cycles if len(c) > 1] == []


def _strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph.get(node, ())):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = set()
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.add(top)
                if top == node:
                    break
            found.append(component)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_is_over_four_hundred_lines():
    long = [f"{p.relative_to(ROOT)}: {n}" for p in _modules().values()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES]
    assert long == []


def test_command_line_modules_stay_under_three_hundred_lines():
    """cli.py registers; each noun's commands live in integrations/cli/ and parse and print only."""
    paths = [ROOT / "cli.py", *(ROOT / "integrations" / "cli").glob("*.py")]
    long = [f"{p.relative_to(ROOT)}: {n}" for p in paths
            if (n := len(p.read_text(encoding="utf-8").splitlines())) >= 300]
    assert len(paths) > 10 and long == []
