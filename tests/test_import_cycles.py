"""No import cycles inside lscp: each part builds on others in one direction (DESIGN.md, 2).

A cycle works by luck of import order and breaks when someone imports the modules the
other way round. Imports inside functions count too: they still tie the two modules together,
and are the usual way a cycle gets hidden. Imports under `if TYPE_CHECKING:` do not count:
they never run, so they are how a type annotation refers back without a cycle. Nor does the
package Python runs before a submodule (importing a.b runs a/__init__.py first): a package
that re-exports its own modules would otherwise always look circular.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "lscp"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def lscp_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))
            if "migrations" not in p.relative_to(PACKAGE).parts}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _import_nodes(nodes: Iterable[ast.AST]) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import at any depth (functions, classes, try blocks), but not TYPE_CHECKING ones."""
    for node in nodes:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If) and _is_type_checking(node):
            yield from _import_nodes(node.orelse)
        else:
            yield from _import_nodes(ast.iter_child_nodes(node))


def _known(name: str, modules: dict[str, Path]) -> str | None:
    """The module a dotted name lands in: itself, or the nearest enclosing module."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def _absolute(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    package = importer if is_package else importer.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The lscp modules `name` imports; `from a import b` means a.b when b is a module."""
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in _import_nodes(tree.body):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = _absolute(node, name, path.name == "__init__.py")
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base
                       for a in node.names]
        found |= {t for t in (_known(t, modules) for t in targets) if t and t != name}
    return found


def import_graph() -> dict[str, set[str]]:
    modules = lscp_modules()
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def _components(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components (Tarjan), each one a set of modules importing each other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [c for c in found if len(c) > 1]


def _one_cycle(graph: dict[str, set[str]], component: list[str]) -> list[str]:
    """The shortest way round a component, from its first module back to it."""
    start, members = component[0], set(component)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target in sorted(graph[node] & members):
            if target == start:
                return [*paths[node], start]
            if target not in paths:
                paths[target] = [*paths[node], target]
                queue.append(target)
    raise AssertionError(f"no cycle through {start}")


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    return [_one_cycle(graph, c) for c in _components(graph)]


def _describe(graph: dict[str, set[str]], component: list[str]) -> str:
    return f"{', '.join(component)} import each other, e.g. {' -> '.join(_one_cycle(graph, component))}"


def test_the_walker_sees_every_kind_of_import(tmp_path: Path) -> None:
    """The checker itself: relative, function-level and submodule imports, and the exceptions."""
    graph = {"lscp.a": {"lscp.b"}, "lscp.b": {"lscp.c"}, "lscp.c": {"lscp.a"}, "lscp.d": set()}
    assert cycles(graph) == [["lscp.a", "lscp.b", "lscp.c", "lscp.a"]]
    source = (
        "from typing import TYPE_CHECKING\n"
        "from . import registry\n"
        "from lscp.reports import content\n"
        "if TYPE_CHECKING:\n    from lscp.web import views\n"
        "def later():\n    import lscp.insight.charts\n"
    )
    path = tmp_path / "x.py"
    path.write_text(source, encoding="utf-8")
    modules = {m: path for m in ("lscp.reports", "lscp.reports.registry", "lscp.reports.content",
                                 "lscp.reports.x", "lscp.web.views", "lscp.insight.charts")}
    assert imports_of("lscp.reports.x", path, modules) == {
        "lscp.reports.registry", "lscp.reports.content", "lscp.insight.charts"}


def test_the_walker_finds_the_modules() -> None:
    graph = import_graph()
    assert "lscp.reports.registry" in graph and not any(".migrations" in m for m in graph)
    assert "lscp.reports.content" in graph["lscp.reports.registry"]


def test_lscp_has_no_import_cycles() -> None:
    graph = import_graph()
    found = [_describe(graph, c) for c in _components(graph)]
    if found:
        pytest.fail("Import cycles:\n" + "\n".join(found), pytrace=False)
