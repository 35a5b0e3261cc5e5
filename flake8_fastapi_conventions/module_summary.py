"""The summary of one module (:func:`summarize`): its imports, classes, functions, routes
and module-level values, in a small JSON-serialisable dict the project index keeps in memory
and in the cache. Bumping :data:`SUMMARY_VERSION` invalidates every cached summary."""

from __future__ import annotations

import ast
from typing import Any, Iterable, Iterator

from .names import _FUNCTIONS, _TRY_TYPES, ROUTER_FACTORIES, import_bindings
from .module_scan import _Resolver, _class_summary, _route_decorated, _route_decorator, _scan_function, _signature, _value_desc

SUMMARY_VERSION = 13


def _statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """A module's statements, including those under module-level ``if``/``try`` (iterative)."""
    stack: list[list[ast.stmt]] = [body]
    while stack:
        block = stack.pop()
        for i, stmt in enumerate(block):
            if isinstance(stmt, ast.If):
                stack.append(block[i + 1 :])
                stack.append(stmt.orelse)
                stack.append(stmt.body)
                break
            if isinstance(stmt, _TRY_TYPES):
                stack.append(block[i + 1 :])
                stack.append(stmt.finalbody)
                stack.append(stmt.orelse)
                for handler in reversed(stmt.handlers):
                    stack.append(handler.body)
                stack.append(stmt.body)
                break
            yield stmt


_STATIC_BUILTINS = frozenset({"list", "sorted", "tuple", "set", "frozenset", "reversed", "enumerate", "filter", "map", "dict"})
_VIEW_METHODS = frozenset({"values", "keys", "items", "copy"})
_READ_METHODS = _VIEW_METHODS | {"get", "count", "index"}


def _return_values(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.expr] | None:
    """The values ``fn``'s own ``return`` statements give (nested functions and classes left
    out), ``None`` when one is a bare ``return``: the statements are walked, not the
    expressions (a ``return`` is a statement)."""
    values: list[ast.expr] = []
    stack: list[ast.AST] = list(fn.body)
    while stack:
        stmt = stack.pop()
        kind = stmt.__class__
        if kind is ast.Return:
            if stmt.value is None:  # type: ignore[attr-defined]
                return None
            values.append(stmt.value)  # type: ignore[attr-defined]
            continue
        if kind is ast.FunctionDef or kind is ast.AsyncFunctionDef or kind is ast.ClassDef:
            continue
        for name in _STATEMENT_FIELDS:
            block = getattr(stmt, name, None)
            if block.__class__ is list:
                stack.extend(block)
        for case in getattr(stmt, "cases", ()):  # ``match``
            stack.extend(case.body)
    return values


#: the fields of compound statements (and ``except`` handlers) that hold statements
_STATEMENT_FIELDS = ("body", "orelse", "finalbody", "handlers")


def _could_be_static(expr: ast.expr, params: set[str], module_names: set[str], depth: int) -> bool:
    """What ``static`` in :func:`_returns_fixed_catalog` answers when every name that is
    not a parameter passes: ``False`` here is ``False`` there (the same recursion, with
    fewer ways to fail)."""
    if depth > 8:
        return False
    if isinstance(expr, ast.Constant):
        return True
    if isinstance(expr, (ast.List, ast.Tuple, ast.Set)):
        return all(
            _could_be_static(e.value if isinstance(e, ast.Starred) else e, params, module_names, depth + 1)
            for e in expr.elts
        )
    if isinstance(expr, (ast.ListComp, ast.GeneratorExp, ast.SetComp)):
        return all(_could_be_static(g.iter, params, module_names, depth + 1) for g in expr.generators)
    if isinstance(expr, ast.Name):
        return expr.id not in params
    if isinstance(expr, (ast.Attribute, ast.Subscript)):
        return _could_be_static(expr.value, params, module_names, depth + 1)
    if isinstance(expr, ast.Call):
        func = expr.func
        call_args = [*expr.args, *(kw.value for kw in expr.keywords)]
        if isinstance(func, ast.Name) and func.id in _STATIC_BUILTINS and func.id not in module_names:
            return bool(call_args) and all(
                isinstance(a, (ast.Lambda, ast.Constant)) or _could_be_static(a, params, module_names, depth + 1)
                for a in call_args
            )
        if isinstance(func, ast.Attribute) and func.attr in _VIEW_METHODS and not call_args:
            return _could_be_static(func.value, params, module_names, depth + 1)
    return False


