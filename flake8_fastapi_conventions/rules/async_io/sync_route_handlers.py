"""XFA108: a route handler written as a plain ``def``."""

from __future__ import annotations

import ast
from collections.abc import Callable

from ...context import Context
from ...registry import moved_off, rule, visitor
from ._shared import _dotted_call
from .blocking_calls import _classify_blocking
from .blocking_helpers import _helper_chain

XFA108 = rule(
    "XFA108",
    "sync-route-handler",
    default=False,
    precision=moved_off("3 of 20"),
    seeds=("003",),
    message="route handler {name}() is a plain def",
    fix_hint="{fix}",
    what="""
        Reports a route handler (`@router.get(...)`, `@app.post(...)`, …) defined with a plain
        `def`. When the handler makes a blocking call (one [[blocking-http-call-in-async]]–[[sync-client-library-in-async]] recognise, directly or
        through sync functions of the project as [[blocking-call-via-helper]] follows them; or a query through a sync
        SQLAlchemy/SQLModel `Session` parameter, `session.commit()`, also by handing that session
        to a call, `TicketLogic(session)`), the message names it: an
        `async def` that keeps that call would block the event loop, so the call has to be
        offloaded (`await run_in_threadpool(...)`) or replaced by an async API — or the handler
        stays a plain `def`, which FastAPI already runs in its thread pool.
    """,
    why="""
        Seed 003: "All route handlers MUST be `async def` -- never use sync `def` for
        endpoints". A sync handler runs in the thread pool (40 threads by default), hides
        blocking calls from the async rules and mixes two concurrency models in one code
        base. Seed 004 takes the opposite view for CPU-only handlers: disable this rule
        and enable [[async-route-without-await]] to follow it instead.
    """,
    bad="""
        from fastapi import APIRouter
        from pydantic import BaseModel

        router = APIRouter()

        class Health(BaseModel):
            ok: bool

        @router.get("/health")
        def health() -> Health:
            return Health(ok=True)
    """,
    good="""
        from fastapi import APIRouter
        from pydantic import BaseModel

        router = APIRouter()

        class Health(BaseModel):
            ok: bool

        @router.get("/health")
        async def health() -> Health:
            return Health(ok=True)
    """,
    not_flagged=(
        "`async def` handlers; plain functions that are not route handlers (dependencies, helpers).",
        "Route handlers defined in test files (test apps often declare sync handlers on purpose).",
        "A plain `def` under a decorator (placed right below the route decorators) that turns it "
        "into a coroutine function, so FastAPI registers an `async def`: one of this module whose "
        "`return` hands back a nested `async def`, or one of the project annotated to return "
        "`Callable[..., Awaitable[...]]` (`Coroutine`; for a decorator factory, a `Callable` "
        "returning that).",
    ),
    example_path="app/api/routes/items.py",
)


#: sync ``Session`` methods that talk to the database
_SYNC_SESSION_IO = frozenset(
    {"execute", "exec", "scalar", "scalars", "get", "query", "flush", "commit", "rollback", "refresh", "merge",
     "delete", "close", "connection"}
)


def _sync_session_use(node: ast.Call, ctx: Context) -> str | None:
    """XFA108's hint: the handler queries through a sync SQLAlchemy/SQLModel ``Session`` of its
    own (``session.commit()``), or hands one to a call that will (``IncidentLogic(session)``):
    each query would block an ``async def``."""
    func = node.func
    candidates: list[tuple[ast.Name, str]] = []
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.attr in _SYNC_SESSION_IO:
        candidates.append((func.value, f"{func.value.id}.{func.attr}() on the sync Session {func.value.id}"))
    callee = _dotted_call(func)
    for arg in (*node.args, *(kw.value for kw in node.keywords)):
        if isinstance(arg, ast.Name):
            candidates.append((arg, f"{callee}() with the sync Session {arg.id}"))
    for name, label in candidates:
        is_param, _annotation = ctx.annotation_of(name.id)
        if is_param and ctx.session_verdict(name) is True and ctx.session_flavour(name) == "sync":
            return label
    return None


class BlockingCall:
    """XFA108's hint: the first blocking call a sync route handler makes (blocking_helpers)."""

    __slots__ = ("label",)

    def __init__(self) -> None:
        self.label: str | None = None


@visitor(ast.Call, codes=(XFA108,))
def blocking_calls_of_sync_handlers(node: ast.Call, ctx: Context) -> None:
    """XFA108's hint: the first blocking call a sync route handler makes, directly or through
    a sync project function (``blocking_helper_calls`` follows the same chains in async code)."""
    frame = ctx.frames[-1]
    if frame.kind != "function" or ctx.is_test:
        return
    if frame.is_async:
        return
    if frame.route is not None and frame.state(BlockingCall).label is None and ctx.wants(XFA108):
        name = ctx.call_name(node)
        label = None
        if name is not None:
            direct = _classify_blocking(node, ctx, name)
            if direct is not None:
                label = direct[2]
            elif name == "open" and isinstance(node.func, ast.Name) and ctx.is_builtin(node.func):
                label = "open()"
        if label is None:
            helper = _helper_chain(node, ctx)
            if helper is not None:
                label = " → ".join(helper[1])
        if label is None:
            label = _sync_session_use(node, ctx)
        if label is not None:
            frame.state(BlockingCall).label = label


