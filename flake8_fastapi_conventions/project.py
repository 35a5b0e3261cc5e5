"""The project index: what the other modules of the project define.

A rule that meets a name imported from another module of the same project asks the index
what that name is: a class and its bases (followed through project base classes and package
re-exports), a function (``async def`` or not, what it returns, which calls it makes), a
module-level value (a logger, an ``HTTPException`` instance, a router, a tuple of exception
classes).  The index never guesses: a name it cannot follow to a definition is ``None`` and
the rule stays silent.

Each module is summarised once from its source (:func:`summarize`) into a small
JSON-serialisable dict; summaries are kept in memory for the process and on disk in the
project's cache (:mod:`.cache`), keyed by path, modification time, size and plugin version,
so a warm run parses no module twice.  Modules are found from the importing file: a relative
import from its package, an absolute one from the nearest ancestor directory (up to the
project root) that holds the module, which covers the root, ``src/`` and ``backend/app``
layouts alike.  In editor mode the file flake8 reads from stdin is summarised from the tree
flake8 parsed, so the buffer replaces the file's stored entry for that run.
"""

from __future__ import annotations

import ast
import builtins
import io
import os
import sys
import tokenize
from typing import Any, Callable, Iterable, Iterator

from .registry import ReadOnly

SUMMARY_VERSION = 13

ROUTE_DECORATORS = frozenset(
    {"get", "post", "put", "patch", "delete", "head", "options", "trace", "api_route", "websocket"}
)
ROUTER_FACTORIES = frozenset(
    {"fastapi.FastAPI", "fastapi.APIRouter", "fastapi.routing.APIRouter", "fastapi.applications.FastAPI"}
)
HTTP_EXCEPTIONS = frozenset(
    {
        "fastapi.HTTPException",
        "fastapi.exceptions.HTTPException",
        "starlette.exceptions.HTTPException",
    }
)
ROOT_MARKERS = ("pyproject.toml", "setup.cfg", "tox.ini", ".flake8", ".git")
#: absolute imports of these are the standard library's, whatever the project holds
_STDLIB = frozenset(getattr(sys, "stdlib_module_names", ())) - {"__main__"}
#: how many calls of one function a summary keeps (bounds a generated module's summary)
_MAX_CALLS = 400
#: how many hops a name is followed through re-exports and aliases
_MAX_HOPS = 12

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_TRY_TYPES = tuple(t for t in (ast.Try, getattr(ast, "TryStar", None)) if t is not None)
def router_like(name: str) -> bool:
    lowered = name.lower()
    return lowered.endswith("router") or lowered.endswith("app")


def dotted(node: ast.AST | None) -> str | None:
    """``a.b.c`` of a name or attribute chain, else ``None``."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def import_bindings(stmt: ast.Import | ast.ImportFrom) -> Iterator[tuple[str, str]]:
    """``(local name, qualified name)`` of an import statement; relative modules keep
    their leading dots (``from ..models import User`` binds ``User`` to ``..models.User``)."""
    if isinstance(stmt, ast.Import):
        for alias in stmt.names:
            if alias.asname:
                yield alias.asname, alias.name
            else:
                head = alias.name.split(".", 1)[0]
                yield head, head
        return
    module = "." * (stmt.level or 0) + (stmt.module or "")
    sep = "" if module.endswith(".") else "."
    for alias in stmt.names:
        if alias.name != "*":
            yield alias.asname or alias.name, f"{module}{sep}{alias.name}"


# -- summaries ---------------------------------------------------------------------


class _Resolver:
    """A module's import map with function-local imports layered on top."""

    def __init__(self, imports: dict[str, str]) -> None:
        self.imports = imports

    def name(self, node: ast.AST | None, local: dict[str, str] | None = None) -> str | None:
        text = dotted(node)
        if text is None:
            return None
        head, _, rest = text.partition(".")
        target = (local or {}).get(head) or self.imports.get(head)
        if target is None:
            return text
        return f"{target}.{rest}" if rest else target


def _value_desc(
    value: ast.expr | None,
    res: _Resolver,
    local: dict[str, str] | None = None,
    scope: "_Scope | None" = None,
) -> dict | None:
    """A small description of what an assigned value is.  Inside a function, ``scope``
    knows the function's own names: a parameter is described as ``{"k": "param"}`` (with
    its annotation), a local assigned once as the value it was assigned, any other local
    name as ``{"k": "other"}`` (never as the module-level name it happens to share)."""
    if value is None:
        return None
    if isinstance(value, ast.Call):
        func = value.func
        head = _head_name(func)
        if scope is not None and head is not None and scope.binds(head) and head not in (local or {}):
            # ``logger.getChild("x")`` on a local ``logger``: a method of its value
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                inner = scope.desc(func.value.id, res, local)
                if inner.get("k") not in ("other", None):
                    return {"k": "method", "of": inner, "m": func.attr}
            return {"k": "other"}
        callee = res.name(func, local)
        if callee is None:
            # ``structlog.get_logger().bind(...)`` and other chains: describe the head call
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Call):
                inner = _value_desc(func.value, res, local, scope)
                if inner is not None:
                    return {"k": "method", "of": inner, "m": func.attr}
            return None
        desc: dict[str, Any] = {"k": "call", "f": callee}
        if value.args:
            first = value.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                desc["a"] = first.value
            elif isinstance(first, ast.Name):
                desc["a"] = "$" + first.id
            if isinstance(first, (ast.Name, ast.Attribute)):
                # ``Depends(get_db)`` with ``get_db`` imported: the dotted name it refers to
                resolved = res.name(first, local)
                if resolved is not None and resolved != dotted(first):
                    desc["ar"] = resolved
            elif isinstance(first, ast.Call):
                # ``Depends(HTTPBearer())``: the class the argument is an instance of
                made = res.name(first.func, local)
                if made is not None:
                    desc["ac"] = made
        kwargs = [kw.arg for kw in value.keywords if kw.arg]
        if kwargs:
            desc["kw"] = kwargs
        return desc
    if isinstance(value, (ast.Name, ast.Attribute)):
        head = _head_name(value)
        if scope is not None and head is not None and scope.binds(head) and head not in (local or {}):
            if isinstance(value, ast.Name):
                return scope.desc(value.id, res, local)
            return {"k": "other"}
        name = res.name(value, local)
        return {"k": "ref", "n": name} if name else None
    if isinstance(value, ast.BoolOp):
        options = [d for d in (_value_desc(v, res, local, scope) for v in value.values) if d is not None]
        return {"k": "or", "of": options} if options else None
    if isinstance(value, (ast.Tuple, ast.List, ast.Set)):
        items = [res.name(e, local) for e in value.elts]
        if items and all(items):
            return {"k": "tuple", "items": items}
        return None
    if isinstance(value, ast.Constant):
        return {"k": "const", "t": type(value.value).__name__}
    if isinstance(value, ast.Await):
        return _value_desc(value.value, res, local, scope)
    if isinstance(value, ast.Subscript) and scope is None:
        # a type expression at module level: ``Annotated[AsyncSession, Depends(get_db)]``, ``Optional[X]``,
        # ``AsyncGenerator[AsyncSession, None]``
        base = res.name(value.value, local)
        if base is None:
            return None
        elts = value.slice.elts if isinstance(value.slice, ast.Tuple) else [value.slice]
        items = [_value_desc(e, res, local, scope) or {"k": "other"} for e in elts]
        return {"k": "sub", "of": base, "items": items}
    return None