def _returns_fixed_catalog(fn: ast.FunctionDef | ast.AsyncFunctionDef, module_names: set[str]) -> bool:
    """Every ``return`` of ``fn`` (``return []`` aside) gives a collection fixed in code:
    built from module-level values, classes and imports (``_ROLES[scope]``,
    ``list(REGISTRY.values())``, ``[r.name for r in PREDEFINED]``), constants and locals
    assigned once from such values; never from a call other than ``list()``/``sorted()``...
    or a parameter other than as a key (``_ROLES[scope]`` picks from the fixed table): a route
    answering what such a function returns lists a catalog."""
    params = {a.arg for a in (*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs)}
    for extra in (fn.args.vararg, fn.args.kwarg):
        if extra is not None:
            params.add(extra.arg)
    # First what the ``return`` statements alone rule out, whatever the function binds (most
    # functions return a call or ``self.x``): the analysis walks every node of the function
    # and was a fifth of the plugin's time on FastAPI's sdist.
    values = _return_values(fn)
    if values is None:
        return False
    values = [r for r in values if not (isinstance(r, (ast.List, ast.Tuple)) and not r.elts)]
    if not values or not all(_could_be_static(r, params, module_names, 0) for r in values):
        return False
    return _fixed_catalog_analysis(fn, params, module_names)


