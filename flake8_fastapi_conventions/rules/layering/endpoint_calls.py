"""XFA210: a route handler that calls another route handler."""

from __future__ import annotations

import ast
import os

from ...context import Context, short_source
from ._shared import LAYER_CALLS
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
        "An alias route whose whole body forwards its own parameters to a handler of the "
        "same module, passing every parameter of it (`return await recompile_agent("
        "agent_id=agent_id, server=server, headers=headers)` under a `deprecated=True` "
        "route): FastAPI resolved every dependency of the alias, nothing is left unresolved "
        "or duplicated.",
    ),
    example_path="app/api/routes/users.py",
)


@LAYER_CALLS.on("(attribute)", "(imported name)", rules=(XFA210,))
def _route_calls_imported(node: ast.Call, name: str, ctx: Context) -> None:
    if ctx.route is not None and ctx.wants(XFA210):
        _imported_endpoint_call(node, ctx)  # ``users.read_user(...)``, ``read_user(...)``


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
    is scaffolding (as the rule of routes on the app leaves their apps)."""
    return not (ctx.is_test or ctx.is_script)


def _own_path(ctx: Context) -> str:
    return ctx.memo("layering.own_path", lambda: os.path.abspath(ctx.filename))


@LAYER_CALLS.on("(function)", rules=(XFA210,))
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
    if _forwarding_alias(route.node, node, target):
        return
    ctx.report(node, XFA210, caller=route.node.name, callee=name)


def _forwarding_alias(handler: ast.AST, call: ast.Call, target: ast.AST) -> bool:
    """``handler``'s body (after a docstring) is ``return [await] call`` alone, every argument
    of ``call`` is one of ``handler``'s parameters and every parameter of ``target`` is
    passed: a route alias (an old path kept ``deprecated=True``) whose dependencies FastAPI
    resolved for it; none of ``target``'s ``Depends()``/``Query()`` defaults is left as a
    marker object."""
    body = list(getattr(handler, "body", ()))
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
        body = body[1:]
    if len(body) != 1 or not isinstance(body[0], ast.Return):
        return False
    value = body[0].value
    if isinstance(value, ast.Await):
        value = value.value
    if value is not call:
        return False
    own = _param_names(handler)
    values = [*call.args, *(kw.value for kw in call.keywords)]
    if any(kw.arg is None for kw in call.keywords) or any(isinstance(a, ast.Starred) for a in call.args):
        return False
    if not all(isinstance(v, ast.Name) and v.id in own for v in values):
        return False
    args = target.args  # type: ignore[attr-defined]
    if args.vararg is not None or args.kwarg is not None:
        return False
    positional = [a.arg for a in (*args.posonlyargs, *args.args)]
    passed = set(positional[: len(call.args)]) | {kw.arg for kw in call.keywords}
    return set(_param_names(target)) <= passed


def _param_names(fn: ast.AST) -> list[str]:
    args = fn.args  # type: ignore[attr-defined]
    return [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]