def _head_name(node: ast.AST) -> str | None:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _annotation_name(node: ast.expr | None, res: _Resolver, local: dict[str, str] | None = None) -> str | None:
    """The dotted type of an annotation, through ``Optional[T]``, ``T | None``,
    ``Annotated[T, ...]`` and string annotations."""
    for _ in range(6):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            try:
                node = ast.parse(node.value, mode="eval").body
            except (SyntaxError, ValueError):
                return None
            continue
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            left, right = node.left, node.right
            if isinstance(right, ast.Constant) and right.value is None:
                node = left
            elif isinstance(left, ast.Constant) and left.value is None:
                node = right
            else:
                return None
            continue
        if isinstance(node, ast.Subscript):
            base = (res.name(node.value, local) or "").rsplit(".", 1)[-1]
            if base == "Optional":
                node = node.slice
                continue
            if base == "Annotated" and isinstance(node.slice, ast.Tuple) and node.slice.elts:
                node = node.slice.elts[0]
                continue
            return None
        return res.name(node, local)
    return None


class _Scope:
    """The names a function binds itself, for describing its returned and stored values."""

    def __init__(self, fn: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        args = fn.args
        self.params: dict[str, ast.expr | None] = {}
        for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
            self.params[arg.arg] = arg.annotation
        for arg in (args.vararg, args.kwarg):
            if arg is not None:
                self.params[arg.arg] = None  # ``*args``/``**kwargs``: a tuple or dict
        #: name -> the values assigned to it (``None``: bound some other way)
        self.values: dict[str, list[ast.expr | None]] = {}
        self.declared: set[str] = set()  # ``global``/``nonlocal``: not local
        self._descs: dict[str, dict] = {}
        self._busy: set[str] = set()

    def bind(self, name: str, value: ast.expr | None) -> None:
        self.values.setdefault(name, []).append(value)

    def binds(self, name: str) -> bool:
        return name not in self.declared and (name in self.params or name in self.values)

    def desc(self, name: str, res: _Resolver, local: dict[str, str] | None) -> dict:
        found = self._descs.get(name)
        if found is not None:
            return found
        if name in self._busy:
            return {"k": "other"}
        self._busy.add(name)
        try:
            values = self.values.get(name)
            if name in self.params:
                if values:
                    found = {"k": "other"}  # a parameter rebound in the body
                else:
                    ann = _annotation_name(self.params[name], res, local)
                    found = {"k": "param", "t": ann} if ann else {"k": "param"}
            elif values and len(values) == 1 and values[0] is not None:
                found = _value_desc(values[0], res, local, self) or {"k": "other"}
            else:
                found = {"k": "other"}
        finally:
            self._busy.discard(name)
        self._descs[name] = found
        return found


def _bind_names(node: ast.AST, scope: _Scope) -> None:
    """Record the names ``node`` binds in the function being scanned."""
    if isinstance(node, ast.Assign):
        for target in node.targets:
            if isinstance(target, ast.Name):
                scope.bind(target.id, node.value)
            else:
                for name in target_names(target):
                    scope.bind(name, None)
    elif isinstance(node, ast.AnnAssign):
        if isinstance(node.target, ast.Name):
            scope.bind(node.target.id, node.value)
    elif isinstance(node, ast.AugAssign):
        for name in target_names(node.target):
            scope.bind(name, None)
    elif isinstance(node, ast.NamedExpr):
        if isinstance(node.target, ast.Name):
            scope.bind(node.target.id, node.value)
    elif isinstance(node, (ast.For, ast.AsyncFor)):
        for name in target_names(node.target):
            scope.bind(name, None)
    elif isinstance(node, (ast.With, ast.AsyncWith)):
        for item in node.items:
            if isinstance(item.optional_vars, ast.Name):
                scope.bind(item.optional_vars.id, item.context_expr)  # what it was entered with
            elif item.optional_vars is not None:
                for name in target_names(item.optional_vars):
                    scope.bind(name, None)
    elif isinstance(node, ast.ExceptHandler):
        if node.name:
            scope.bind(node.name, None)
    elif isinstance(node, _SCOPES) and not isinstance(node, ast.Lambda):
        scope.bind(node.name, None)  # type: ignore[union-attr]
    elif isinstance(node, (ast.Global, ast.Nonlocal)):
        scope.declared.update(node.names)
    else:
        name = getattr(node, "name", None) if node.__class__.__name__.startswith("Match") else None
        rest = getattr(node, "rest", None) if node.__class__.__name__.startswith("Match") else None
        for captured in (name, rest):
            if isinstance(captured, str):
                scope.bind(captured, None)


def _merge(found: dict[str, dict], name: str, desc: dict) -> None:
    """Keep every distinct value a name is assigned: ``{"k": "any", "of": [...]}`` when
    there are several."""
    old = found.get(name)
    if old is None:
        found[name] = desc
    elif old != desc:
        options = old["of"] if old.get("k") == "any" else [old]
        if desc not in options:
            found[name] = {"k": "any", "of": [*options, desc]}


def _route_decorated(fn: ast.FunctionDef | ast.AsyncFunctionDef, routers: set[str], non_fastapi: set[str]) -> bool:
    return any(_route_decorator(d, routers, non_fastapi) for d in fn.decorator_list)


def _route_decorator(decorator: ast.expr, routers: set[str], non_fastapi: set[str]) -> bool:
    if not (
        isinstance(decorator, ast.Call)
        and isinstance(decorator.func, ast.Attribute)
        and decorator.func.attr in ROUTE_DECORATORS
    ):
        return False
    target = dotted(decorator.func.value)
    if target is None:
        return False
    head = target.split(".", 1)[0]
    if head in non_fastapi:
        return False
    return target in routers or router_like(target.rsplit(".", 1)[-1])


_SCOPE_SET = frozenset(_SCOPES)
_MATCH_CAPTURES = frozenset(getattr(ast, n) for n in ("MatchAs", "MatchStar", "MatchMapping") if hasattr(ast, n))
#: fields that never hold child nodes worth scanning (contexts, operators, names as strings)
_LEAF_FIELDS = frozenset({"ctx", "op", "ops", "id", "attr", "name", "arg", "module", "level", "kind",
                          "type_comment", "conversion", "is_async", "simple", "names"})
_FIELDS: dict[type, tuple[str, ...]] = {}


def _child_fields(kind: type) -> tuple[str, ...]:
    fields = _FIELDS.get(kind)
    if fields is None:
        fields = _FIELDS[kind] = tuple(f for f in getattr(kind, "_fields", ()) if f not in _LEAF_FIELDS)
    return fields


_ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)