@visitor(ast.FunctionDef, leave=True, codes=(XFA108,))
def sync_route_handler(node: ast.FunctionDef, ctx: Context) -> None:
    if ctx.is_test:
        return
    routes = ctx.routes_of(node)
    if not routes or any(r.is_websocket for r in routes):
        return
    if _registered_as_coroutine(node, routes, ctx):
        return
    frame = ctx.frames[-1]
    blocking = frame.state(BlockingCall).label if frame.node is node else None
    if blocking is None:
        fix = "make it async def and await async I/O inside (all route handlers are async def)"
    else:
        fix = (
            f"it calls blocking {blocking}: in an async def that call must be offloaded "
            "(await run_in_threadpool(...)) or made async, or keep the def, which FastAPI runs in its "
            "threadpool, and disable XFA108"
        )
    ctx.report(node, XFA108, name=node.name, fix=fix)


_CALLABLES = frozenset({"typing.Callable", "collections.abc.Callable"})
_AWAITABLES = frozenset(
    {"typing.Awaitable", "typing.Coroutine", "collections.abc.Awaitable", "collections.abc.Coroutine"}
)
_UNIONS = frozenset({"typing.Union", "typing.Optional"})


def _registered_as_coroutine(node: ast.FunctionDef, routes: list, ctx: Context) -> bool:
    """The route decorators receive a coroutine function: the decorator right below the
    lowest of them wraps the plain ``def`` into an ``async def`` (zenml's
    ``@async_fastapi_endpoint_wrapper``, which runs the sync body in the thread pool)."""
    decorators = node.decorator_list
    route_nodes = {id(r.decorator) for r in routes}
    lowest = max((i for i, d in enumerate(decorators) if id(d) in route_nodes), default=None)
    if lowest is None or lowest + 1 >= len(decorators):
        return False
    deco = decorators[lowest + 1]
    factory = isinstance(deco, ast.Call)
    target = deco.func if isinstance(deco, ast.Call) else deco
    if isinstance(target, ast.Name):
        binding = ctx.lookup(target.id)
        if binding is not None and binding.kind == "def":
            # a decorator of this module: read its body (its annotation may say more)
            fn = binding.node
            if isinstance(fn, ast.FunctionDef) and _returns_async_def(fn, 2 if factory else 1):
                return True
    sym = ctx.symbol(target)
    if sym is None or sym.kind != "function" or not isinstance(sym.info, dict) or sym.info.get("async"):
        return False
    returned = sym.info.get("rt")
    if not isinstance(returned, dict):
        return False
    if factory:
        return any(
            _callable_returning(m, lambda r: any(_callable_returning(x, _is_awaitable) for x in _union_members(r)))
            for m in _union_members(returned)
        )
    return any(_callable_returning(m, _is_awaitable) for m in _union_members(returned))


def _union_members(desc: dict) -> list[dict]:
    if desc.get("k") == "sub" and desc.get("of") in _UNIONS:
        return [d for d in desc.get("items", ()) if isinstance(d, dict)]
    return [desc]


def _is_awaitable(desc: dict) -> bool:
    return desc.get("k") == "sub" and desc.get("of") in _AWAITABLES


def _callable_returning(desc: dict, returns: Callable[[dict], bool]) -> bool:
    """``Callable[<params>, R]`` where ``returns(R)`` holds."""
    if desc.get("k") != "sub" or desc.get("of") not in _CALLABLES:
        return False
    items = desc.get("items") or []
    return len(items) == 2 and isinstance(items[1], dict) and bool(returns(items[1]))


def _returns_async_def(fn: ast.FunctionDef, depth: int) -> bool:
    """Every ``return`` of ``fn`` (nested scopes left out) hands back a function ``fn``
    defines in its own body: an ``async def`` (``depth`` 1), or a plain ``def`` that does so
    itself (``depth`` 2: a decorator factory)."""
    nested = {s.name: s for s in fn.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))}
    returns: list[ast.expr | None] = []
    stack: list[ast.AST] = list(fn.body)
    while stack:
        current = stack.pop()
        if isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(current, ast.Return):
            returns.append(current.value)
        stack.extend(ast.iter_child_nodes(current))
    if not returns:
        return False
    for value in returns:
        inner = nested.get(value.id) if isinstance(value, ast.Name) else None
        if inner is None:
            return False
        if depth == 1 and not isinstance(inner, ast.AsyncFunctionDef):
            return False
        if depth == 2 and not (isinstance(inner, ast.FunctionDef) and _returns_async_def(inner, 1)):
            return False
    return True
