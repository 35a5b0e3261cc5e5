"""XFA609: a middleware reading the ``Authorization`` header itself."""

from __future__ import annotations

import ast

from ...context import Context
from ...registry import rule, visitor
from ._shared import APP_BINDINGS, _auth_read, _in_middleware


XFA609 = rule(
    "XFA609",
    "auth-in-middleware",
    default=False,
    seeds=("002",),
    message="middleware reads {what}",
    fix_hint="authenticate in a dependency (Depends(get_current_user)) on the routes that need it instead of in middleware",
    what="""
        Reports middleware that reads the `Authorization` header or a token cookie:
        `request.headers.get("authorization")`, `request.headers["Authorization"]`,
        `headers.get(b"authorization")`, `request.cookies.get("access_token")` (a cookie
        whose name contains `token` or `session`). Middleware is the `dispatch` method of a
        `BaseHTTPMiddleware` subclass, a function decorated `@app.middleware("http")` or
        whose parameters are `(request, call_next)` with a Starlette/FastAPI `Request`
        first (not a context of another framework), or the
        `__call__(self, scope, receive, send)` of a class.

        Scope: test files (the tests layer) are not checked; scripts are, CI scripts
        included (`scripts/`, `.github/scripts/`, `ci/`).
    """,
    why="""
        Seed 002: middleware is for "logging · CORS · request ID · timing — never auth":
        it runs on every request including 404s and preflights, its exclusion list of
        public routes drifts ("new public route silently requires auth"), and its error
        responses bypass CORS. A dependency is opt-in per route and testable with
        `dependency_overrides`.
    """,
    bad="""
        from fastapi import Request


        async def require_token(request: Request, call_next):
            if not request.headers.get("authorization"):
                return None
            try:
                return await call_next(request)
            except Exception:
                raise
    """,
    good="""
        from typing import Annotated

        from fastapi import Depends, Header


        async def get_current_user(authorization: Annotated[str, Header()]) -> str:
            return authorization.removeprefix("Bearer ")


        CurrentUser = Annotated[str, Depends(get_current_user)]
    """,
    not_flagged=(
        "Test files (the tests layer): test apps configure middleware, handlers and events on purpose.",
        "Reading other headers (request id, tracing, `x-forwarded-for`).",
        "Authorization headers read in dependencies, routes or plain functions.",
    ),
)
APP_BINDINGS.used_by(XFA609)  # reads the apps and middleware lists of app_assignments


@visitor(ast.Subscript, codes=(XFA609,))
def auth_header_subscripts(node: ast.Subscript, ctx: Context) -> None:
    """``request.headers["authorization"]`` read in a middleware."""
    if ctx.is_test or not isinstance(node.ctx, ast.Load):
        return
    what = _auth_read(node.value, node.slice)
    if what and _in_middleware(ctx):
        ctx.report(node, XFA609, what=what)


@visitor(ast.Call, codes=(XFA609,))
def auth_header_reads(node: ast.Call, ctx: Context) -> None:
    if ctx.is_test:
        return
    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr == "get" and node.args):
        return
    what = _auth_read(func.value, node.args[0])
    if what and _in_middleware(ctx):
        ctx.report(node, XFA609, what=what)