def _scan_function(
    fn: ast.FunctionDef | ast.AsyncFunctionDef, res: _Resolver, self_name: str | None
) -> dict[str, Any]:
    """Calls a function makes directly (nested defs and lambdas left out), the values it
    returns and yields, and ``self.<attr> = <value>`` assignments when it is a method.
    Returned, yielded and stored values are described once the whole body is known, so
    that a local name is described by what the function bound to it (see
    :func:`_value_desc`; ``async with maker() as session: yield session`` yields
    ``maker()``).

    ``lv`` lists the indices (into ``calls``) of calls made through a name the function
    binds itself (a parameter, an assignment, a loop or ``with`` target, a nested ``def``):
    ``open(p)`` with a parameter ``open``, ``requests.get(k)`` on a local dict named
    ``requests`` — those are not calls of the builtin or of the imported module.  ``gen``:
    the function is a generator; ``lazy``: it fills a module global it tests first (a lazy
    singleton, so what it calls runs once)."""
    local: dict[str, str] = {}
    calls: list[list[Any]] = []
    heads: list[str] = []
    returns: list[ast.expr] = []
    yields: list[ast.expr] = []
    stored_values: list[tuple[str, ast.expr | None]] = []
    scope = _Scope(fn)
    bound: set[str] = set()
    declared: set[str] = set()
    stored: set[str] = set()
    tested: set[str] = set()
    generator = False
    #: names compared with ``<``/``<=``/``>``/``>=`` (``if page < 1: raise ...``)
    compared: set[str] = set()
    args = fn.args
    for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg):
        if arg is not None:
            bound.add(arg.arg)
    # what :func:`reads_path_params` asks, counted on the way (the walk is the summary's
    # hot loop): loads of request-typed parameters, and how many are ``request.<attr>``
    requests = _request_params(fn, res.name)
    request_loads = request_attrs = 0
    path_params = False
    stack: list[ast.AST] = list(reversed(fn.body))
    pop = stack.pop
    push = stack.append
    while stack:
        node = pop()
        kind = node.__class__
        if kind is ast.Name:  # the most common node: no children
            if node.ctx.__class__ is not ast.Load:  # type: ignore[attr-defined]
                bound.add(node.id)  # type: ignore[attr-defined]
                stored.add(node.id)  # type: ignore[attr-defined]
            elif requests and node.id in requests:  # type: ignore[attr-defined]
                request_loads += 1
            continue
        if kind is ast.Attribute:
            if node.attr == "path_params":  # type: ignore[attr-defined]
                path_params = True
            elif requests and node.value.__class__ is ast.Name and node.value.id in requests:  # type: ignore[attr-defined]
                request_attrs += 1
        if kind is ast.Constant:
            continue
        _bind_names(node, scope)
        if kind in _SCOPE_SET:
            name = getattr(node, "name", None)
            if name:
                bound.add(name)
            continue
        if kind is ast.Import or kind is ast.ImportFrom:
            local.update(import_bindings(node))  # type: ignore[arg-type]
            continue
        if kind is ast.Call:
            func = node.func  # type: ignore[attr-defined]
            callee = res.name(func, local)
            if callee in ("min", "max"):
                compared.update(a.id for a in node.args if a.__class__ is ast.Name)  # type: ignore[attr-defined]
            if callee is not None and len(calls) < _MAX_CALLS:
                calls.append([callee, node.lineno])  # type: ignore[attr-defined]
                head = func
                while head.__class__ is ast.Attribute:
                    head = head.value
                heads.append(head.id if head.__class__ is ast.Name else "")
        elif kind is ast.Yield or kind is ast.YieldFrom:
            generator = True
            if kind is ast.Yield and node.value is not None:  # type: ignore[attr-defined]
                yields.append(node.value)  # type: ignore[attr-defined]
        elif kind is ast.If:
            tested.update(n.id for n in ast.walk(node.test) if isinstance(n, ast.Name))  # type: ignore[attr-defined]
        elif kind is ast.Compare:
            if any(op.__class__ in _ORDERING for op in node.ops):  # type: ignore[attr-defined]
                for operand in (node.left, *node.comparators):  # type: ignore[attr-defined]
                    if operand.__class__ is ast.Name:
                        compared.add(operand.id)
        elif kind is ast.ExceptHandler:
            if node.name:  # type: ignore[attr-defined]
                bound.add(node.name)  # type: ignore[attr-defined]
        elif kind is ast.Global:
            declared.update(node.names)  # type: ignore[attr-defined]
            continue
        elif kind is ast.Nonlocal:
            bound.update(node.names)  # type: ignore[attr-defined]
            continue
        elif kind in _MATCH_CAPTURES:
            capture = getattr(node, "name", None) or getattr(node, "rest", None)
            if isinstance(capture, str):
                bound.add(capture)
        elif kind is ast.Return:
            if node.value is not None:  # type: ignore[attr-defined]
                returns.append(node.value)  # type: ignore[attr-defined]
        elif (kind is ast.Assign or kind is ast.AnnAssign) and self_name is not None:
            targets = node.targets if kind is ast.Assign else [node.target]  # type: ignore[attr-defined]
            for target in targets:
                if (
                    isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Name)
                    and target.value.id == self_name
                ):
                    stored_values.append((target.attr, node.value))  # type: ignore[attr-defined]
        for name in _child_fields(kind):
            value = getattr(node, name, None)
            if value.__class__ is list:
                for child in reversed(value):
                    if isinstance(child, ast.AST):
                        push(child)
            elif isinstance(value, ast.AST):
                push(value)
    # a helper handed to ``asyncio.to_thread(render, x)`` is passed, not called: no call of
    # ``render`` is recorded; ``to_thread(render(x))`` calls it here (and is a bug of its own)
    info: dict[str, Any] = {"calls": calls}
    if path_params or request_loads > request_attrs:
        info["pp"] = True  # taken out again by :func:`_signature`
    positional = [a.arg for a in (*args.posonlyargs, *args.args)]
    checked = {
        a.arg: positional.index(a.arg) if a.arg in positional else -1
        for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)
        if a.arg in compared
    }
    if checked:
        # the parameters the function range-checks or clamps itself (``if page < 1: raise``,
        # ``min(limit, 100)``), by name -> positional index (-1: keyword-only), for XFA310
        info["cmp"] = checked
    shadowed = (bound - declared) - set(local)
    through_locals = [i for i, head in enumerate(heads) if head in shadowed]
    if through_locals:
        info["lv"] = through_locals
    if generator:
        info["gen"] = True
    if declared & stored & tested:
        # ``global _x`` / ``if _x is None: _x = build()``: a lazy singleton, built once
        info["lazy"] = True
    if returns:
        # every return is kept, an undescribable one as ``{"k": "other"}``
        info["ret"] = [_value_desc(v, res, local, scope) or {"k": "other"} for v in returns]
    described_yields = [d for d in (_value_desc(v, res, local, scope) for v in yields) if d and d.get("k") != "other"]
    if described_yields:
        info["yld"] = described_yields
    attrs: dict[str, dict] = {}
    for attr, value in stored_values:
        if value is not None:
            _merge(attrs, attr, _value_desc(value, res, local, scope) or {"k": "other"})
    if attrs:
        info["attrs"] = attrs
    return info


