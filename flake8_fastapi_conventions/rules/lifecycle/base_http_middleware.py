"""XFA603: a ``BaseHTTPMiddleware`` subclass or an ``@app.middleware("http")`` function."""

from __future__ import annotations

import ast

from ...context import Context, dotted_name
from ...registry import rule, visitor
from ._shared import (
    APP_BINDINGS,
    APP_SETUP_CALLS,
    _http_middleware_decorator,
    _is_app,
    _is_base_http,
    _is_cors,
    _is_middleware_wrapper,
)


XFA603 = rule(
    "XFA603",
    "base-http-middleware",
    default=True,
    seeds=("000",),
    message="{form} runs the app inside BaseHTTPMiddleware's call_next task group",
    fix_hint="write pure ASGI middleware instead: a class with __init__(self, app) and async __call__(self, scope, receive, send)",
    what="""
        Reports `BaseHTTPMiddleware`-based middleware: a class deriving
        `starlette.middleware.base.BaseHTTPMiddleware` (also through an import alias or a
        class of this file that derives it; reported at the first class of the chain),
        `app.add_middleware(BaseHTTPMiddleware, dispatch=...)` /
        `Middleware(BaseHTTPMiddleware, ...)`, and the `@app.middleware("http")` decorator
        (which wraps the function in `BaseHTTPMiddleware`).

        Scope: test files (the tests layer) are not checked; scripts are, CI scripts
        included (`scripts/`, `.github/scripts/`, `ci/`).
    """,
    why="""
        Seed 000: "Use pure ASGI middleware only (class with __init__(self, app) and async
        def __call__(self, scope, receive, send)). Do not use
        starlette.middleware.base.BaseHTTPMiddleware: its call_next() wraps the response
        body in an internal task group, which breaks AsyncSession lifecycle in FastAPI
        dependency-injected routes". It also buffers streaming responses and cancels
        background work when the client disconnects.
    """,
    bad="""
        import time

        from starlette.middleware.base import BaseHTTPMiddleware


        class TimingMiddleware(BaseHTTPMiddleware):
            async def dispatch(self, request, call_next):
                started = time.perf_counter()
                try:
                    response = await call_next(request)
                except Exception:
                    raise
                response.headers["x-elapsed"] = str(time.perf_counter() - started)
                return response
    """,
    good="""
        import time

        from starlette.types import ASGIApp, Message, Receive, Scope, Send


        class TimingMiddleware:
            def __init__(self, app: ASGIApp) -> None:
                self.app = app

            async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
                if scope["type"] != "http":
                    await self.app(scope, receive, send)
                    return
                started = time.perf_counter()

                async def send_with_timing(message: Message) -> None:
                    if message["type"] == "http.response.start":
                        elapsed = str(time.perf_counter() - started).encode()
                        message.setdefault("headers", []).append((b"x-elapsed", elapsed))
                    await send(message)

                await self.app(scope, receive, send_with_timing)
    """,
    not_flagged=(
        "Test files (the tests layer): test apps configure middleware, handlers and events on purpose.",
        "Pure ASGI middleware classes (`__init__(self, app)`, `async __call__(self, scope, receive, send)`), "
        "also one that names `BaseHTTPMiddleware` as its base but defines its own `async __call__(self, "
        "scope, receive, send)` and no `dispatch` (the eleventh reading's LitServe middlewares): the base "
        "class's request/`call_next` machinery never runs.",
        "`app.add_middleware(SomeMiddleware)` with any class other than `BaseHTTPMiddleware` "
        "(a subclass defined here is reported at its `class` statement).",
        "`@x.middleware(...)` on objects that are not a FastAPI/Starlette app.",
    ),
)
APP_BINDINGS.used_by(XFA603)  # reads the apps and middleware lists of app_assignments


@visitor(ast.FunctionDef, ast.AsyncFunctionDef, codes=(XFA603,))
def http_middleware_decorators(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    if ctx.is_test or not node.decorator_list:
        return
    dec = _http_middleware_decorator(ctx, node)
    if dec is not None:
        ctx.report(dec, XFA603, form=f'@{dotted_name(dec.func) or "app.middleware"}("http")')


@visitor(ast.ClassDef, codes=(XFA603,))
def base_http_middleware_classes(node: ast.ClassDef, ctx: Context) -> None:
    if ctx.is_test:
        return
    if _own_asgi_call(node):
        return  # BaseHTTPMiddleware's __call__ (and its call_next task group) is never used
    for base in node.bases:
        if _is_base_http(ctx, base):
            ctx.report(node, XFA603, form=f"class {node.name}(BaseHTTPMiddleware)")
            return


def _own_asgi_call(cls: ast.ClassDef) -> bool:
    """The class defines its own ``async def __call__(self, scope, receive, send)`` and no
    ``dispatch``: pure ASGI middleware that only names ``BaseHTTPMiddleware`` as its base."""
    methods = {stmt.name: stmt for stmt in cls.body if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef))}
    call = methods.get("__call__")
    if not isinstance(call, ast.AsyncFunctionDef) or "dispatch" in methods:
        return False
    return len([*call.args.posonlyargs, *call.args.args]) == 4


@APP_SETUP_CALLS.on("Middleware", rules=(XFA603,))
def _base_http_in_middleware_list(node: ast.Call, func: ast.expr, ctx: Context) -> None:
    if node.args and _is_middleware_wrapper(ctx, node):
        cls = node.args[0]
        if not _is_cors(ctx, cls) and _is_base_http(ctx, cls):
            ctx.report(node, XFA603, form="Middleware(BaseHTTPMiddleware, ...)")


@APP_SETUP_CALLS.on("add_middleware", rules=(XFA603,))
def base_http_middleware_added(node: ast.Call, func: ast.expr, ctx: Context) -> None:
    """``app.add_middleware(BaseHTTPMiddleware, dispatch=...)``."""
    if isinstance(func, ast.Attribute) and node.args and _is_app(ctx, func.value) and _is_base_http(ctx, node.args[0]):
        ctx.report(node, XFA603, form="add_middleware(BaseHTTPMiddleware, ...)")
