"""XFA318: a mutating route (POST, PUT, PATCH, DELETE) with no rate limit on it."""

from __future__ import annotations

import ast

from ...context import Context, RouteInfo
from ...registry import rule
from ._shared import ROUTE_HANDLERS, _all_args, fastapi_marker

XFA318 = rule(
    "XFA318",
    "mutating-route-without-rate-limit",
    default=False,
    seeds=("001", "004"),
    message="{method} route {name}() has no rate limit",
    fix_hint='add @limiter.limit("<n>/minute") below the route decorator',
    what="""
        Reports a POST, PUT, PATCH or DELETE route without a rate-limit decorator
        (`@<x>.limit(...)`, e.g. slowapi's `@limiter.limit`) and without a rate-limiting
        dependency in `dependencies=[...]` or in a parameter's `Depends(...)` (a name
        containing `limit`, as fastapi-limiter's `RateLimiter`).
    """,
    why="""
        Seed 001: "`@limiter.limit()` on mutating API and HTMX endpoints"; seed 004: "Not
        implementing rate limiting. Unthrottled APIs are vulnerable to brute-force and
        denial-of-service attacks."
    """,
    bad="""
        from fastapi import APIRouter, Request, status

        from app.schemas import ItemCreate, ItemRead

        router = APIRouter()


        @router.post("/items", status_code=status.HTTP_201_CREATED)
        async def create_item(request: Request, payload: ItemCreate) -> ItemRead:
            return await save_item(payload)
    """,
    good="""
        from fastapi import APIRouter, Request, status

        from app.limits import limiter
        from app.schemas import ItemCreate, ItemRead

        router = APIRouter()


        @router.post("/items", status_code=status.HTTP_201_CREATED)
        @limiter.limit("30/minute")
        async def create_item(request: Request, payload: ItemCreate) -> ItemRead:
            return await save_item(payload)
    """,
    not_flagged=(
        "GET/HEAD/OPTIONS routes and websocket routes.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/items.py",
)


def _rate_limited(node: ast.FunctionDef | ast.AsyncFunctionDef, route: RouteInfo, ctx: Context) -> bool:
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = ctx.resolve(target) or ""
        if "limit" in name.lower():
            return True
    for arg, default in _all_args(node):
        _, metadata = ctx.unwrap_annotation(arg.annotation)
        for item in (*metadata, default):
            if fastapi_marker(ctx, item) in ("Depends", "Security") and item.args:  # type: ignore[union-attr]
                target = item.args[0]  # type: ignore[union-attr]
                if isinstance(target, ast.Call):
                    target = target.func
                if "limit" in (ctx.resolve(target) or "").lower():
                    return True
    deps = route.keyword("dependencies")
    if deps is not None:
        for sub in ast.walk(deps):
            if isinstance(sub, (ast.Name, ast.Attribute)) and "limit" in (ctx.resolve(sub) or "").lower():
                return True
    return False


@ROUTE_HANDLERS.on("route without **kwargs", rules=(XFA318,))
def _check_rate_limit(node: ast.FunctionDef | ast.AsyncFunctionDef, r: RouteInfo, ctx: Context) -> None:
    if not ctx.wants(XFA318):
        return
    mutating = [m for m in r.methods if m in ("POST", "PUT", "PATCH", "DELETE")]
    if mutating and not _rate_limited(node, r, ctx):
        ctx.report(r.decorator, XFA318, method="/".join(mutating), name=node.name)
