"""XFA319: an application includes a router under a prefix without an API version (``/api/v1``)."""

from __future__ import annotations

import ast

from ... import lazy_re
from ...context import Context, has_kwargs_splat, keyword, string_value
from ...registry import rule, visitor
from ._shared import _tail

XFA319 = rule(
    "XFA319",
    "unversioned-router-prefix",
    default=False,
    seeds=("004",),
    message="router prefix {prefix!r} is not versioned",
    fix_hint='mount it under /api/v<N> (e.g. prefix="/api/v1{suffix}")',
    what="""
        Reports a literal prefix that does not start with `/api/v<N>` where the router
        meets the application: `app.include_router(..., prefix=...)` on a FastAPI app, and
        `APIRouter(prefix=...)` for a router of this file that the app includes without a
        prefix.
    """,
    why="""
        Seed 004: "Register all routers with versioned prefixes (/api/v1/...)" and "Not using
        API versioning from the start. Always prefix routes with /api/v1/."
    """,
    bad="""
        from fastapi import FastAPI

        from app.routes import users

        app = FastAPI()
        app.include_router(users.router, prefix="/users")
    """,
    good="""
        from fastapi import FastAPI

        from app.routes import users

        app = FastAPI()
        app.include_router(users.router, prefix="/api/v1/users")
    """,
    not_flagged=(
        "Prefixes that are not string literals (`settings.API_V1_STR`, f-strings).",
        "`include_router` on a sub-router (its parent may carry the version), and "
        "`APIRouter(prefix=...)` of a router the file does not include into an app.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code.",
    ),
    example_path="app/main.py",
)


_VERSIONED = lazy_re.compile(r"^/api/v\d+(/|$)")


class _RouterIncludes:
    """The file's ``include_router(...)`` calls."""

    __slots__ = ("calls",)

    def __init__(self) -> None:
        self.calls: list[ast.Call] = []


@visitor(ast.Call, codes=(XFA319,))
def included_routers(node: ast.Call, ctx: Context) -> None:
    if ctx.is_test:
        return
    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr == "include_router"):
        return
    ctx.state(_RouterIncludes).calls.append(node)


def _is_app(ctx: Context, expr: ast.expr) -> bool:
    if not isinstance(expr, ast.Name):
        return False
    value = ctx.assignments.get(expr.id)
    if isinstance(value, ast.Call):
        return _tail(ctx.resolve(value.func)) == "FastAPI" and ctx.imported_from(value.func, "fastapi")
    return False


def _check_prefixes(includes: _RouterIncludes, ctx: Context) -> None:
    for call in includes.calls:
        if not _is_app(ctx, call.func.value):
            continue
        prefix_kw = keyword(call, "prefix")
        if prefix_kw is not None:
            prefix = string_value(prefix_kw.value)
            if prefix is not None and prefix and not _VERSIONED.match(prefix):
                ctx.report(prefix_kw.value, XFA319, prefix=prefix, suffix=prefix if prefix.startswith("/") else "/" + prefix)
            continue
        if has_kwargs_splat(call) or not call.args or not isinstance(call.args[0], ast.Name):
            continue
        router = ctx.assignments.get(call.args[0].id)
        if isinstance(router, ast.Call) and _tail(ctx.resolve(router.func)) == "APIRouter":
            prefix_kw = keyword(router, "prefix")
            prefix = string_value(prefix_kw.value) if prefix_kw is not None else None
            if prefix and not _VERSIONED.match(prefix):
                ctx.report(prefix_kw.value, XFA319, prefix=prefix, suffix=prefix if prefix.startswith("/") else "/" + prefix)


@visitor(ast.Module, leave=True, codes=(XFA319,))
def unversioned_router_prefixes(node: ast.Module, ctx: Context) -> None:
    """The ``include_router`` calls of the module's application (``included_routers``)."""
    if ctx.is_test:
        return
    if ctx.wants(XFA319):
        _check_prefixes(ctx.state(_RouterIncludes), ctx)
