"""XFA315: a readiness route answers "ready" without checking anything; and the visitors of a handler's
calls (XFA305, XFA310, XFA312, XFA314, XFA315) and of its end (XFA301, XFA310, XFA312, XFA314, XFA315)."""

from __future__ import annotations

import ast

from ...context import Context, keyword
from ...registry import rule, visitor
from ._shared import _handler_frame, status_value, _tail
from .manual_validation_errors import XFA305, _check_manual_422
from .missing_response_models import XFA301, _check_missing_model
from .partial_updates import XFA312, _check_partial_update, _judge_partial_updates
from .raw_dict_responses import XFA302
from .unbounded_pagination import XFA310, _checked_by_helper, _clamped_names, _depends_target, _pagination_leave
from .websocket_disconnects import XFA314, _check_disconnect_handled, _suppresses_disconnect, _websocket_receives

XFA315 = rule(
    "XFA315",
    "readiness-check-static",
    default=True,
    seeds=("002",),
    message="readiness route {path} checks nothing",
    fix_hint='ping its dependencies (e.g. await db.execute(text("SELECT 1")), await redis.ping()) and answer 503 when one fails',
    what="""
        Reports a route whose path ends with `/ready`, `/readiness`, `/readyz` or
        `/health/ready` and whose handler neither awaits anything nor calls anything except
        response builders (`dict`, response classes, models of this file).
    """,
    why="""
        Seed 002: "SELECT 1 · Redis ping — never just return 200" and "/health/live =
        process alive · /health/ready = deps ok ... lies to infra: load balancer routes
        traffic to dead pod".
    """,
    bad="""
        from fastapi import APIRouter
        from fastapi.responses import JSONResponse

        router = APIRouter()


        @router.get("/health/ready", response_model=None)
        async def ready() -> JSONResponse:
            return JSONResponse({"status": "ready"})
    """,
    good="""
        from fastapi import APIRouter
        from fastapi.responses import JSONResponse
        from sqlalchemy import text

        router = APIRouter()


        @router.get("/health/ready", response_model=None)
        async def ready() -> JSONResponse:
            await engine_ping(text("SELECT 1"))
            return JSONResponse({"status": "ready"})
    """,
    not_flagged=(
        "Liveness routes (`/health/live`, `/livez`, `/health`).",
        "Handlers that await or call anything that is not a response builder.",
        "Handlers that answer 503 on some path (`JSONResponse(..., status_code=503)`, "
        "`HTTPException(503)`, `response.status_code = 503`): they check a state and say when "
        "they are not ready.",
        "Routes that only answer `OPTIONS` or `HEAD` (`@router.options(\"/health/readiness\")`, a "
        "CORS preflight).",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/health.py",
)


class _ReadinessChecks:
    """A handler checks a state: a call that is not only building its response, or a 503 answer."""

    __slots__ = ("found",)

    def __init__(self) -> None:
        self.found: bool = False


@visitor(ast.Call, codes=(XFA305, XFA310, XFA312, XFA314, XFA315))
def calls_in_handlers(node: ast.Call, ctx: Context) -> None:
    """A call in a function's body: for XFA315 whether a readiness handler checks something, and
    the calls the other rules of a handler's body look at (each rule's part in its module)."""
    if ctx.is_test:
        return
    func = node.func
    if isinstance(func, ast.Attribute):
        attr = func.attr
        if attr in ("model_dump", "dict"):
            if ctx.wants(XFA312):
                _check_partial_update(node, ctx)
        elif attr.startswith(("receive", "iter_")) and ctx.wants(XFA314):
            _websocket_receives(ctx)
        name = attr
    elif isinstance(func, ast.Name):
        name = func.id
    else:
        name = ""
    if name in ("Depends", "Security"):
        _depends_target(node, ctx)
        return
    if ctx.wants(XFA315) and _answers_unavailable(ctx, node, name):
        frame = _handler_frame(ctx)
        if frame is not None:
            frame.state(_ReadinessChecks).found = True  # a "not ready" answer: the probe checks a state
    if name == "HTTPException":
        if ctx.wants(XFA305):
            _check_manual_422(node, ctx)
        return
    if name in ("min", "max", "clamp") and ctx.wants(XFA310):
        _clamped_names(node, ctx)
    elif ctx.wants(XFA310) and (node.args or node.keywords):
        _checked_by_helper(node, ctx)
    if name == "suppress" and ctx.wants(XFA314):
        _suppresses_disconnect(node, ctx)
    if ctx.wants(XFA315):
        frame = _handler_frame(ctx)
        if frame is not None and not frame.state(_ReadinessChecks).found and not _response_builder(ctx, node):
            frame.state(_ReadinessChecks).found = True


def _answers_unavailable(ctx: Context, node: ast.Call, name: str) -> bool:
    """``JSONResponse(..., status_code=503)``, ``HTTPException(503)``,
    ``Response(status_code=status.HTTP_503_SERVICE_UNAVAILABLE)``: a 503 answer."""
    code = keyword(node, "status_code")
    if code is not None and status_value(ctx, code.value) == 503:
        return True
    return name == "HTTPException" and bool(node.args) and status_value(ctx, node.args[0]) == 503


@visitor(ast.Assign, codes=(XFA315,))
def not_ready_status_assigned(node: ast.Assign, ctx: Context) -> None:
    """``response.status_code = 503`` in a handler: it answers "not ready" on some path."""
    if ctx.is_test or status_value(ctx, node.value) != 503:
        return
    if not any(isinstance(t, ast.Attribute) and t.attr == "status_code" for t in node.targets):
        return
    frame = _handler_frame(ctx)
    if frame is not None:
        frame.state(_ReadinessChecks).found = True


def _response_builder(ctx: Context, call: ast.Call) -> bool:
    func = call.func
    if isinstance(func, ast.Name):
        if ctx.is_builtin(func) and func.id in ("dict", "list", "str", "int", "bool", "len"):
            return True
        if ctx.is_model_class(func):
            return True
    tail = _tail(ctx.resolve(func))
    if tail.endswith("Response"):
        return True
    qualname = ctx.resolve(func) or ""
    return qualname.startswith(("datetime.", "time.time")) or tail in ("utcnow", "now", "isoformat")


@visitor(ast.FunctionDef, ast.AsyncFunctionDef, leave=True, codes=(XFA301, XFA302, XFA310, XFA312, XFA314, XFA315))
def handler_bodies(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    """What a function's body showed once it is walked: XFA315's readiness handlers that check
    nothing, and the findings of the other rules of a handler's body (each in its module)."""
    if ctx.is_test:
        return
    frame = ctx.frames[-1]
    if frame.node is not node:
        return
    _judge_partial_updates(node, frame, ctx)
    route = frame.route
    if ctx.wants(XFA310):
        _pagination_leave(node, route, frame, ctx)
    if route is None:
        return
    if ctx.wants(XFA301):
        _check_missing_model(node, ctx.routes_of(node), frame, ctx)
    if ctx.wants(XFA314) and route.is_websocket:
        _check_disconnect_handled(node, frame, ctx)
    if ctx.wants(XFA315) and not frame.has_await and not frame.state(_ReadinessChecks).found:
        _check_readiness(node, ctx)


def _check_readiness(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    for r in ctx.routes_of(node):
        if r.methods and set(r.methods) <= {"OPTIONS", "HEAD"}:
            continue  # a CORS preflight or HEAD answer on the readiness path checks nothing by design
        if r.path and _readiness_path(r.path):
            ctx.report(node, XFA315, path=r.path)
            break


_READY_SUFFIXES = ("/ready", "/readiness", "/readyz", "/health/ready")


def _readiness_path(path: str) -> bool:
    return path.rstrip("/").endswith(_READY_SUFFIXES) or path.rstrip("/") in ("ready", "readiness", "readyz")
