"""XFA210: a route handler that calls another route handler."""

from __future__ import annotations

import ast
import os

from ...context import Context, short_source
from ...registry import moved_off, rule

XFA210 = rule(
    "XFA210",
    "endpoint-calls-endpoint",
    default=False,
    precision=moved_off("8 of 9", reading="seventh", earlier="5 of 5"),
    seeds=("004",),
    message="route handler {caller}() calls route handler {callee}()",
    fix_hint="extract the shared logic into a service function and call it from both",
    what="""
        Reports a call, inside a route handler, of another route handler: one defined in the
        same module, or one of another module of the project (imported by name or through
        its module, `users.read_user(...)`), as the project index knows it.
    """,
    why="""
        Seed 004: "One endpoint calling another endpoint internally. This adds unnecessary
        HTTP overhead (serialization, auth, logging). Extract shared logic into a service
        function instead." A handler's parameters are filled by FastAPI; called directly,
        its `Depends(...)` defaults are not resolved.
    """,
    bad="""
        from fastapi import APIRouter

        from app.schemas import UserRead
        from app.services.user_service import load_user

        router = APIRouter()


        @router.get("/users/{user_id}")
        async def read_user(user_id: int) -> UserRead:
            return await load_user(user_id)


        @router.get("/me")
        async def read_me() -> UserRead:
            return await read_user(1)
    """,
    good="""
        from fastapi import APIRouter

        from app.schemas import UserRead
        from app.services.user_service import load_user

        router = APIRouter()


        @router.get("/users/{user_id}")
        async def read_user(user_id: int) -> UserRead:
            return await load_user(user_id)


        @router.get("/me")
        async def read_me() -> UserRead:
            return await load_user(1)
    """,
    not_flagged=(
        "Calling shared (non-route) functions.",
        "A handler referring to another without calling it, and a name shadowed by a parameter.",
        "Tests and scripts (a mock server's `POST` alias of its `GET` is scaffolding).",
    ),
    example_path="app/api/routes/users.py",
)


def _imported_endpoint_call(node: ast.Call, ctx: Context) -> None:
    """A route handler calling a route handler of another module of the project."""
    func = node.func
    head = func
    while isinstance(head, ast.Attribute):
        head = head.value
    if not isinstance(head, ast.Name):
        return
    binding = ctx.lookup(head.id)
    if binding is None or binding.kind != "import":
        return
    if not _endpoint_calls_checked(ctx):
        return
    sym = ctx.symbol(func)
    if sym is None or sym.kind != "function" or not (sym.info or {}).get("route"):
        return
    if sym.path == _own_path(ctx):
        return  # this module's handlers: see _endpoint_call
    route = ctx.route
    assert route is not None
    ctx.report(node, XFA210, caller=route.node.name, callee=short_source(func))


def _endpoint_calls_checked(ctx: Context) -> bool:
    """XFA210 leaves tests and scripts out: a mock server's ``POST`` alias of its ``GET``
    is scaffolding (as XFA209 leaves their apps)."""
    return not (ctx.is_test or ctx.is_script)


def _own_path(ctx: Context) -> str:
    return ctx.memo("layering.own_path", lambda: os.path.abspath(ctx.filename))


def _endpoint_call(node: ast.Call, name: str, ctx: Context) -> None:
    route = ctx.route
    if route is None or not _endpoint_calls_checked(ctx):
        return
    target = ctx.functions[name]
    if target is route.node or not ctx.routes_of(target):
        return
    for frame in ctx.frames[1:]:
        if name in frame.params:
            return
    ctx.report(node, XFA210, caller=route.node.name, callee=name)
