"""XFA315: a readiness route answers "ready" without checking anything."""

from __future__ import annotations

import ast

from ...context import Context, keyword
from ...registry import rule, visitor
from ._shared import FUNCTION_ENDS, HANDLER_CALLS, _handler_frame, status_value, _tail

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


@HANDLER_CALLS.on("(any)", rules=(XFA315,))
def _readiness_call(node: ast.Call, name: str, ctx: Context) -> None:
    """A call in a readiness handler's body: a 503 answer, or any call that is not only
    building the response, is a check of some state."""
    if not ctx.wants(XFA315):
        return
    frame = _handler_frame(ctx)
    if frame is None:
        return
    state = frame.state(_ReadinessChecks)
    if _answers_unavailable(ctx, node, name):
        state.found = True  # a "not ready" answer: the probe checks a state
    if name != "HTTPException" and not state.found and not _response_builder(ctx, node):
        state.found = True


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


@FUNCTION_ENDS.on("route", rules=(XFA315,))
def _readiness_handler_end(node: ast.FunctionDef | ast.AsyncFunctionDef, frame, ctx: Context) -> None:
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
