"""The package's layout: no import cycle between its modules, and a core that never imports MkDocs."""

from __future__ import annotations

import ast
import subprocess
import sys
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "build_dossier"
FRONT_ENDS = {"mkdocs_plugin", "plugin_config", "build", "cli", "__main__"}  # may import MkDocs


def imports(path: Path, everywhere: bool = False) -> set[str]:
    """The modules ``path`` imports when it is imported (``everywhere``: also inside functions), by
    name ("load", or "mkdocs" for an outside package); imports only for type checkers are left out."""
    found: set[str] = set()

    class Finder(ast.NodeVisitor):
        def visit_If(self, node: ast.If) -> None:
            if "TYPE_CHECKING" not in ast.unparse(node.test):
                self.generic_visit(node)

        def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
            if everywhere:
                self.generic_visit(node)

        def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
            if node.level == 1:
                found.update([node.module] if node.module else [a.name for a in node.names])
            elif node.module:
                found.add(node.module.split(".")[0])

        def visit_Import(self, node: ast.Import) -> None:
            found.update(a.name.split(".")[0] for a in node.names)

    Finder().visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


MODULES = {p.stem: p for p in PACKAGE.glob("*.py")}


def test_the_modules_import_one_another_without_a_cycle():
    """Not even through imports inside functions (build.py once imported the CLI, which imports build.py)."""
    graph = {name: imports(path, everywhere=True) & MODULES.keys() for name, path in MODULES.items()}
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as exc:  # pragma: no cover - the failure names the cycle
        raise AssertionError(f"import cycle: {' -> '.join(exc.args[1])}") from None
    assert order.index("load") < order.index("pipeline") < order.index("cli")


def test_the_finder_sees_imports_and_cycles():
    assert {"errors", "model", "discovery"} <= imports(MODULES["load"])
    assert "mkdocs" in imports(MODULES["settings"], everywhere=True) and "mkdocs" not in imports(MODULES["settings"])
    graph = {"a": {"b"}, "b": {"a"}}
    try:
        list(TopologicalSorter(graph).static_order())
    except CycleError:
        pass
    else:  # pragma: no cover
        raise AssertionError("graphlib found no cycle in a cycle")


def test_the_core_never_imports_mkdocs():
    core = {name for name in MODULES if name not in FRONT_ENDS and name != "settings"}
    assert {name for name in core if "mkdocs" in imports(MODULES[name], everywhere=True)} == set()
    # and importing the pipeline (what every front end calls) loads no MkDocs module
    code = "import sys, build_dossier.pipeline, build_dossier.render; print(any(m.startswith('mkdocs') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"


def test_the_readme_names_every_module_in_its_table():
    """The README's "How it is organised" table has a row for every module of the package."""
    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How it is organised", 1)[1].split("\n## ", 1)[0]
    rows = "\n".join(line for line in section.splitlines() if line.startswith("| `"))
    modules = {p.name for p in PACKAGE.glob("*.py")} - {"__init__.py", "__main__.py"}
    assert len(modules) > 30
    assert sorted(name for name in modules if f"`{name}`" not in rows) == []