def target_names(target: ast.AST) -> Iterator[str]:
    """The names an assignment, ``for`` or ``with`` target binds (``a, (b, *c)``)."""
    stack = [target]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Name):
            yield node.id
        elif isinstance(node, (ast.Tuple, ast.List)):
            stack.extend(node.elts)
        elif isinstance(node, ast.Starred):
            stack.append(node.value)


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
    or a parameter other than as a key (``_ROLES[scope]`` picks from the fixed table). For
    XFA303: a route answering what such a function returns lists a catalog."""
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


#: the request objects a dependency can read ``path_params`` from
REQUEST_TYPES = frozenset(
    {
        "fastapi.Request", "fastapi.WebSocket", "fastapi.requests.Request", "fastapi.websockets.WebSocket",
        "fastapi.requests.HTTPConnection", "starlette.requests.Request", "starlette.requests.HTTPConnection",
        "starlette.websockets.WebSocket",
    }
)


def reads_path_params(fn: ast.FunctionDef | ast.AsyncFunctionDef, res: Callable[[ast.expr], str | None]) -> bool:
    """``fn`` may read the request's path parameters itself: it reads ``.path_params``, or
    hands a parameter typed as a request (``Request``, ``WebSocket``, ``HTTPConnection``) to
    something else (``check(request)``) instead of only reading its attributes."""
    requests = _request_params(fn, res)
    attribute_values: set[int] = set()
    for node in ast.walk(fn):
        if isinstance(node, ast.Attribute):
            if node.attr == "path_params":
                return True
            attribute_values.add(id(node.value))
    if not requests:
        return False
    return any(
        isinstance(node, ast.Name) and node.id in requests and id(node) not in attribute_values
        for stmt in fn.body
        for node in ast.walk(stmt)
    )


def _request_params(fn: ast.FunctionDef | ast.AsyncFunctionDef, res: Callable[[ast.expr], str | None]) -> set[str]:
    """The parameters of ``fn`` annotated as a request object."""
    return {
        a.arg
        for a in (*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs)
        if a.annotation is not None and res(a.annotation) in REQUEST_TYPES
    }


def _signature(fn: ast.FunctionDef | ast.AsyncFunctionDef, res: _Resolver, pp: bool) -> dict[str, Any]:
    """What FastAPI reads from a function used as a dependency: ``p`` the names it can be
    called with by keyword (positional-only ones left out), ``kw`` when it takes
    ``**kwargs``, ``pp`` when it may read the request's path parameters itself (see
    :func:`reads_path_params`), and ``d`` one entry per parameter that may be a sub-dependency: the
    dotted target of its ``Depends(x)`` (default or ``Annotated`` metadata), ``"?"`` for
    a ``Depends`` whose target is no name, ``"@" + dotted`` for an annotation that names
    something (a type, or an ``Annotated`` alias holding a ``Depends``)."""
    args = fn.args
    params = [*args.args, *args.kwonlyargs]
    defaults: list[ast.expr | None] = [None] * (len(args.posonlyargs) + len(args.args) - len(args.defaults))
    defaults = [*defaults, *args.defaults][len(args.posonlyargs):] + list(args.kw_defaults)
    deps: list[str] = []
    for arg, default in zip(params, defaults):
        found: str | None = None
        markers = [default] if default is not None else []
        annotation = arg.annotation
        if isinstance(annotation, ast.Subscript) and isinstance(annotation.slice, ast.Tuple):
            if (res.name(annotation.value) or "").rsplit(".", 1)[-1] == "Annotated":
                markers.extend(annotation.slice.elts[1:])
        for marker in markers:
            if isinstance(marker, ast.Call) and (res.name(marker.func) or "").rsplit(".", 1)[-1] in ("Depends", "Security"):
                target = marker.args[0] if marker.args else next(
                    (k.value for k in marker.keywords if k.arg == "dependency"), None
                )
                found = (res.name(target) if target is not None else None) or "?"
        if found is None and isinstance(annotation, (ast.Name, ast.Attribute)):
            named = res.name(annotation)
            if named and not ("." not in named and hasattr(builtins, named)):  # ``str``: a type
                found = "@" + named
        if found is not None:
            deps.append(found)
    sig: dict[str, Any] = {"p": [a.arg for a in params]}
    if args.kwarg is not None:
        sig["kw"] = True
    if pp:  # :func:`reads_path_params`, counted by :func:`_scan_function`
        sig["pp"] = True
    if deps:
        sig["d"] = deps
    return sig


def _own_nodes(body: list[ast.stmt]) -> Iterator[ast.AST]:
    """The nodes of ``body``, nested functions, lambdas and classes left out."""
    stack: list[ast.AST] = list(reversed(body))
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                stack.append(child)


def _positional_names(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    return [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]


def http_middleware_passes_through(fn: ast.FunctionDef | ast.AsyncFunctionDef, call_next: str) -> bool:
    """A ``(request, call_next)`` middleware body that always answers with what
    ``call_next`` returned (headers set on it or not): every ``return`` gives
    ``await call_next(...)`` or a name bound only to it, and there is at least one."""
    bound: dict[str, bool] = {}

    def is_next(value: ast.AST | None) -> bool:
        return (
            isinstance(value, ast.Await)
            and isinstance(value.value, ast.Call)
            and isinstance(value.value.func, ast.Name)
            and value.value.func.id == call_next
        )

    returns: list[ast.Return] = []
    for node in _own_nodes(fn.body):
        if isinstance(node, ast.Return):
            returns.append(node)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.NamedExpr)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                # ``response.headers[...] = ...`` rebinds no name; ``a, b = ...`` does
                simple = isinstance(target, ast.Name) and not isinstance(node, ast.AugAssign)
                for name in target_names(target):
                    bound[name] = bound.get(name, True) and simple and is_next(node.value)
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.With, ast.AsyncWith, ast.ExceptHandler)):
            holders = [node.target] if isinstance(node, (ast.For, ast.AsyncFor)) else (
                [i.optional_vars for i in node.items if i.optional_vars is not None]
                if isinstance(node, (ast.With, ast.AsyncWith)) else [])
            for holder in holders:
                for name in target_names(holder):
                    bound[name] = False
            if isinstance(node, ast.ExceptHandler) and node.name:
                bound[node.name] = False
    if not returns:
        return False
    for ret in returns:
        if is_next(ret.value):
            continue
        if isinstance(ret.value, ast.Name) and bound.get(ret.value.id):
            continue
        return False
    return True


def asgi_middleware_passes_through(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A pure ASGI ``__call__(self, scope, receive, send)`` that never sends a response of
    its own: it calls ``self.app`` (with ``send`` or a wrapper of it), never calls ``send``
    itself and hands ``send`` to nothing else (``await response(scope, receive, send)``)
    outside the wrapper functions it defines."""
    names = _positional_names(fn)
    if len(names) != 4:
        return False
    self_name, send = names[0], names[3]
    calls_app = False
    for node in _own_nodes(fn.body):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        is_app = (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id == self_name
            and func.attr in ("app", "_app")
        )
        if is_app:
            calls_app = True
            continue
        if isinstance(func, ast.Name) and func.id == send:
            return False
        if any(isinstance(a, ast.Name) and a.id == send for a in node.args):
            return False
    return calls_app


