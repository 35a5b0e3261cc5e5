"""What the XFA7xx rules share: whether the code is seed data, a benchmark, an example payload
or a health probe."""

from __future__ import annotations

import ast
import re

from ...context import Context, Frame


#: words of a directory (``benchmarks/``, ``acme-benchmark/``, ``acme_benchmark/``) or module
#: that holds a benchmark or load-test harness: development tooling that serves no requests
_BENCHMARK_WORDS = frozenset({"benchmark", "benchmarks", "loadtest", "loadtests", "locustfile"})


def benchmark_module(path: str) -> bool:
    """The file belongs to a benchmark or load-test harness (``packages/acme-benchmark/``,
    ``benchmarks/``, ``load_test.py``, ``locustfile.py``)."""
    parts = path.replace("\\", "/").lower().split("/")
    parts[-1] = parts[-1].rsplit(".", 1)[0]
    for part in parts:
        words = [w for w in re.split(r"[-_.]+", part) if w]
        pairs = {a + b for a, b in zip(words, words[1:])}
        if _BENCHMARK_WORDS.intersection(words) or _BENCHMARK_WORDS.intersection(pairs):
            return True  # ``load_test.py``, ``load-tests/`` too
    return False


_JWT_DECODE = frozenset({"jwt.decode", "jose.jwt.decode"})


def _jwt_call(node: ast.Call, ctx: Context, names: frozenset[str]) -> bool:
    name = ctx.call_name(node)
    return name in names and ctx.imported_from(node.func, "jwt", "jose")


class FunctionParents:
    """Per function: child id -> parent for the nodes of its body (``None`` until built)."""

    __slots__ = ("parents",)

    def __init__(self) -> None:
        self.parents: dict[int, ast.AST] | None = None


def _function_parents(frame: Frame) -> dict[int, ast.AST]:
    """Child id -> parent for the nodes of one function, built once per function."""
    state = frame.state(FunctionParents)
    parents = state.parents
    if parents is None:
        parents = {}
        for parent in ast.walk(frame.node):
            for child in ast.iter_child_nodes(parent):
                parents[id(child)] = parent
        state.parents = parents
    return parents
