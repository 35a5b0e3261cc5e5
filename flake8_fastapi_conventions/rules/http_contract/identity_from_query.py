"""XFA316: a route takes the caller's identity (``user_id``, ``owner_id``...) from the query string
instead of the verified token."""

from __future__ import annotations

import ast

from ...context import Context, RouteInfo
from ...registry import rule
from ._shared import ROUTE_HANDLERS, _markers_of, path_params

XFA316 = rule(
    "XFA316",
    "identity-from-query",
    default=False,
    seeds=("002",),
    message="route parameter {name} takes the caller's identity from the query string",
    fix_hint="derive it from the verified token in a dependency (e.g. current_user: CurrentUser)",
    what="""
        Reports a route handler parameter named `user_id`, `owner_id`, `account_id`,
        `patient_id` or `customer_id` that is a query parameter: not in the path, not a
        `Depends`/`Security` dependency, not `Path`/`Body`/`Header`/`Cookie`/`Form`.
    """,
    why="""
        Seed 002: "client provides patient_id param → any user reads any data" and
        "patient_id always from verified JWT — never from query param".
    """,
    bad="""
        from fastapi import APIRouter

        from app.schemas import OrderPage

        router = APIRouter()


        @router.get("/orders")
        async def list_orders(user_id: int) -> OrderPage:
            return await load_orders(user_id)
    """,
    good="""
        from fastapi import APIRouter

        from app.deps import CurrentUser
        from app.schemas import OrderPage

        router = APIRouter()


        @router.get("/orders")
        async def list_orders(current_user: CurrentUser) -> OrderPage:
            return await load_orders(current_user.id)
    """,
    not_flagged=(
        "Path parameters (`/users/{user_id}/orders`).", "Dependencies and body fields.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/orders.py",
)


IDENTITY_PARAMS = frozenset({"user_id", "owner_id", "account_id", "patient_id", "customer_id"})


@ROUTE_HANDLERS.on("http handler", rules=(XFA316,))
def _check_identity(node, routes: list[RouteInfo], params, ctx: Context) -> None:
    if not ctx.wants(XFA316):
        return
    in_path: set[str] = set()
    for r in routes:
        if r.path is None:
            return  # the path is not a literal: cannot tell path from query parameters
        in_path |= path_params(r.path)
    for arg, default in params:
        if arg.arg not in IDENTITY_PARAMS or arg.arg in in_path:
            continue
        markers = _markers_of(ctx, arg.annotation, default)
        if any(m != "Query" for m in markers):
            continue
        if arg.annotation is not None:
            base, metadata = ctx.unwrap_annotation(arg.annotation)
            if metadata and not markers:
                continue  # an alias or metadata this file cannot read
            if base is None or not _scalar(ctx, base):
                continue
        ctx.report(arg, XFA316, name=arg.arg)


_SCALARS = frozenset({"int", "str", "uuid.UUID", "UUID", "pydantic.UUID4", "UUID4"})


def _scalar(ctx: Context, base: ast.expr) -> bool:
    return (ctx.resolve(base) or "") in _SCALARS