def middleware_passes_through(cls: ast.ClassDef) -> bool:
    """``cls`` is a middleware that never answers a request itself: a ``dispatch`` (or a
    ``__call__(self, request, call_next)``) that always returns ``call_next``'s response,
    or a pure ASGI ``__call__`` that only wraps ``send``."""
    methods = {s.name: s for s in cls.body if isinstance(s, _FUNCTIONS)}
    dispatch = methods.get("dispatch")
    if isinstance(dispatch, ast.AsyncFunctionDef):
        names = _positional_names(dispatch)
        return len(names) == 3 and http_middleware_passes_through(dispatch, names[2])
    call = methods.get("__call__")
    if isinstance(call, ast.AsyncFunctionDef):
        names = _positional_names(call)
        if len(names) == 3:
            return http_middleware_passes_through(call, names[2])
        return asgi_middleware_passes_through(call)
    return False


def _class_summary(cls: ast.ClassDef, res: _Resolver) -> dict[str, Any]:
    bases = []
    for base in cls.bases:
        target = base.value if isinstance(base, ast.Subscript) else base
        name = res.name(target)
        if name is not None:
            bases.append(name)
    info: dict[str, Any] = {"bases": bases, "line": cls.lineno}
    keywords = {kw.arg: _keyword_value(kw.value) for kw in cls.keywords if kw.arg}
    if keywords:
        info["kw"] = keywords
    methods: dict[str, bool] = {}
    #: a method's return annotation as a dotted name (``-> _TemplateResponse``)
    method_returns: dict[str, str] = {}
    attrs: dict[str, dict] = {}
    fields: list[str] = []
    defaults: dict[str, str] = {}
    #: every dotted name a field's annotation mentions (``list[Tag] | None`` -> Tag, list, None)
    field_types: dict[str, list[str]] = {}
    #: a field declared under ``if``/``try`` makes the list of fields unknown
    complete = True
    for stmt in cls.body:
        if isinstance(stmt, (ast.If, ast.Try, ast.For, ast.While, ast.With)):
            complete = False
        if isinstance(stmt, _FUNCTIONS):
            methods[stmt.name] = isinstance(stmt, ast.AsyncFunctionDef)
            returns = res.name(stmt.returns) if stmt.returns is not None else None
            if returns:
                method_returns[stmt.name] = returns
            first = stmt.args.posonlyargs[:1] or stmt.args.args[:1]
            scanned = _scan_function(stmt, res, first[0].arg) if first else {}
            if stmt.name in ("__call__", "__init__"):
                # a class, or an instance (``Depends(Checker(...))``), used as a dependency
                info["call" if stmt.name == "__call__" else "init"] = _signature(stmt, res, scanned.get("pp", False))
            if first:
                for attr, desc in scanned.get("attrs", {}).items():
                    for option in desc["of"] if desc.get("k") == "any" else [desc]:
                        _merge(attrs, attr, option)
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            fields.append(stmt.target.id)
            defaults[stmt.target.id] = _field_default(stmt, res)
            field_types[stmt.target.id] = _annotation_names(stmt.annotation, res)
            if stmt.value is not None:
                _merge(attrs, stmt.target.id, _value_desc(stmt.value, res) or {"k": "other"})
        elif isinstance(stmt, ast.Assign):
            desc = _value_desc(stmt.value, res) or {"k": "other"}
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    _merge(attrs, target.id, desc)
    if methods:
        info["methods"] = methods
        if middleware_passes_through(cls):
            info["pass"] = True
    if method_returns:
        info["mret"] = method_returns
    if attrs:
        info["attrs"] = attrs
    if fields:
        info["fields"] = fields
        info["defaults"] = defaults
        info["ftypes"] = field_types
    if not complete:
        info["open"] = True
    return info


def _annotation_names(annotation: ast.expr, res: _Resolver) -> list[str]:
    """The dotted names an annotation mentions, through string annotations; ``"?"`` for a
    part that cannot be read. ``Annotated`` metadata calls (``Field(...)``) count too."""
    names: list[str] = []
    stack: list[ast.AST] = [annotation]
    while stack and len(names) < 32:
        node = stack.pop()
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            try:
                stack.append(ast.parse(node.value, mode="eval").body)
            except (SyntaxError, ValueError):
                names.append("?")
            continue
        if isinstance(node, (ast.Name, ast.Attribute)):
            name = res.name(node)
            names.append(name or "?")
            continue
        if isinstance(node, ast.Constant):
            continue
        if not isinstance(node, (ast.Subscript, ast.Tuple, ast.List, ast.BinOp, ast.Call, ast.keyword, ast.BitOr, ast.Load)):
            names.append("?")
            continue
        stack.extend(ast.iter_child_nodes(node))
    return names


def factory_default(factory: ast.expr) -> str:
    """What a ``default_factory`` produces, as source: ``[]`` for ``list``, ``uuid4()`` for
    ``uuid4``, the body of a ``lambda: datetime.now(timezone.utc)``."""
    if isinstance(factory, ast.Lambda) and not factory.args.args and not factory.args.kwonlyargs:
        return ast.unparse(factory.body)[:60]
    text = ast.unparse(factory)
    return {"list": "[]", "dict": "{}", "set": "set()"}.get(text, text[:58] + "()")


def _field_default(stmt: ast.AnnAssign, res: _Resolver) -> str:
    """A model field's default as the XFA3xx rules read it: ``"required"``, ``"None"`` or
    the default's source (an ``Optional`` field without one counts as ``None``)."""
    value = stmt.value
    optional = _optional_text(stmt.annotation)
    if isinstance(value, ast.Call) and (res.name(value.func) or "").rsplit(".", 1)[-1] == "Field":
        default = value.args[0] if value.args else None
        for kw in value.keywords:
            if kw.arg == "default":
                default = kw.value
            elif kw.arg == "default_factory":
                return factory_default(kw.value)
        value = default
        if value is None:
            return "None" if optional else "required"
    if value is None:
        return "None" if optional else "required"
    if isinstance(value, ast.Constant):
        if value.value is None:
            return "None"
        if value.value is Ellipsis:
            return "required"
    return ast.unparse(value)[:60]


def _optional_text(annotation: ast.expr) -> bool:
    text = ast.unparse(annotation).replace(" ", "")
    return text.startswith(("Optional[", "typing.Optional[")) or "|None" in text or text.startswith("None|")


def _keyword_value(node: ast.expr) -> Any:
    if isinstance(node, ast.Constant) and isinstance(node.value, (bool, int, str)):
        return node.value
    return dotted(node) or "?"


# -- finding modules ----------------------------------------------------------------


def find_root(path: str, override: str | None = None) -> str | None:
    """The project root of ``path``: ``override``, else the nearest ancestor directory
    holding one of :data:`ROOT_MARKERS`; ``None`` when there is none."""
    if override:
        return os.path.abspath(override)
    directory = os.path.dirname(os.path.abspath(path))
    return _root_of_dir(directory)


_roots: dict[str, str | None] = {}


