"""The single walk over a file's tree.

Visitors subscribe to node types (:func:`.registry.visitor`); the walk calls each
subscribed visitor when it enters (or, with ``leave=True``, leaves) a node of that type,
keeping :class:`.context.Context` up to date: the ancestors, the scope frames (module,
class, function, lambda) and the ``await`` seen in each scope.

The walk is iterative (no recursion limit on deep expressions) and generic: node types
it does not know, such as the PEP 695 nodes of newer Pythons, are walked through their
``_fields`` like any other.  A decorator, default value or return annotation belongs to
the enclosing scope; only a function's body is in its own frame.
"""

from __future__ import annotations

import ast
import sys
import traceback
from collections import defaultdict
from typing import Callable

from .context import Binding, Context, Frame, target_names
from .registry import VISITORS, Visitor

_AWAIT_TYPES = frozenset({ast.Await, ast.AsyncFor, ast.AsyncWith})
_SCOPE_TYPES = frozenset({ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef})
_AST = ast.AST

Dispatch = dict[type, list[Visitor]]
_dispatch_cache: dict[frozenset[str], tuple[Dispatch, Dispatch]] = {}
_reported_failures: set[str] = set()
#: every failure of this process: (label, where, exception), for tests and tools
failures: list[tuple[str, str, str]] = []


def dispatch_tables(enabled: frozenset[str]) -> tuple[Dispatch, Dispatch]:
    """Enter/leave tables of the visitors that report at least one enabled code."""
    cached = _dispatch_cache.get(enabled)
    if cached is not None:
        return cached
    enter: Dispatch = defaultdict(list)
    leave: Dispatch = defaultdict(list)
    for v in VISITORS:
        if v.codes and not (v.codes & enabled):
            continue
        table = leave if v.leave else enter
        for node_type in v.node_types:
            table[node_type].append(v)
    tables = (dict(enter), dict(leave))
    _dispatch_cache[enabled] = tables
    return tables


class _FramePush:
    __slots__ = ("node",)

    def __init__(self, node: ast.AST) -> None:
        self.node = node


#: node types no rule looks at and that have no children: ``Load``, ``Add``, ``Eq`` …
_SKIPPED = (ast.expr_context, ast.operator, ast.boolop, ast.cmpop, ast.unaryop)
#: fields that never hold nodes, per node type (computed on first sight of a type)
_NEVER_NODES = frozenset({"ctx", "op", "ops", "id", "attr", "name", "arg", "module", "level",
                          "kind", "type_comment", "conversion", "is_async", "simple"})
_child_fields: dict[type, tuple[str, ...]] = {ast.Constant: (), ast.Name: ()}


def _fields_of(node_type: type) -> tuple[str, ...]:
    fields = _child_fields.get(node_type)
    if fields is None:
        fields = tuple(f for f in getattr(node_type, "_fields", ()) if f not in _NEVER_NODES)
        _child_fields[node_type] = fields
    return fields


def _all_node_types() -> frozenset[type]:
    found: set[type] = set()
    stack = [ast.AST]
    while stack:
        kind = stack.pop()
        for sub in kind.__subclasses__():
            if sub not in found:
                found.add(sub)
                stack.append(sub)
    return frozenset(found)


_NODE_TYPES = _all_node_types()
#: node types without children that the walk does nothing for but call their visitors
_LEAF_TYPES = (ast.Name, ast.Constant, ast.alias, ast.Pass, ast.Break, ast.Continue)
_walkable_cache: dict[frozenset[str], frozenset[type]] = {}


def walkable_types(enabled: frozenset[str]) -> frozenset[type]:
    """The node types the walk steps onto: every node type but the skipped leaves (``Load``,
    ``Add`` …) and, when no enabled rule subscribes to them, the :data:`_LEAF_TYPES`, which
    are then passed over (no children, no binding: nothing would happen there; ``Name`` and
    ``Constant`` nodes are about half the nodes of a module)."""
    found = _walkable_cache.get(enabled)
    if found is None:
        enter, leave = dispatch_tables(enabled)
        inert = {t for t in _NODE_TYPES if issubclass(t, _LEAF_TYPES) and t not in enter and t not in leave}
        found = _walkable_cache[enabled] = frozenset(
            t for t in _NODE_TYPES if not issubclass(t, _SKIPPED) and t not in inert
        )
    return found


