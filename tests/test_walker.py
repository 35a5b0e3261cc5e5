"""The single walk: scopes, robustness on any syntax, and rule failures kept apart."""

from __future__ import annotations

import ast
import os
import sys

import pytest

from flake8_fastapi_conventions import registry
from flake8_fastapi_conventions.checker import run_checks
from flake8_fastapi_conventions.context import Context
from flake8_fastapi_conventions.settings import Settings
from flake8_fastapi_conventions.walker import walk
from harness import check

ODD_SYNTAX = '''
import asyncio, time, requests
from dataclasses import dataclass

def deco(*a, **k):
    return lambda f: f

@deco[0] if False else deco  # PEP 614: any expression
async def anything():
    match await asyncio.sleep(0):
        case {"a": [1, *rest]} | [_, _] if rest:
            time.sleep(1)
        case Point(x=0) as p:
            pass
        case _:
            pass
    if (n := len([x async for x in agen() if await x])) > 1:
        requests.get("u")
    try:
        pass
    except* ValueError as group:
        raise
    return [[y for y in await z] async for z in agen()]

async def agen():
    yield 1

x: "int" = 1
print(f"{x!r:>{10}}")
lambda: (yield)
'''


def test_odd_syntax_is_walked_and_still_checked():
    found = check(ODD_SYNTAX, select=["XFA101"])
    assert (12, 13, "XFA102") in found
    assert (18, 9, "XFA101") in found


def test_deeply_nested_expression_does_not_hit_the_recursion_limit():
    depth = sys.getrecursionlimit() * 2
    # build the tree by hand: the parser itself would refuse a source this deep
    loc = dict(lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)
    expr: ast.expr = ast.Constant("a", **loc)
    for _ in range(depth):
        expr = ast.BinOp(left=expr, op=ast.Add(), right=ast.Constant("b", **loc), **loc)
    tree = ast.Module(body=[ast.Expr(expr, **loc)], type_ignores=[])
    assert run_checks(tree, "app/x.py", Settings()) == []


class TypeAliasLike(ast.stmt):
    """A node type this Python does not know (PEP 695 ``type X = ...`` on 3.11)."""

    _fields = ("name", "type_params", "value")


def test_unknown_node_types_are_walked_generically():
    tree = ast.parse("import time\nasync def f():\n    pass\n")
    body = tree.body[1].body
    call = ast.parse("time.sleep(1)", mode="eval").body
    alias = TypeAliasLike(name=ast.Name("X", ast.Store()), type_params=[], value=call)
    ast.copy_location(alias, body[0])
    ast.fix_missing_locations(alias)
    body.append(alias)
    ctx = Context(tree, "app/x.py", Settings())
    walk(ctx)
    assert [f[2][:6] for f in ctx.findings] == ["XFA102"]


PEP695 = (
    "import time\n"
    "type Alias[T] = list[T]\n"
    "async def f[T: int, *Ts, **P](x: T) -> T:\n"
    "    time.sleep(1)\n"
    "    return x\n"
    "class C[T]:\n"
    "    def m[S](self, s: S) -> S: ...\n"
)

_PROBE = """
import sys
sys.path.insert(0, {root!r})
from flake8_fastapi_conventions import walker
from flake8_fastapi_conventions.checker import check_source
from flake8_fastapi_conventions.registry import RULES
from flake8_fastapi_conventions.settings import Settings
found = check_source({source!r}, "app/main.py", Settings(enabled=frozenset(RULES)))
print(sorted((line, col, msg.split()[0]) for line, col, msg in found if msg.startswith("XFA102")))
print(walker.failures)
"""


def newer_pythons():
    """Interpreters that parse PEP 695 (the plugin itself needs nothing but the stdlib
    to check a source string, so any of them can run it from this checkout)."""
    import glob
    import shutil
    import subprocess

    found = {}
    for version in ("3.12", "3.13", "3.14"):
        candidates = [
            *sorted(glob.glob(os.path.expanduser(f"~/.pyenv/versions/{version}*/bin/python{version}"))),
            shutil.which(f"python{version}"),
        ]
        for candidate in candidates:
            if candidate and subprocess.run([candidate, "-c", "pass"], capture_output=True).returncode == 0:
                found[version] = candidate
                break
    if sys.version_info >= (3, 12):
        found[f"{sys.version_info.major}.{sys.version_info.minor}"] = sys.executable
    return sorted(found.items())


