"""The code's shape: short functions and no import cycles in sim/ (measured as the note says).

Function length is the number of source lines of a function's body, its docstring left out
(the measure the project's notes report as p50/p90/max). Imports are followed between the
modules of sim/, including those inside functions and behind TYPE_CHECKING.
"""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np

SIM = Path(__file__).resolve().parents[2] / "sim"
MAX_BODY_LINES = 40


def _modules() -> dict[str, ast.Module]:
    found = {}
    for path in sorted(SIM.rglob("*.py")):
        parts = path.relative_to(SIM.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = ast.parse(path.read_text(encoding="utf-8"))
    return found


def body_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    body = node.body
    if isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant):
        body = body[1:]  # the docstring
    return node.end_lineno - body[0].lineno + 1 if body else 0


def function_lengths() -> dict[str, int]:
    return {
        f"{module}.{node.name}:{node.lineno}": body_lines(node)
        for module, tree in _modules().items()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }


def imports() -> dict[str, set[str]]:
    """Module -> the modules of sim/ it imports."""
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, tree in modules.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            graph[name] |= {t for t in targets if t in modules and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_no_function_in_sim_is_longer_than_the_limit():
    long = {name: n for name, n in function_lengths().items() if n > MAX_BODY_LINES}
    assert long == {}


def test_sim_has_no_import_cycles():
    assert cycles(imports()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


if __name__ == "__main__":  # the figures the notes report; argv[1]: another tree's sim/
    import sys

    SIM = Path(sys.argv[1]) if len(sys.argv) > 1 else SIM
    lengths = np.array(list(function_lengths().values()))
    print(
        f"functions {lengths.size}: p50 {np.percentile(lengths, 50):.0f}, "
        f"p90 {np.percentile(lengths, 90):.0f}, max {lengths.max()}; "
        f"import cycles {len(cycles(imports()))}"
    )