def walk(ctx: Context) -> None:
    enter, leave = dispatch_tables(ctx.enabled)
    walkable = walkable_types(ctx.enabled)
    # per-file copies so that a visitor that failed can be dropped for this file only
    enter = {t: list(vs) for t, vs in enter.items()}
    leave = {t: list(vs) for t, vs in leave.items()}
    tables = (enter, leave)
    ancestors = ctx.ancestors
    frames = ctx.frames
    stack: list[object] = [ctx.tree]
    pop = stack.pop
    push = stack.append
    extend = stack.extend
    child_fields = _child_fields

    while stack:
        item = pop()
        if item is None:
            node = ancestors.pop()
            ctx.node = node
            node_type = type(node)
            visitors = leave.get(node_type)
            if visitors:
                _call(visitors, node, ctx, tables)
            binder = _LEAVE_BINDERS.get(node_type)
            if binder is not None:
                binder(node, ctx)
            if node_type in _SCOPE_TYPES:
                frames.pop()
            continue
        node_type = type(item)
        if node_type is _FramePush:
            frames.append(_new_frame(item.node, ctx))  # type: ignore[attr-defined]
            continue
        node = item
        ctx.node = node  # type: ignore[assignment]
        visitors = enter.get(node_type)
        if visitors:
            failed = None
            for v in visitors:  # _call inlined: this is the walk's hottest loop
                try:
                    v.fn(node, ctx)
                except Exception as exc:  # a bug in one rule must not cost the others' findings
                    report_failure(v.label, ctx.filename, node, exc)
                    failed = (failed or []) + [v]
            if failed:
                _drop(failed, tables)
        if node_type in _AWAIT_TYPES:
            frames[-1].has_await = True
        elif node_type is ast.comprehension and node.is_async:  # type: ignore[attr-defined]
            frames[-1].has_await = True
        if (node_type is ast.Import or node_type is ast.ImportFrom) and len(frames) > 1:
            ctx.add_import(node)  # type: ignore[arg-type]
        else:
            # ``async with X() as s`` / ``async for x in y`` bind as their sync forms do
            binder = _BINDERS.get(node_type)
            if binder is not None:
                binder(node, ctx)
        if node_type in _SCOPE_TYPES:
            ancestors.append(node)  # type: ignore[arg-type]
            push(None)
            _push_scoped_children(node, push)  # type: ignore[arg-type]
            continue
        fields = child_fields.get(node_type)
        if fields is None:
            fields = _fields_of(node_type)
        children = []
        for name in fields:
            value = getattr(node, name, None)
            if value.__class__ is list:
                for child in value:
                    if child.__class__ in walkable:
                        children.append(child)
            elif value.__class__ in walkable:
                children.append(value)
        if children or node_type in leave or node_type in _LEAVE_BINDERS:
            # (``x = y``: an assignment binds when it is left, also when both names were
            # passed over)
            ancestors.append(node)  # type: ignore[arg-type]
            push(None)
            if children:
                children.reverse()
                extend(children)


# -- bindings: what each name of a scope is bound to.  An assignment binds once its value
# was walked (in ``x = x.dict()`` the right-hand ``x`` is the old one); a ``for``/``with``
# target, an ``except`` name, a nested def before the body that uses it ----------------


def _bind_assign(node: ast.Assign, ctx: Context) -> None:
    for target in node.targets:
        value = node.value if isinstance(target, ast.Name) else None
        for name in target_names(target):
            ctx.bind(name, Binding("assign", node, value=value))


def _bind_annassign(node: ast.AnnAssign, ctx: Context) -> None:
    if isinstance(node.target, ast.Name):
        ctx.bind(node.target.id, Binding("assign", node, value=node.value, annotation=node.annotation))


def _bind_for(node: ast.For | ast.AsyncFor, ctx: Context) -> None:
    for name in target_names(node.target):
        ctx.bind(name, Binding("for", node, value=node.iter))


def _bind_with(node: ast.With | ast.AsyncWith, ctx: Context) -> None:
    for item in node.items:
        if item.optional_vars is not None:
            value = item.context_expr if isinstance(item.optional_vars, ast.Name) else None
            for name in target_names(item.optional_vars):
                ctx.bind(name, Binding("with", node, value=value))


def _bind_except(node: ast.ExceptHandler, ctx: Context) -> None:
    if node.name:
        ctx.bind(node.name, Binding("except", node, value=node.type))


def _bind_walrus(node: ast.NamedExpr, ctx: Context) -> None:
    if isinstance(node.target, ast.Name):
        ctx.bind(node.target.id, Binding("walrus", node, value=node.value))


def _bind_global(node: ast.Global | ast.Nonlocal, ctx: Context) -> None:
    kind = "global" if isinstance(node, ast.Global) else "nonlocal"
    if len(ctx.frames) > 1:
        for name in node.names:
            ctx.bind(name, Binding(kind, node))