def _fixed_catalog_analysis(
    fn: ast.FunctionDef | ast.AsyncFunctionDef, params: set[str], module_names: set[str]
) -> bool:
    """:func:`_returns_fixed_catalog` without the first check of its ``return`` statements
    (the same answer; tests compare them)."""
    assigned: dict[str, list[ast.expr | None]] = {}
    returns: list[ast.expr] = []
    stack: list[ast.AST] = list(fn.body)
    while stack:
        sub = stack.pop()
        if isinstance(sub, (*_FUNCTIONS, ast.Lambda, ast.ClassDef)):
            if isinstance(sub, (*_FUNCTIONS, ast.ClassDef)):
                assigned.setdefault(sub.name, []).append(None)
            continue
        if isinstance(sub, (ast.Yield, ast.YieldFrom, ast.Await, ast.Global, ast.Nonlocal)):
            return False
        if isinstance(sub, ast.Return):
            if sub.value is None:
                return False
            returns.append(sub.value)
        elif isinstance(sub, ast.Name) and isinstance(sub.ctx, (ast.Store, ast.Del)):
            assigned.setdefault(sub.id, [])
        elif (
            isinstance(sub, ast.Call)
            and isinstance(sub.func, ast.Attribute)
            and isinstance(sub.func.value, ast.Name)
            and sub.func.attr not in _READ_METHODS
        ):
            # ``found = []`` then ``found.append(row)``: filled at run time, not fixed
            assigned.setdefault(sub.func.value.id, []).append(None)
        elif isinstance(sub, (ast.Subscript, ast.Attribute)) and isinstance(sub.ctx, (ast.Store, ast.Del)):
            head = sub.value
            while isinstance(head, (ast.Subscript, ast.Attribute)):
                head = head.value
            if isinstance(head, ast.Name):
                assigned.setdefault(head.id, []).append(None)
        if isinstance(sub, (ast.Assign, ast.AnnAssign)) and sub.value is not None:
            targets = sub.targets if isinstance(sub, ast.Assign) else [sub.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    assigned.setdefault(target.id, []).append(sub.value)
        stack.extend(ast.iter_child_nodes(sub))
    stores: dict[str, int] = {}
    for sub in ast.walk(fn):
        if isinstance(sub, ast.Name) and isinstance(sub.ctx, (ast.Store, ast.Del)):
            stores[sub.id] = stores.get(sub.id, 0) + 1

    def static(expr: ast.expr, depth: int) -> bool:
        if depth > 8:
            return False
        if isinstance(expr, ast.Constant):
            return True
        if isinstance(expr, (ast.List, ast.Tuple, ast.Set)):
            return all(static(e.value if isinstance(e, ast.Starred) else e, depth + 1) for e in expr.elts)
        if isinstance(expr, (ast.ListComp, ast.GeneratorExp, ast.SetComp)):
            return all(static(g.iter, depth + 1) for g in expr.generators)
        if isinstance(expr, ast.Name):
            if expr.id in params:
                return False
            if expr.id in assigned:
                values = assigned[expr.id]
                return len(values) == 1 and stores.get(expr.id) == 1 and values[0] is not None and static(values[0], depth + 1)
            return expr.id in module_names
        if isinstance(expr, (ast.Attribute, ast.Subscript)):
            return static(expr.value, depth + 1)
        if isinstance(expr, ast.Call):
            func = expr.func
            call_args = [*expr.args, *(kw.value for kw in expr.keywords)]
            if isinstance(func, ast.Name) and func.id in _STATIC_BUILTINS and func.id not in module_names:
                return bool(call_args) and all(isinstance(a, (ast.Lambda, ast.Constant)) or static(a, depth + 1) for a in call_args)
            if isinstance(func, ast.Attribute) and func.attr in _VIEW_METHODS and not call_args:
                return static(func.value, depth + 1)
        return False

    returns = [r for r in returns if not (isinstance(r, (ast.List, ast.Tuple)) and not r.elts)]
    return bool(returns) and all(static(r, 0) for r in returns)


def summarize(tree: ast.AST, non_fastapi: Iterable[str] = ()) -> dict[str, Any]:
    """The summary of one module: JSON-serialisable, built from its top-level statements
    and a shallow scan of its functions.

    Values (module-level ``values``, class ``attrs``, a function's ``ret``) are descriptions:
    ``{"k": "call", "f": dotted, "a": first-arg, "ac": the callee of a first argument that is
    a call, "kw": [...]}``, ``{"k": "ref", "n": dotted}``,
    ``{"k": "method", "of": desc, "m": name}``, ``{"k": "or", "of": [...]}`` (``a or b``),
    ``{"k": "any", "of": [...]}`` (an attribute assigned different values in different
    places), ``{"k": "tuple", "items": [...]}``, ``{"k": "const", "t": type name}``,
    ``{"k": "ann", "t": dotted}`` (annotated, no value), ``{"k": "param", "t": dotted}`` (a
    parameter of the function, ``t`` its annotation when it names a type) and
    ``{"k": "other"}``.  Inside a function a local name assigned once is described by its
    value, any other local as ``other``; ``ret`` keeps every ``return`` (in order).

    A function's entry: ``calls`` (``[dotted callee, line]``), ``lv`` (indices of calls made
    through the function's own names), ``async``, ``line``, ``ann``, ``ret``, ``yld``,
    ``route``, ``gen`` (a generator), ``lazy`` (a lazy singleton), ``dec`` (its non-route
    decorators, dotted), ``dup`` (the module binds the name more than once), ``sig`` (its
    signature as a dependency, see :func:`_signature`), ``cat`` (every return is a
    collection fixed in code, see :func:`_returns_fixed_catalog`)."""
    summary: dict[str, Any] = {
        "v": SUMMARY_VERSION,
        "imports": {},
        "star": [],
        "classes": {},
        "functions": {},
        "values": {},
        "routes": 0,
    }
    if not isinstance(tree, ast.Module):
        return summary
    imports: dict[str, str] = summary["imports"]
    statements = list(_statements(tree.body))
    #: names imported from ``pydantic.v1`` in one branch (``if PYDANTIC_V2:`` / ``try:``)
    conditional_v1: dict[str, str] = {}
    for stmt in statements:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            for local, qualname in import_bindings(stmt):
                if qualname == "pydantic.v1" or qualname.startswith("pydantic.v1."):
                    conditional_v1[local] = qualname
                imports[local] = qualname
            if isinstance(stmt, ast.ImportFrom) and any(a.name == "*" for a in stmt.names):
                summary["star"].append("." * (stmt.level or 0) + (stmt.module or ""))
    # a version-switch compat module (``if PYDANTIC_V2: from pydantic.v1 import BaseModel``
    # / ``else: from pydantic import BaseModel``) re-exports the v1 API wherever it runs: its
    # name is the ``pydantic.v1`` one, whichever branch the walk saw last
    imports.update(conditional_v1)
    res = _Resolver(imports)
    non_fastapi_modules = set(non_fastapi)
    non_fastapi_heads = {n for n, q in imports.items() if q.split(".", 1)[0] in non_fastapi_modules}
    routers: set[str] = set()
    not_routers: set[str] = set()
    values: dict[str, Any] = summary["values"]
    #: how many top-level statements bind each name (a ``def`` under ``if`` and another
    #: under ``else``, a ``def`` then ``name = wrap(name)``): such a function is not certain
    definitions: dict[str, int] = {}
    for stmt in statements:
        if isinstance(stmt, (*_FUNCTIONS, ast.ClassDef)):
            names: Iterable[str] = (stmt.name,)
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            names = [local for local, _ in import_bindings(stmt)]
        elif isinstance(stmt, ast.Assign):
            names = [n.id for t in stmt.targets for n in ast.walk(t) if isinstance(n, ast.Name)]
        elif isinstance(stmt, (ast.AnnAssign, ast.AugAssign)) and isinstance(stmt.target, ast.Name):
            names = (stmt.target.id,)
        else:
            continue
        for name in names:
            definitions[name] = definitions.get(name, 0) + 1
    for stmt in statements:
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            desc = _value_desc(stmt.value, res)
            for target in targets:
                if isinstance(target, ast.Name):
                    if desc is not None:
                        values[target.id] = desc
                    else:
                        values[target.id] = {"k": "other"}
                    if desc and desc.get("k") == "call" and desc.get("f") in ROUTER_FACTORIES:
                        routers.add(target.id)
                    elif desc and desc.get("k") == "call" and desc["f"].split(".", 1)[0] in non_fastapi_modules:
                        # ``app = Flask(__name__)``: its ``@app.get`` handlers are no FastAPI routes
                        not_routers.add(target.id)
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is None:
                ann = res.name(stmt.annotation)
                values[stmt.target.id] = {"k": "ann", "t": ann} if ann else {"k": "other"}
        elif stmt.__class__.__name__ == "TypeAlias":  # ``type SessionDep = Annotated[...]`` (3.12+)
            name = getattr(stmt, "name", None)
            if isinstance(name, ast.Name):
                values[name.id] = _value_desc(getattr(stmt, "value", None), res) or {"k": "other"}
    #: names a fixed catalog may be built from: module-level values and classes, imports
    module_names = {
        name for name in definitions if name not in {s.name for s in statements if isinstance(s, _FUNCTIONS)}
    }
    for stmt in statements:
        if isinstance(stmt, _FUNCTIONS):
            info = _scan_function(stmt, res, None)
            info["async"] = isinstance(stmt, ast.AsyncFunctionDef)
            info["line"] = stmt.lineno
            ann = res.name(stmt.returns) if stmt.returns is not None else None
            if ann:
                info["ann"] = ann
            elif isinstance(stmt.returns, ast.Subscript):
                # ``-> AsyncGenerator[AsyncSession, None]``
                rtype = _value_desc(stmt.returns, res)
                if rtype is not None:
                    info["rt"] = rtype
            if _route_decorated(stmt, routers, non_fastapi_heads | (not_routers - routers)):
                info["route"] = True
                summary["routes"] += 1
            decorators = [
                res.name(d.func if isinstance(d, ast.Call) else d) or "?"
                for d in stmt.decorator_list
                if not _route_decorator(d, routers, non_fastapi_heads)
            ]
            if decorators:
                info["dec"] = decorators
            if definitions.get(stmt.name, 0) > 1:
                info["dup"] = True
            info["sig"] = _signature(stmt, res, info.pop("pp", False))
            if not info.get("async") and _returns_fixed_catalog(stmt, module_names):
                info["cat"] = True
            summary["functions"][stmt.name] = info
        elif isinstance(stmt, ast.ClassDef):
            summary["classes"][stmt.name] = _class_summary(stmt, res)
    return summary


def untracked(summary: Any) -> Any:
    """``summary`` with its lists made tuples (the same object when it has none). A summary
    lives as long as the process; made of tuples, dicts and atoms, most of it is not tracked by
    the garbage collector (a list always is), so that the summaries of a large project do not
    lengthen every full collection of the flake8 run (on FastAPI's sdist they doubled the
    time of those collections)."""
    if summary.__class__ is list:
        return tuple([untracked(v) for v in summary])
    if summary.__class__ is dict:
        out = {}
        changed = False
        for key, value in summary.items():
            new = out[key] = untracked(value)
            changed = changed or new is not value
        return out if changed else summary
    return summary
