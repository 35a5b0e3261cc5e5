"""XFA309: a FastAPI marker (``Depends``, ``Query``...) used as a parameter's default instead of inside
``Annotated``."""

from __future__ import annotations

import ast
import copy

from ...context import Context
from ...registry import rule, visitor
from ...targets import ANNOTATED_MARKERS, Targets, fastapi_blocker
from ._shared import _all_args, DEFAULT_MARKERS, fastapi_marker, _short_call

XFA309 = rule(
    "XFA309",
    "raw-depends-default",
    default=True,
    seeds=("001", "003", "004"),
    message="parameter {name} uses a default {marker}",
    fix_hint="declare it as {name}: Annotated[{type}, {annotated}]{default}",
    what="""
        Reports a parameter whose default is a FastAPI marker — `Depends`, `Security`,
        `Query`, `Path`, `Body`, `Header`, `Cookie`, `Form`, `File` imported from
        `fastapi` — in any function: a function with such a default is a route handler or a
        dependency by construction. The message gives the `Annotated[...]` form, with a
        `Query`/`Body`/... default moved out of the marker.
    """,
    why="""
        Seed 001: "These wrap `Annotated[T, Depends(...)]`—use them instead of raw
        `Depends()` calls"; seed 003: "`Annotated` type aliases for DI"; seed 004: "Use
        Annotated type aliases to reduce repetitive Depends() boilerplate". `Annotated`
        keeps the real default usable when the function is called directly and lets an
        alias (`DbSession`) be reused.
    """,
    bad="""
        from typing import Annotated

        from fastapi import APIRouter, Depends
        from sqlalchemy.ext.asyncio import AsyncSession

        from app.db import get_db
        from app.schemas import ItemRead

        router = APIRouter()


        @router.get("/items/{item_id}")
        async def read_item(item_id: int, db: AsyncSession = Depends(get_db)) -> ItemRead:
            return await load_item(db, item_id)
    """,
    good="""
        from typing import Annotated

        from fastapi import APIRouter, Depends
        from sqlalchemy.ext.asyncio import AsyncSession

        from app.db import get_db
        from app.schemas import ItemRead

        router = APIRouter()
        DbSession = Annotated[AsyncSession, Depends(get_db)]


        @router.get("/items/{item_id}")
        async def read_item(item_id: int, db: DbSession) -> ItemRead:
            return await load_item(db, item_id)
    """,
    not_flagged=(
        "Parameters already declared with `Annotated[...]` or a project alias of it.",
        "Markers of other libraries (`typer.Option`, ...) and project functions named like FastAPI's.",
        "Plain defaults (`limit: int = 10`).",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/items.py",
    fix="safe",
)


@visitor(ast.FunctionDef, ast.AsyncFunctionDef, codes=(XFA309,))
def raw_marker_defaults(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    if ctx.is_test:
        return
    a = node.args
    if not a.defaults and not any(d is not None for d in a.kw_defaults):
        return
    for arg, default in _all_args(node):
        if not isinstance(default, ast.Call):
            continue
        marker = fastapi_marker(ctx, default)
        if marker is None:
            continue
        if arg.annotation is not None:
            _, metadata = ctx.unwrap_annotation(arg.annotation)
            if metadata:
                continue  # already Annotated (a second marker is FastAPI's own error)
        annotated, moved = _annotated_form(default, marker)
        ctx.report(
            arg,
            XFA309,
            fixable=marker_fix_blocker(arg, default, marker, ctx.targets) is None,
            name=arg.arg,
            marker=_short_call(default),
            type=ast.unparse(arg.annotation) if arg.annotation is not None else "<type>",
            annotated=annotated,
            default=f" = {moved}" if moved is not None else "",
        )


_MUTABLE_DEFAULTS = (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)


def marker_fix_blocker(arg: ast.arg, call: ast.Call, marker: str, targets: Targets | None = None) -> str | None:
    """Why ``fastapi-conventions fix`` leaves this XFA309 finding to the user (the rule's
    message and the fixer ask the same question), or None."""
    if targets is not None:
        reason = fastapi_blocker(targets, ANNOTATED_MARKERS, "a marker inside Annotated")
        if reason is not None:
            return reason  # e.g. fastapi = "^0.79": Annotated[T, Depends(f)] is not a dependency there
    if arg.annotation is None:
        return "the parameter has no type annotation to wrap in Annotated"
    if marker in DEFAULT_MARKERS:
        default = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "default"), None)
        if isinstance(default, _MUTABLE_DEFAULTS):
            # FastAPI copies it per request, but flake8-bugbear's B006 would flag the result
            return "the default would become a mutable default argument (flake8-bugbear B006)"
    return None


def _annotated_form(call: ast.Call, marker: str) -> tuple[str, str | None]:
    """The marker without its default, and the default (``None`` when required)."""
    if marker not in DEFAULT_MARKERS:
        return ast.unparse(call), None
    new = copy.copy(call)
    default: ast.expr | None = None
    if call.args and not isinstance(call.args[0], ast.Starred):
        default = call.args[0]
        new.args = list(call.args[1:])
    kws = []
    for kw in call.keywords:
        if kw.arg == "default":
            default = kw.value
        else:
            kws.append(kw)
    new.keywords = kws
    moved = None
    if default is not None and not (isinstance(default, ast.Constant) and default.value is Ellipsis):
        moved = ast.unparse(default)
    return ast.unparse(new), moved