@pytest.mark.parametrize(("version", "python"), newer_pythons() or [pytest.param("none", None, marks=pytest.mark.skip(reason="no Python >= 3.12 on this machine"))])
def test_pep695_syntax_on_newer_pythons(version, python):
    import subprocess
    from pathlib import Path

    root = str(Path(__file__).resolve().parent.parent)
    result = subprocess.run(
        [python, "-c", _PROBE.format(root=root, source=PEP695)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    findings, failures = result.stdout.splitlines()
    assert findings == "[(4, 5, 'XFA102')]"
    assert failures == "[]"


def test_scopes():
    source = '''
import time

async def outer(delay=time.sleep(0)):  # default: evaluated in the module scope
    class Inner:
        time.sleep(1)  # class body: not async
    lambda: time.sleep(1)  # lambda: not async
    [time.sleep(1) for _ in range(3)]  # comprehension: still async
    def sync():
        time.sleep(1)
    time.sleep(1)
'''
    assert check(source) == [(8, 6, "XFA102"), (11, 5, "XFA102")]


def test_function_local_imports_are_followed():
    source = "async def f():\n    import time as t\n    t.sleep(1)\n"
    assert check(source) == [(3, 5, "XFA102")]


def test_columns_count_utf8_bytes_like_flake8():
    source = "import time\nasync def f():\n    x = 'é'; time.sleep(1)\n"
    # 'é' is two bytes: flake8 and ast both count bytes
    assert check(source) == [(3, 15, "XFA102")]


@pytest.fixture
def broken_rule():
    boom = registry.rule(
        "XFA199",
        "test-only-broken",
        default=True,
        message="never",
        fix_hint="shown",
        seeds=("004",),
        what="x",
        why="x",
        bad="x",
        good="x",
    )

    @registry.visitor(ast.Call, codes=(boom,))
    def explode(node, ctx):
        raise RuntimeError("boom")

    from flake8_fastapi_conventions import walker

    walker._dispatch_cache.clear()
    walker._reported_failures.clear()
    yield
    registry.VISITORS.pop()
    del registry.RULES["XFA199"]
    walker._dispatch_cache.clear()
    walker._reported_failures.clear()


def test_a_failing_rule_loses_nothing_else_and_is_reported_once(broken_rule, capsys):
    from flake8_fastapi_conventions.settings import enabled_codes

    settings = Settings(enabled=enabled_codes(None, None))
    source = "import time\nasync def f():\n    time.sleep(1)\n    time.sleep(2)\n"
    found = run_checks(ast.parse(source), "app/a.py", settings)
    found += run_checks(ast.parse(source), "app/b.py", settings)
    assert [(line, msg[:6]) for line, _, msg in found] == [(3, "XFA102"), (4, "XFA102")] * 2
    err = capsys.readouterr().err
    assert err.count("internal error") == 1
    assert "explode" in err and "app/a.py:3" in err and "RuntimeError: boom" in err


def test_a_failing_visitor_is_dropped_for_every_node_type_of_the_file(capsys):
    from flake8_fastapi_conventions import walker
    from flake8_fastapi_conventions.settings import enabled_codes

    seen = []

    @registry.visitor(ast.FunctionDef, ast.AsyncFunctionDef)
    def fails_on_sync_defs(node, ctx):
        seen.append(node.name)
        if isinstance(node, ast.FunctionDef):
            raise RuntimeError("boom")

    walker._dispatch_cache.clear()
    try:
        source = "def a():\n    pass\n\nasync def b():\n    pass\n"
        run_checks(ast.parse(source), "app/a.py", Settings(enabled=enabled_codes(None, None)))
    finally:
        registry.VISITORS.pop()
        walker._dispatch_cache.clear()
        walker._reported_failures.clear()
    assert seen == ["a"]
    assert "fails_on_sync_defs" in capsys.readouterr().err


def test_rule_state_is_typed_and_per_file_or_per_scope():
    from dataclasses import dataclass, field

    from flake8_fastapi_conventions.context import Context, Frame
    from flake8_fastapi_conventions.settings import Settings

    @dataclass
    class Seen:
        names: list[str] = field(default_factory=list)

    tree = ast.parse("def f():\n    pass\n")
    ctx = Context(tree, "app/main.py", Settings())
    ctx.state(Seen).names.append("a")
    assert ctx.state(Seen).names == ["a"]
    frame = Frame(tree.body[0], "function")
    assert frame.state(Seen).names == [] and frame.state(Seen) is frame.state(Seen)
    assert Context(tree, "app/main.py", Settings()).state(Seen).names == []


def test_a_shared_visitor_reports_the_rules_plugged_into_its_hooks():
    from flake8_fastapi_conventions.rules.database import dispatch
    from flake8_fastapi_conventions.walker import dispatch_tables

    (calls,) = [v for v in registry.VISITORS if v.fn is dispatch.database_calls]
    assert calls.codes == frozenset(f"XFA5{n:02d}" for n in range(1, 16))
    hook = registry.Hook()
    seen = []
    probe = registry.Visitor(seen.append, (ast.Call,), False, frozenset(), (hook,))
    assert probe.codes == frozenset()
    hook.on("commit", rules=(registry.RULES["XFA507"],))(seen.append)
    assert probe.codes == frozenset({"XFA507"}) and hook.get("commit") == [seen.append] and hook.get("x") == []
    enter, _ = dispatch_tables(frozenset({"XFA514"}))
    assert calls in enter[ast.Call]
    enter, _ = dispatch_tables(frozenset({"XFA801"}))
    assert calls not in enter.get(ast.Call, [])