def _bind_match(node: ast.AST, ctx: Context) -> None:
    name = getattr(node, "name", None) or getattr(node, "rest", None)
    if isinstance(name, str):
        ctx.bind(name, Binding("match", node))


def _bind_def(node: ast.AST, ctx: Context) -> None:
    if len(ctx.frames) > 1:
        kind = "class" if isinstance(node, ast.ClassDef) else "def"
        ctx.bind(node.name, Binding(kind, node))  # type: ignore[attr-defined]


_LEAVE_BINDERS: dict[type, Callable[[ast.AST, Context], None]] = {
    ast.Assign: _bind_assign,  # type: ignore[dict-item]
    ast.AnnAssign: _bind_annassign,  # type: ignore[dict-item]
    ast.NamedExpr: _bind_walrus,  # type: ignore[dict-item]
}
_BINDERS: dict[type, Callable[[ast.AST, Context], None]] = {
    ast.For: _bind_for,  # type: ignore[dict-item]
    ast.AsyncFor: _bind_for,  # type: ignore[dict-item]
    ast.With: _bind_with,  # type: ignore[dict-item]
    ast.AsyncWith: _bind_with,  # type: ignore[dict-item]
    ast.ExceptHandler: _bind_except,  # type: ignore[dict-item]
    ast.Global: _bind_global,  # type: ignore[dict-item]
    ast.Nonlocal: _bind_global,  # type: ignore[dict-item]
    ast.FunctionDef: _bind_def,
    ast.AsyncFunctionDef: _bind_def,
    ast.ClassDef: _bind_def,
}
for _match_type in ("MatchAs", "MatchStar", "MatchMapping"):
    if hasattr(ast, _match_type):
        _BINDERS[getattr(ast, _match_type)] = _bind_match


def _push_scoped_children(node: ast.AST, push: Callable[[object], None]) -> None:
    """Push a scope node's children so that the body is walked inside its own frame
    and everything else (decorators, bases, defaults, annotations) outside it."""
    body = node.body  # type: ignore[attr-defined]
    inner = body if isinstance(body, list) else [body]
    inner = [c for c in inner if not isinstance(c, _SKIPPED)]
    for child in reversed(inner):
        push(child)
    push(_FramePush(node))
    outer: list[ast.AST] = list(getattr(node, "decorator_list", ()))
    for name in node._fields:
        if name in ("body", "decorator_list"):
            continue
        value = getattr(node, name, None)
        if value.__class__ is list:
            outer.extend(c for c in value if isinstance(c, _AST) and not isinstance(c, _SKIPPED))
        elif isinstance(value, _AST) and not isinstance(value, _SKIPPED):
            outer.append(value)
    for child in reversed(outer):
        push(child)


def _new_frame(node: ast.AST, ctx: Context) -> Frame:
    if isinstance(node, ast.ClassDef):
        return Frame(node, "class")
    params: dict[str, ast.expr | None] = {}
    args: ast.arguments = node.args  # type: ignore[attr-defined]
    for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
        params[arg.arg] = arg.annotation
    if args.vararg is not None:
        params[args.vararg.arg] = args.vararg.annotation
    if args.kwarg is not None:
        params[args.kwarg.arg] = args.kwarg.annotation
    if isinstance(node, ast.Lambda):
        return Frame(node, "lambda", params=params)
    return Frame(
        node,
        "function",
        is_async=isinstance(node, ast.AsyncFunctionDef),
        route=ctx.route_of(node),
        params=params,
    )


def _call(visitors: list[Visitor], node: ast.AST, ctx: Context, tables: tuple[Dispatch, ...]) -> None:
    failed: list[Visitor] | None = None
    for v in visitors:
        try:
            v.fn(node, ctx)
        except Exception as exc:  # a bug in one rule must not cost the others' findings
            report_failure(v.label, ctx.filename, node, exc)
            failed = (failed or []) + [v]
    if failed:
        _drop(failed, tables)


def _drop(failed: list[Visitor], tables: tuple[Dispatch, ...]) -> None:
    """Drop visitors that raised for the rest of this file, on every node type."""
    for table in tables:
        for subscribed in table.values():
            for v in failed:
                if v in subscribed:
                    subscribed.remove(v)


def report_failure(label: str, filename: str, node: ast.AST | None, exc: BaseException) -> None:
    """Print a rule's exception once per process, on stderr, and keep going."""
    where = f"{filename}:{getattr(node, 'lineno', '?')}"
    detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    failures.append((label, where, detail))
    if label in _reported_failures:
        return
    _reported_failures.add(label)
    sys.stderr.write(
        f"flake8-fastapi-conventions: internal error in {label} at {where}: {detail} "
        f"(this rule is skipped for the file; please report it)\n"
    )
