"""XFA515: ``.all()`` on a select without ``limit()``."""

from __future__ import annotations

import ast

from ...context import Context
from ...registry import rule, visitor
from ._shared import DATABASE_METHODS, SESSION_BINDINGS, FunctionBindings, _select_root


XFA515 = rule(
    "XFA515",
    "unbounded-select",
    default=False,
    seeds=("004",),
    message="select() fetched with .all() and no .limit()",
    fix_hint="bound the result: add .limit(n) (and .offset()/keyset pagination)",
    what="""
        Reports, inside a function, `.all()` on the result of executing a `select(...)`
        statement (`session.execute`, `session.scalars`, SQLModel `session.exec`), inline
        or through local variables, when no `.limit(...)` appears in the statement chain
        or in any assignment to the statement variable.

        Scope: every file is checked, tests and scripts (CI scripts included) too: it is off
        by default and reads statements, not layers.
    """,
    why="""
        An unbounded query returns however many rows the table grows to, in one response.
        Seed 004: "Use .limit() and .offset() or keyset pagination for list queries.
        Never fetch unbounded result sets."
    """,
    bad="""
        from sqlalchemy import select
        from sqlalchemy.ext.asyncio import AsyncSession

        from app.models import User


        async def list_users(session: AsyncSession):
            result = await session.execute(select(User).order_by(User.id))
            return result.scalars().all()
    """,
    good="""
        from sqlalchemy import select
        from sqlalchemy.ext.asyncio import AsyncSession

        from app.models import User


        async def list_users(session: AsyncSession, offset: int = 0):
            stmt = select(User).order_by(User.id).offset(offset).limit(100)
            result = await session.execute(stmt)
            return result.scalars().all()
    """,
    not_flagged=(
        "Statements built elsewhere (parameters, other functions).",
        "Selects of aggregates only (`select(func.count(...))`).",
    ),
)


SESSION_BINDINGS.used_by(XFA515)


class AllCalls:
    """Per function: the ``.all()`` calls made in it, checked when the function ends."""

    __slots__ = ("calls",)

    def __init__(self) -> None:
        self.calls: list[ast.Call] = []


@DATABASE_METHODS.on("all", rules=(XFA515,))
def _all_call(node: ast.Call, method: str, receiver: ast.expr, ctx: Context) -> None:
    if ctx.wants(XFA515):
        fn = ctx.function
        if fn is not None:
            fn.state(AllCalls).calls.append(node)


def _chain_methods(expr: ast.expr) -> set[str]:
    out: set[str] = set()
    node = expr
    for _ in range(30):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            out.add(node.func.attr)
            node = node.func.value
        elif isinstance(node, ast.Await):
            node = node.value
        else:
            break
    return out


def _statement_bounded(stmt: ast.expr, assigns: dict[str, list[ast.expr]], ctx: Context, depth: int = 0) -> bool | None:
    """``True`` when bounded, ``False`` when an unbounded select, ``None`` when unknown."""
    if depth > 4:
        return None
    if isinstance(stmt, ast.Name):
        values = assigns.get(stmt.id)
        if not values:
            return None
        verdicts = [_statement_bounded(v, assigns, ctx, depth + 1) if not isinstance(v, ast.Name) or v.id != stmt.id else None for v in values]
        if any(v is True for v in verdicts):
            return True
        if any(v is False for v in verdicts) and all(v is not None or _extends_name(val, stmt.id) for v, val in zip(verdicts, values)):
            return False
        return None
    methods = _chain_methods(stmt)
    if "limit" in methods or "fetch" in methods or "slice" in methods:
        return True
    root = _select_root(stmt, ctx)
    if root is None:
        # ``stmt = stmt.where(...)``: look at the base
        node = stmt
        while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            node = node.func.value
        if isinstance(node, ast.Name) and depth == 0:
            return _statement_bounded(node, assigns, ctx, depth + 1)
        return None
    if _aggregate_only(root, ctx):
        return True
    return False


def _extends_name(value: ast.expr, name: str) -> bool:
    node = value
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        node = node.func.value
    return isinstance(node, ast.Name) and node.id == name


def _aggregate_only(select_call: ast.Call, ctx: Context) -> bool:
    if not select_call.args:
        return False
    for arg in select_call.args:
        if not (isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and isinstance(arg.func.value, ast.Name) and arg.func.value.id == "func"):
            return False
    return True


def _executed_statement(expr: ast.expr, assigns: dict[str, list[ast.expr]], depth: int = 0) -> ast.expr | None:
    """The statement argument of the ``execute``/``scalars``/``exec`` call that produced
    ``expr`` (inline, or through a result variable of this function)."""
    node = expr
    for _ in range(12):
        if isinstance(node, ast.Await):
            node = node.value
            continue
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in ("execute", "scalars", "exec") and node.args:
                return node.args[0]
            node = node.func.value
            continue
        if isinstance(node, ast.Attribute):
            node = node.value
            continue
        if isinstance(node, ast.Name) and depth < 3:
            values = assigns.get(node.id)
            if values and len(values) == 1:
                return _executed_statement(values[0], assigns, depth + 1)
        return None
    return None


def _check_unbounded(calls: list[ast.Call], assigns: dict[str, list[ast.expr]], ctx: Context) -> None:
    for call in calls:
        if call.args or not isinstance(call.func, ast.Attribute):
            continue
        stmt = _executed_statement(call.func.value, assigns)
        if stmt is None:
            continue
        if _statement_bounded(stmt, assigns, ctx) is False:
            ctx.report(call, XFA515)


@visitor(ast.FunctionDef, ast.AsyncFunctionDef, leave=True, codes=(XFA515,))
def unbounded_selects(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    states = ctx.frame.states
    found = states.get(AllCalls)
    if found is not None:
        bindings = states.get(FunctionBindings)
        _check_unbounded(found.calls, bindings.assigns if bindings is not None else {}, ctx)