def _root_of_dir(directory: str) -> str | None:
    found = _roots.get(directory, False)
    if found is not False:
        return found  # type: ignore[return-value]
    seen = []
    current = directory
    result: str | None = None
    while True:
        cached = _roots.get(current, False)
        if cached is not False:
            result = cached  # type: ignore[assignment]
            break
        seen.append(current)
        if any(os.path.exists(os.path.join(current, marker)) for marker in ROOT_MARKERS):
            result = current
            break
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    for d in seen:
        _roots[d] = result
    return result


class Symbol(ReadOnly):
    """What a name of the project is.

    ``kind`` is ``"class"``, ``"function"``, ``"value"`` (a module-level assignment),
    ``"module"`` or ``"external"`` (a name that leaves the project: ``pydantic.BaseModel``,
    ``logging.getLogger``); ``qualname`` is the external dotted name, or ``path:name``.
    """

    __slots__ = _fields = ("kind", "qualname", "path", "name", "info")

    kind: str
    qualname: str
    path: str | None
    name: str | None
    info: Any

    def __init__(
        self, kind: str, qualname: str, path: str | None = None, name: str | None = None, info: Any = None
    ) -> None:
        setter = object.__setattr__
        setter(self, "kind", kind)
        setter(self, "qualname", qualname)
        setter(self, "path", path)
        setter(self, "name", name)
        setter(self, "info", info)


