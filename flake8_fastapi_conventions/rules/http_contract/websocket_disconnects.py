"""XFA314: a WebSocket handler receives without handling ``WebSocketDisconnect``."""

from __future__ import annotations

import ast

from ...context import Context, Frame
from ...registry import rule, visitor
from ._shared import FUNCTION_ENDS, HANDLER_CALLS, HANDLER_METHODS, _handler_frame, _tail

XFA314 = rule(
    "XFA314",
    "websocket-disconnect-unhandled",
    default=True,
    seeds=("004",),
    message="websocket route {name}() receives without handling WebSocketDisconnect",
    fix_hint="wrap the receive loop in try/except WebSocketDisconnect and release resources in finally",
    what="""
        Reports a websocket route whose handler receives from its socket (`receive*()`,
        `iter_*()`) but has no `except WebSocketDisconnect` (or a broader `except
        Exception`/`BaseException`/bare `except`), no `try/finally` and no
        `contextlib.suppress(WebSocketDisconnect)`. A name in the `except` clause is followed
        to its value at the top of this module (a tuple, also `A + (B,)`, or an alias) or,
        through the imports, in another module of the project (a tuple, a re-export, a
        project exception class deriving `WebSocketDisconnect`).
    """,
    why="""
        Seed 004: "Not handling WebSocket disconnect exceptions. Clients can disconnect at any
        time — your handler must catch WebSocketDisconnect" and "Always use try/finally
        blocks to ensure connections are closed on error or disconnect."
    """,
    bad="""
        from fastapi import APIRouter, WebSocket

        router = APIRouter()


        @router.websocket("/ws")
        async def echo(websocket: WebSocket) -> None:
            await websocket.accept()
            while True:
                text = await websocket.receive_text()
                await websocket.send_text(text)
    """,
    good="""
        from fastapi import APIRouter, WebSocket, WebSocketDisconnect

        router = APIRouter()


        @router.websocket("/ws")
        async def echo(websocket: WebSocket) -> None:
            await websocket.accept()
            try:
                while True:
                    text = await websocket.receive_text()
                    await websocket.send_text(text)
            except WebSocketDisconnect:
                await release(websocket)
    """,
    not_flagged=(
        "Handlers that delegate the socket to another function and never receive themselves.",
        "`try/finally` without an `except`.",
        "`except DISCONNECT_ERRORS:` (or `suppress(*DISCONNECT_ERRORS)`) where this module, or "
        "the project module it is imported from, assigns `DISCONNECT_ERRORS = "
        "(WebSocketDisconnect, ...)`, or an alias of it; an imported name the project index "
        "cannot follow is taken as handled.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/ws.py",
)


class _WebSocketUse:
    """What a WebSocket handler's body does: receives, handles the disconnect."""

    __slots__ = ("receives", "handled")

    def __init__(self) -> None:
        self.receives: bool = False
        self.handled: bool = False


_DISCONNECT_CATCHERS = frozenset({"WebSocketDisconnect", "Exception", "BaseException"})


def _catches_disconnect(ctx: Context, node: ast.AST | None) -> bool:
    if node is None:
        return True  # bare except
    for caught in _caught_classes(ctx, node):
        if _tail(ctx.resolve(caught)) in _DISCONNECT_CATCHERS:
            return True
        sym = ctx.symbol(caught)
        if sym is not None and sym.kind != "external" and _project_catches_disconnect(ctx, sym) is not False:
            return True  # holds WebSocketDisconnect, or cannot be told: stay silent
    return False


def _project_catches_disconnect(ctx: Context, sym, depth: int = 0) -> bool | None:
    """Whether a project name caught by an ``except`` covers ``WebSocketDisconnect``: a tuple
    of another module (``DISCONNECT_ERRORS = (WebSocketDisconnect, ...)``, followed through
    its imports) or a project exception class deriving from it; ``None`` when it cannot be
    followed."""
    if depth > 6:
        return None
    if sym.kind == "class":
        ancestors = ctx.index.external_ancestors(sym)
        if any(_tail(a) in _DISCONNECT_CATCHERS for a in ancestors):
            return True
        return None if "?" in ancestors else False
    desc = sym.info if sym.kind == "value" else None
    if not desc or desc.get("k") != "tuple":
        return None
    unknown = False
    for item in desc["items"]:
        if _tail(item) in _DISCONNECT_CATCHERS:
            return True
        found = ctx.index.lookup(sym.path, item)
        if found is None:
            unknown = True
        elif found.kind == "external":
            if _tail(found.qualname) in _DISCONNECT_CATCHERS:
                return True
        else:
            verdict = _project_catches_disconnect(ctx, found, depth + 1)
            if verdict is True:
                return True
            unknown = unknown or verdict is None
    return None if unknown else False


def _caught_classes(ctx: Context, node: ast.AST, depth: int = 0) -> list[ast.expr]:
    """The class expressions an ``except`` clause (or ``suppress(...)`` argument) names, with
    tuples opened and names of tuples followed to their value: ``except DISCONNECTS:`` with
    ``DISCONNECTS = (WebSocketDisconnect, ConnectionClosed)`` or ``BASE + (Closed,)`` at the
    top of this module."""
    if depth > 8:
        return []
    if isinstance(node, ast.Starred):
        return _caught_classes(ctx, node.value, depth + 1)
    if isinstance(node, (ast.Tuple, ast.List)):
        return [c for e in node.elts for c in _caught_classes(ctx, e, depth + 1)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _caught_classes(ctx, node.left, depth + 1) + _caught_classes(ctx, node.right, depth + 1)
    if isinstance(node, ast.Name) and node.id not in ctx.imports:
        value = _module_tuple(ctx, node.id)
        if value is not None:
            return _caught_classes(ctx, value, depth + 1)
    return [node] if isinstance(node, (ast.Name, ast.Attribute)) else []


def _module_tuple(ctx: Context, name: str) -> ast.expr | None:
    """The value of a module-level ``name = (...)`` of this file when it builds a tuple."""
    value = ctx.assignments.get(name)
    if isinstance(value, (ast.Tuple, ast.BinOp)) or (isinstance(value, ast.Name) and value.id != name):
        return value
    return None


@visitor(ast.Try, *([ast.TryStar] if hasattr(ast, "TryStar") else []), codes=(XFA314,))
def disconnect_handlers(node: ast.Try, ctx: Context) -> None:
    if ctx.is_test:
        return
    frame = _handler_frame(ctx)
    if frame is None or not frame.route.is_websocket:
        return
    if node.finalbody or any(_catches_disconnect(ctx, h.type) for h in node.handlers):
        frame.state(_WebSocketUse).handled = True


@HANDLER_METHODS.on("(any)", rules=(XFA314,))
def _receive_call(node: ast.Call, method: str, ctx: Context) -> None:
    if method.startswith(("receive", "iter_")) and ctx.wants(XFA314):
        _websocket_receives(ctx)


@HANDLER_CALLS.on("suppress", rules=(XFA314,))
def _suppress_call(node: ast.Call, name: str, ctx: Context) -> None:
    if ctx.wants(XFA314):
        _suppresses_disconnect(node, ctx)


@FUNCTION_ENDS.on("route", rules=(XFA314,))
def _websocket_handler_end(node: ast.FunctionDef | ast.AsyncFunctionDef, frame: Frame, ctx: Context) -> None:
    if ctx.wants(XFA314) and frame.route.is_websocket:
        _check_disconnect_handled(node, frame, ctx)


def _websocket_receives(ctx: Context) -> None:
    """``websocket.receive_text()``, ``websocket.iter_json()``... in a WebSocket handler."""
    frame = _handler_frame(ctx)
    if frame is not None and frame.route.is_websocket:
        frame.state(_WebSocketUse).receives = True


def _suppresses_disconnect(node: ast.Call, ctx: Context) -> None:
    """``with suppress(WebSocketDisconnect):`` in a WebSocket handler handles the disconnect."""
    frame = _handler_frame(ctx)
    if frame is not None and any(_catches_disconnect(ctx, a) for a in node.args):
        frame.state(_WebSocketUse).handled = True


def _check_disconnect_handled(node: ast.FunctionDef | ast.AsyncFunctionDef, frame: Frame, ctx: Context) -> None:
    use = frame.state(_WebSocketUse)
    if use.receives and not use.handled:
        ctx.report(node, XFA314, name=node.name)
