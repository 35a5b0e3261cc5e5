"""XFA317: a JSON route's decorator lacks ``summary=`` or ``responses=`` for the OpenAPI docs."""

from __future__ import annotations

import ast

from ...context import Context, RouteInfo
from ...registry import rule
from ._shared import ROUTE_HANDLERS, non_json_response_class

XFA317 = rule(
    "XFA317",
    "route-missing-openapi-docs",
    default=False,
    seeds=("001",),
    message="route {name}() has no {missing} in its decorator",
    fix_hint='add summary="..." and responses={{<status>: {{"description": ...}}}} for the OpenAPI docs',
    what="""
        Reports a JSON route decorator (not a websocket, not a non-JSON `response_class=`,
        not `include_in_schema=False`) that lacks `summary=` or `responses=`.
    """,
    why="""Seed 001: "Include `summary=`, `responses=` for OpenAPI JSON API docs"."""
    ,
    bad="""
        from fastapi import APIRouter

        from app.schemas import ItemRead

        router = APIRouter()


        @router.get("/items/{item_id}", response_model=ItemRead)
        async def read_item(item_id: int) -> ItemRead:
            return await load_item(item_id)
    """,
    good="""
        from fastapi import APIRouter

        from app.schemas import ItemRead

        router = APIRouter()


        @router.get(
            "/items/{item_id}",
            response_model=ItemRead,
            summary="Read one item",
            responses={404: {"description": "Item not found"}},
        )
        async def read_item(item_id: int) -> ItemRead:
            return await load_item(item_id)
    """,
    not_flagged=(
        "Websocket routes, non-JSON `response_class=` routes, `include_in_schema=False`.",
        "Decorators with a `**kwargs` splat.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/items.py",
)


def _is_json_route(ctx: Context, route: RouteInfo) -> bool:
    if route.is_websocket or non_json_response_class(ctx, route):
        return False
    include = route.keyword("include_in_schema")
    return not (isinstance(include, ast.Constant) and include.value is False)


@ROUTE_HANDLERS.on("route without **kwargs", rules=(XFA317,))
def _route(node: ast.FunctionDef | ast.AsyncFunctionDef, r: RouteInfo, ctx: Context) -> None:
    if ctx.wants(XFA317) and _is_json_route(ctx, r):
        _check_openapi_docs(node, r, ctx)


def _check_openapi_docs(node: ast.FunctionDef | ast.AsyncFunctionDef, r: RouteInfo, ctx: Context) -> None:
    missing = [k for k in ("summary", "responses") if r.keyword(k) is None]
    if missing:
        ctx.report(r.decorator, XFA317, name=node.name, missing=" and ".join(f"{k}=" for k in missing))