class ProjectIndex:
    """Summaries of a project's modules, found and read on demand."""

    def __init__(
        self,
        root: str | None,
        cache: Any = None,
        non_fastapi: Iterable[str] = (),
        current: tuple[str, ast.AST] | None = None,
    ) -> None:
        self.root = os.path.abspath(root) if root else None
        self.cache = cache
        self.non_fastapi = tuple(non_fastapi)
        #: path -> (st_mtime_ns, st_size, summary); the checked file's entry has no stat
        self._summaries: dict[str, tuple[int, int, dict | None]] = {}
        self._modules: dict[tuple[str, str], str | None] = {}
        self._lookups: dict[tuple[str, str], Symbol | None] = {}
        self._current_path: str | None = None
        self._current_tree: ast.AST | None = None
        #: the checked file's top-level class, function and value names (answers "does the
        #: module define X itself" without summarising the file when nothing else needs it)
        self._current_names: frozenset[str] | None = None
        self._current_lines: list[str] | None = None
        self._current_saved: bool | None = None
        self._current_import_heads: frozenset[str] | None = None
        #: summaries that replace the file's on disk: the open buffers of an editor (the
        #: language server)
        self.overlays: dict[str, dict] = {}
        if current is not None:
            self.set_current(*current)

    # -- summaries ------------------------------------------------------------------

    def set_current(self, path: str, tree: ast.AST, lines: list[str] | None = None) -> None:
        """The file being checked: its summary comes from ``tree`` (the editor's buffer),
        not from the file on disk, unless ``lines`` (the source flake8 read) are the file's
        saved content.

        Lookups made for earlier files stay valid (one flake8 process sees one state of
        the tree) unless a buffer that differs from its saved file took part in them;
        :meth:`invalidate` forgets everything when files change under a long-lived index."""
        path = os.path.abspath(path)
        stale = False
        previous = self._current_path
        if previous and previous != path:
            entry = self._summaries.get(previous)
            if entry is not None and entry[0] == -1:  # built from a buffer that is not on disk
                self._summaries.pop(previous, None)
                stale = True
        self._current_path = path
        self._current_tree = tree
        self._current_lines = lines
        self._current_names = None
        self._current_import_heads: frozenset[str] | None = None
        self._current_saved: bool | None = None
        if path in self._summaries and not self._current_is_saved():
            # earlier lookups may have read this file from disk: the buffer replaces it
            self._summaries.pop(path, None)
            stale = True
        if stale:
            self._lookups.clear()

    def invalidate(self) -> None:
        """Forget every summary, module path and lookup held in memory (files were added,
        removed or changed since they were read); the on-disk cache stays."""
        self._summaries.clear()
        self._modules.clear()
        self._lookups.clear()
        if self._current_path is not None and self._current_tree is not None:
            self.set_current(self._current_path, self._current_tree, self._current_lines)

    def _current_is_saved(self) -> bool:
        """The checked source is the current file's saved content (flake8 read it from
        disk), so its summary is the file's and may be cached."""
        if self._current_saved is None:
            self._current_saved = _same_as_saved(self._current_path, self._current_lines)
        return self._current_saved

    def set_overlay(self, path: str, summary: dict) -> None:
        """Module ``path``'s summary is ``summary`` (an editor's buffer), not its file's."""
        self.overlays[os.path.abspath(path)] = summary
        self._lookups.clear()

    def drop_overlay(self, path: str) -> None:
        """Module ``path`` is its file on disk again (the buffer was closed)."""
        path = os.path.abspath(path)
        if self.overlays.pop(path, False) is not False:
            self._lookups.clear()
        if path == self._current_path:  # the buffer was also the last file checked
            self._summaries.pop(path, None)
            self._current_path = self._current_tree = self._current_lines = None
            self._current_names = self._current_import_heads = self._current_saved = None

    def _defines(self, path: str, name: str) -> bool:
        """The module ``path`` defines ``name`` at top level (a class, function or value)."""
        if path == self._current_path and self._current_tree is not None and path not in self._summaries:
            if self._current_names is None:
                self._current_names = frozenset(_top_level_names(self._current_tree))
            return name in self._current_names
        own = self.summary(path)
        return own is not None and (name in own["classes"] or name in own["functions"] or name in own["values"])

    def _own_name(self, path: str, head: str) -> bool:
        """``head`` of a dotted name written in module ``path`` is one of its own names:
        it defines ``head`` and no import of it starts there (``app.models.Base``, resolved
        from ``from app.models import Base``, in a module that also binds ``app = FastAPI()``,
        is the import)."""
        if not self._defines(path, head):
            return False
        if path == self._current_path and self._current_tree is not None and path not in self._summaries:
            if self._current_import_heads is None:
                self._current_import_heads = frozenset(_import_heads(self._current_tree))
            return head not in self._current_import_heads
        own = self.summary(path)
        return own is None or not any(t.partition(".")[0] == head for t in own["imports"].values())

    def summary(self, path: str) -> dict | None:
        path = os.path.abspath(path)
        current = path == self._current_path and self._current_tree is not None
        if current and not self._current_is_saved():
            entry = self._summaries.get(path)
            if entry is None:
                entry = self._summaries[path] = (-1, -1, summarize(self._current_tree, self.non_fastapi))
            return entry[2]
        if path in self.overlays:
            return self.overlays[path]
        try:
            st = os.stat(path)
        except OSError:
            return None
        entry = self._summaries.get(path)
        if entry is not None and entry[0] == st.st_mtime_ns and entry[1] == st.st_size:
            return entry[2]
        result = self._read(path, st, self._current_tree if current else None)
        self._summaries[path] = (st.st_mtime_ns, st.st_size, result)
        return result

    def _read(self, path: str, st: os.stat_result | None = None, tree: ast.AST | None = None) -> dict | None:
        """The summary of the saved file ``path``: from the cache, else from ``tree`` (the
        file's parsed source, when the caller has it) or the file parsed anew."""
        if self.cache is not None:
            stored = self.cache.get(path)
            if isinstance(stored, dict) and stored.get("v") == SUMMARY_VERSION:
                return stored
        if tree is None:
            try:
                with open(path, "rb") as fh:
                    source = fh.read()
                tree = ast.parse(source, path)
            except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
                return None
        try:
            result = summarize(tree, self.non_fastapi)
        except RecursionError:
            return None
        if self.cache is not None:
            self.cache.put(path, result, stat=st)
        return result

    # -- modules ----------------------------------------------------------------------

    def module_path(self, from_path: str, module: str) -> str | None:
        """The file of ``module`` (dotted, maybe relative) as imported from ``from_path``."""
        from_path = os.path.abspath(from_path)
        directory = os.path.dirname(from_path)
        key = (directory, module)
        if key in self._modules:
            return self._modules[key]
        found = self._find_module(directory, module)
        self._modules[key] = found
        return found

    def _find_module(self, directory: str, module: str) -> str | None:
        if module.startswith("."):
            level = len(module) - len(module.lstrip("."))
            base = directory
            for _ in range(level - 1):
                base = os.path.dirname(base)
            rest = module.lstrip(".")
            return _module_file(base, rest.split(".") if rest else [])
        if self.root is None:
            return None
        parts = module.split(".")
        if parts[0] in _STDLIB:
            return None  # ``import logging`` in app/core/ is not app/core/logging.py
        current = directory
        while True:
            # a package's own directory is no import root: ``import models`` in
            # app/api/routes.py is not app/api/models.py
            if current == self.root or not os.path.isfile(os.path.join(current, "__init__.py")):
                found = _module_file(current, parts)
                if found is not None:
                    return found
            src = os.path.join(current, "src")
            if current == self.root and os.path.isdir(src):
                found = _module_file(src, parts)
                if found is not None:
                    return found
            if current == self.root or not current.startswith(self.root):
                return None
            parent = os.path.dirname(current)
            if parent == current:
                return None
            current = parent

    # -- symbols ----------------------------------------------------------------------

    def lookup(
        self, from_path: str, qualname: str, hops: int = 0, imported: bool = False, own: bool = False
    ) -> Symbol | None:
        """What ``qualname`` (as the importing module spells it, e.g. ``app.models.User``
        or ``..models.User``) is.  ``None`` when it cannot be followed.

        ``imported``: ``qualname`` is what an import of ``from_path`` names, so it is never
        one of the module's own names (``from app.x import Y`` in a module that also binds
        ``app = FastAPI()``); ``own``: its head is a name the module binds itself."""
        if hops > _MAX_HOPS or not qualname:
            return None
        from_path = os.path.abspath(from_path)
        if own:
            return self._member(from_path, qualname.split("."), hops)
        if hops == 0:
            # lookups from one directory agree, except of a name the module defines itself
            head = qualname.partition(".")[0]
            local = not imported and bool(head) and self._own_name(from_path, head)
            key = (from_path if local else os.path.dirname(from_path), qualname, imported)
            if key in self._lookups:
                return self._lookups[key]
            found = self._lookup(from_path, qualname, 0, imported)
            self._lookups[key] = found
            return found
        return self._lookup(from_path, qualname, hops, imported)

    def _lookup(self, from_path: str, qualname: str, hops: int, imported: bool = False) -> Symbol | None:
        if not imported and not qualname.startswith("."):
            # a name the module defines itself (a base class written ``Base``)
            head, _, rest = qualname.partition(".")
            if self._own_name(from_path, head):
                return self._member(from_path, [head, *(rest.split(".") if rest else [])], hops)
        lead = len(qualname) - len(qualname.lstrip("."))
        prefix = "." * lead
        names = qualname[lead:].split(".") if qualname[lead:] else []
        if lead == 0 and not names:
            return None
        # the longest prefix that is a module of the project
        for cut in range(len(names), -1, -1):
            module = prefix + ".".join(names[:cut])
            if not module or module == prefix and lead == 0:
                continue
            path = self.module_path(from_path, module)
            if path is None:
                continue
            rest = names[cut:]
            if not rest:
                if cut:
                    shadow = self._package_binding(from_path, prefix, names[:cut], path, hops)
                    if shadow is not None:
                        return shadow
                return Symbol("module", path, path)
            return self._member(path, rest, hops)
        if lead:
            return None
        return Symbol("external", qualname)

    def _package_binding(
        self, from_path: str, prefix: str, names: list[str], sub_path: str, hops: int
    ) -> Symbol | None:
        """``app.services.notify`` names the submodule ``app/services/notify.py``, unless
        the package's ``__init__.py`` binds ``notify`` itself (``from .notify import
        notify``): then, as at run time, the package attribute is that binding."""
        parent_module = prefix + ".".join(names[:-1])
        if not parent_module:
            return None
        parent = self.module_path(from_path, parent_module)
        if parent is None or os.path.basename(parent) != "__init__.py":
            return None
        summary = self.summary(parent)
        if summary is None:
            return None
        name = names[-1]
        if name in summary["functions"] or name in summary["classes"] or name in summary["values"]:
            return self._member(parent, [name], hops)
        target = summary["imports"].get(name)
        if target is None or self.module_path(parent, target) == sub_path:
            return None
        found = self.lookup(parent, target, hops + 1, imported=True)
        return found if found is not None and found.kind != "module" else None

    def _member(self, path: str, rest: list[str], hops: int) -> Symbol | None:
        summary = self.summary(path)
        if summary is None:
            return None
        name = rest[0]
        tail = rest[1:]
        if name in summary["classes"]:
            sym = Symbol("class", f"{path}:{name}", path, name, summary["classes"][name])
            return sym if not tail else Symbol("attribute", f"{path}:{name}.{'.'.join(tail)}", path, name, tail)
        if name in summary["functions"]:
            if tail:
                return None
            return Symbol("function", f"{path}:{name}", path, name, summary["functions"][name])
        if name in summary["imports"]:
            target = summary["imports"][name]
            return self.lookup(path, ".".join([target, *tail]), hops + 1, imported=True)
        if name in summary["values"]:
            desc = summary["values"][name]
            if desc.get("k") == "ref" and desc.get("n"):
                return self.lookup(path, ".".join([desc["n"], *tail]), hops + 1)
            if tail:
                return None
            return Symbol("value", f"{path}:{name}", path, name, desc)
        # a submodule of a package: ``app.models.user`` with app/models/__init__.py
        if os.path.basename(path) == "__init__.py":
            sub = _module_file(os.path.dirname(path), [name])
            if sub is not None:
                return Symbol("module", sub, sub) if not tail else self._member(sub, tail, hops + 1)
        for star in summary["star"]:
            target = star + ("" if star.endswith(".") else ".") + ".".join(rest)
            found = self.lookup(path, target, hops + 1, imported=True)
            if found is not None and found.kind != "external":
                return found
        return None

    def resolve_desc(self, path: str, desc: dict | None, hops: int = 0) -> Symbol | None:
        """The symbol a value description of module ``path`` refers to (for ``ref``), or the
        callee of a ``call``."""
        if desc is None or hops > _MAX_HOPS:
            return None
        kind = desc.get("k")
        if kind == "ref" and desc.get("n"):
            return self.lookup(path, desc["n"], hops + 1)
        if kind == "call" and desc.get("f"):
            return self.lookup(path, desc["f"], hops + 1)
        return None

    def class_bases(self, sym: Symbol, hops: int = 0) -> Iterator[Symbol]:
        """The symbols of a project class's bases (external ones included)."""
        assert sym.kind == "class" and sym.path is not None
        for base in sym.info.get("bases", ()):
            found = self.lookup(sym.path, base, hops + 1)
            if found is not None:
                yield found

    def external_ancestors(self, sym: Symbol) -> set[str]:
        """Every external class name a project class inherits from, through project base
        classes at any depth (cycle-safe).  A base that cannot be followed adds ``"?"``."""
        seen: set[str] = set()
        found: set[str] = set()
        stack = [sym]
        while stack:
            current = stack.pop()
            if current.qualname in seen:
                continue
            seen.add(current.qualname)
            if current.kind == "external":
                found.add(current.qualname)
                continue
            if current.kind == "value" and current.path is not None:
                # ``Base = declarative_base()``: the call it is built with
                desc = current.info or {}
                if desc.get("k") == "call":
                    callee = self.lookup(current.path, desc["f"])
                    if callee is not None and callee.kind == "external":
                        found.add(callee.qualname + "()")
                        continue
                found.add("?")
                continue
            if current.kind != "class":
                found.add("?")
                continue
            bases = current.info.get("bases", ())
            for base in bases:
                target = self.lookup(current.path, base)
                if target is None:
                    found.add("?")
                else:
                    stack.append(target)
        return found

    def function_calls(self, sym: Symbol) -> list[tuple[Symbol | None, str, int]]:
        """``(callee symbol, callee as written, line)`` of a project function's direct calls;
        the symbol is ``None`` for a call through one of the function's own local names (a
        parameter, a local variable: see ``lv`` in :func:`_scan_function`)."""
        assert sym.kind == "function" and sym.path is not None
        result = []
        through_locals = set(sym.info.get("lv", ()))
        for i, (callee, line) in enumerate(sym.info.get("calls", ())):
            found = self.lookup(sym.path, callee) if callee and i not in through_locals else None
            result.append((found, callee, line))
        return result

    def chain(
        self,
        sym: Symbol,
        blocking: Callable[[str], str | None],
        depth: int = 6,
        follow: Callable[[Symbol], bool] | None = None,
    ) -> list[str] | None:
        """The shortest call chain from the sync project function ``sym`` down to a call
        that ``blocking(external_name)`` describes (it returns a label such as
        ``"requests.get()"``); ``None`` when there is none or ``sym`` is ``async``.
        ``follow(function_symbol)`` False keeps the chain from going through a callee (a
        cached function, one whose decorators may change it)."""
        if sym.kind != "function" or sym.info.get("async"):
            return None
        # breadth-first: the first blocking call found is on a shortest chain
        frontier: list[tuple[Symbol, list[str]]] = [(sym, [f"{sym.name}()"])]
        seen = {sym.qualname}
        for _ in range(depth):
            next_frontier: list[tuple[Symbol, list[str]]] = []
            for current, path in frontier:
                for callee, written, _line in self.function_calls(current):
                    if callee is None:
                        continue
                    if callee.kind == "external":
                        label = blocking(callee.qualname)
                        if label is not None:
                            return [*path, label]
                        continue
                    if callee.kind == "function" and not callee.info.get("async") and callee.qualname not in seen:
                        seen.add(callee.qualname)
                        if follow is not None and not follow(callee):
                            continue
                        next_frontier.append((callee, [*path, f"{callee.name}()"]))
            frontier = next_frontier
            if not frontier:
                break
        return None


