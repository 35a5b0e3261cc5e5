"""XFA307 and XFA308: a creating POST route without ``status_code=201``, a DELETE route without an
explicit status code."""

from __future__ import annotations

import ast

from ...context import Context, RouteInfo
from ...registry import rule
from ._shared import ROUTE_HANDLERS, _PARAM

XFA307 = rule(
    "XFA307",
    "post-without-201",
    default=False,
    seeds=("002",),
    message="POST route {name}() creates a resource but answers 200",
    fix_hint="add status_code=status.HTTP_201_CREATED to the decorator",
    what="""
        Reports a POST route that creates a resource — its handler name starts with
        `create`, `add` or `register`, or its path is a collection (`""`, `"/"`, or a last
        segment that is a plural literal such as `/items`) — whose decorator has no
        `status_code=`.
    """,
    why="""Seed 002: "201 POST created · 204 DELETE no content"."""
    ,
    bad="""
        from fastapi import APIRouter

        from app.schemas import ItemCreate, ItemRead

        router = APIRouter()


        @router.post("/items")
        async def create_item(payload: ItemCreate) -> ItemRead:
            return await save_item(payload)
    """,
    good="""
        from fastapi import APIRouter, status

        from app.schemas import ItemCreate, ItemRead

        router = APIRouter()


        @router.post("/items", status_code=status.HTTP_201_CREATED)
        async def create_item(payload: ItemCreate) -> ItemRead:
            return await save_item(payload)
    """,
    not_flagged=(
        "Any explicit `status_code=` (202 for accepted jobs, 200 chosen on purpose).",
        "Action endpoints (`/login`, `/token`, `/search`, `/items/{id}/archive`) whose handler "
        "name does not say it creates something.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/items.py",
)
XFA308 = rule(
    "XFA308",
    "delete-status",
    default=False,
    seeds=("001", "002"),
    message="DELETE route {name}() has no explicit status_code",
    fix_hint="add status_code=status.HTTP_204_NO_CONTENT (or 200 when it returns the deleted resource)",
    what="Reports a DELETE route whose decorator has no `status_code=`.",
    why="""
        Seed 001: "DELETE → 204 or 200"; seed 002: "204 DELETE no content". Writing the
        status down makes the choice visible in the code and in the OpenAPI schema.
    """,
    bad="""
        from fastapi import APIRouter

        router = APIRouter()


        @router.delete("/items/{item_id}")
        async def delete_item(item_id: int) -> None:
            await remove_item(item_id)
    """,
    good="""
        from fastapi import APIRouter, status

        router = APIRouter()


        @router.delete("/items/{item_id}", status_code=status.HTTP_204_NO_CONTENT)
        async def delete_item(item_id: int) -> None:
            await remove_item(item_id)
    """,
    not_flagged=(
        "Any explicit `status_code=` on the decorator.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/items.py",
)


_ACTION_WORDS = frozenset(
    {
        "login", "logout", "token", "refresh", "search", "verify", "reset", "query", "status",
        "process", "callback", "webhook", "webhooks", "upload", "uploads", "access", "signin",
        "signup", "authorize", "jwt", "cookie", "forgot-password", "reset-password",
        "request-verify-token", "preview", "validate", "run", "test", "bulk", "batch", "stats",
        "events", "sessions", "settings", "news", "ids", "details",
    }
)


_NON_CREATING_VERBS = frozenset(
    {
        "update", "patch", "set", "edit", "change", "replace", "upsert", "sum", "compute",
        "calculate", "upload", "get", "list", "read", "fetch", "search", "find", "query",
        "delete", "remove", "send", "run", "execute", "process", "handle", "trigger", "check",
        "validate", "verify", "login", "logout", "refresh", "reset", "sync", "import", "export",
        "start", "stop", "cancel", "approve", "reject", "subscribe", "unsubscribe", "mark",
        "toggle", "preview", "test", "ping", "echo", "predict", "evaluate", "render", "convert",
        "parse", "receive", "notify", "webhook", "callback", "authenticate", "authorize",
    }
)


def _creates_resource(name: str, path: str | None) -> bool:
    lowered = name.lower()
    if lowered.startswith(("create", "add", "register")):
        return True
    if path is None or lowered.split("_", 1)[0] in _NON_CREATING_VERBS:
        return False
    segments = [s for s in path.split("/") if s]
    if not segments:
        return True  # "" or "/": the router's prefix is the collection
    last = segments[-1]
    if _PARAM.search(last) or last.lower() in _ACTION_WORDS:
        return False
    return last.endswith("s") and not last.endswith("ss") and last.replace("-", "").replace("_", "").isalpha()


@ROUTE_HANDLERS.on("route without **kwargs", rules=(XFA307, XFA308))
def _route(node: ast.FunctionDef | ast.AsyncFunctionDef, r: RouteInfo, ctx: Context) -> None:
    if r.keyword("status_code") is not None:
        return
    if r.methods == ("POST",) and ctx.wants(XFA307):
        _check_post_status(node, r, ctx)
    if r.methods == ("DELETE",) and ctx.wants(XFA308):
        _check_delete_status(node, r, ctx)


def _check_post_status(node: ast.FunctionDef | ast.AsyncFunctionDef, r: RouteInfo, ctx: Context) -> None:
    """A POST route without ``status_code=``: does its handler create a resource?"""
    if _creates_resource(node.name, r.path):
        ctx.report(r.decorator, XFA307, name=node.name)


def _check_delete_status(node: ast.FunctionDef | ast.AsyncFunctionDef, r: RouteInfo, ctx: Context) -> None:
    """A DELETE route without ``status_code=``."""
    ctx.report(r.decorator, XFA308, name=node.name)