def _same_as_saved(path: str | None, lines: list[str] | None) -> bool:
    """``lines`` are the text of the file ``path`` on disk, as flake8 reads it (decoded by
    its coding cookie, universal newlines, a BOM dropped)."""
    if path is None or lines is None:
        return False
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
        saved = raw.decode(encoding)
    except (OSError, SyntaxError, LookupError, UnicodeDecodeError):
        return False
    buffer = "".join(lines)
    if "\r" in saved:
        saved = saved.replace("\r\n", "\n").replace("\r", "\n")
    if "\r" in buffer:
        buffer = buffer.replace("\r\n", "\n").replace("\r", "\n")
    return saved.lstrip("\ufeff") == buffer.lstrip("\ufeff")


def _import_heads(tree: ast.AST) -> Iterator[str]:
    """The first part of each absolute module a module's top-level imports name."""
    for stmt in getattr(tree, "body", ()):
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                yield alias.name.partition(".")[0]
        elif isinstance(stmt, ast.ImportFrom) and not stmt.level and stmt.module:
            yield stmt.module.partition(".")[0]


def _top_level_names(tree: ast.AST) -> Iterator[str]:
    """The names :func:`summarize` records as classes, functions and values."""
    if not isinstance(tree, ast.Module):
        return
    for stmt in _statements(tree.body):
        if isinstance(stmt, (*_FUNCTIONS, ast.ClassDef)):
            yield stmt.name
        elif isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    yield target.id
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            yield stmt.target.id


def _module_file(base: str, parts: list[str]) -> str | None:
    if not parts:
        init = os.path.join(base, "__init__.py")
        return init if os.path.isfile(init) else None
    stem = os.path.join(base, *parts)
    candidate = stem + ".py"
    if os.path.isfile(candidate):
        return candidate
    init = os.path.join(stem, "__init__.py")
    if os.path.isfile(init):
        return init
    return None


_indexes: dict[tuple[str | None, str | None, bool], ProjectIndex] = {}


def index_for(
    filename: str, tree: ast.AST, settings: Any, non_fastapi: Iterable[str] = (), lines: list[str] | None = None
) -> ProjectIndex:
    """The process's index of the project ``filename`` belongs to, with ``tree`` as the
    checked file's source.  One index per project root (and cache setting) per process, so
    the summaries read for one file serve the next."""
    index = shared_index(find_root(filename, getattr(settings, "project_root", None)), settings, non_fastapi)
    index.set_current(filename, tree, lines)
    return index


def shared_index(root: str | None, settings: Any, non_fastapi: Iterable[str] = ()) -> ProjectIndex:
    """The process's index of the project at ``root`` (made on first use, with the summary
    cache the settings ask for); :func:`index_for` hands it to each checked file."""
    cache_dir = getattr(settings, "cache_dir", None)
    no_cache = bool(getattr(settings, "no_cache", False))
    key = (root, cache_dir, no_cache)
    index = _indexes.get(key)
    if index is None:
        cache = None
        if root is not None and not no_cache:
            try:
                from .cache import SummaryCache
            except ImportError:  # pragma: no cover - the cache module ships with the package
                SummaryCache = None  # type: ignore[assignment,misc]
            if SummaryCache is not None:
                from . import __version__

                cache = SummaryCache(root, cache_dir, enabled=True, version=f"{__version__}+s{SUMMARY_VERSION}")
        index = _indexes[key] = ProjectIndex(root, cache, non_fastapi)
    return index
