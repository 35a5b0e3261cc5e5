"""XFA508: ``len()`` of the rows a query fetched, instead of counting in SQL."""

from __future__ import annotations

import ast
import re

from ... import lazy_re
from ...context import Context, last_name, string_value
from ...registry import rule
from ._shared import (
    _SA_MODULES,
    _binding,
    _collect_values,
    _function_values,
    _literal_head,
    _select_root,
    is_db_session,
    DATABASE_CALLEES,
    SESSION_BINDINGS,
)


XFA508 = rule(
    "XFA508",
    "count-in-python",
    default=True,
    seeds=("004",),
    message="len() of a fetched query result loads every row to count it",
    fix_hint="count in the database: select(func.count()).select_from(...)",
    what="""
        Reports `len(<...>.all())` when the `.all()` ends a query chain (`execute`,
        `scalars`, `exec`, `query` on a session, or a result variable bound from one),
        `len(<...>.scalars().all())`, and `len(f(...))`/`len(await f(...))` where `f` is a
        function of this file whose every `return` gives the rows of a query it ran
        (`return result.scalars().all()`, `return list(await session.scalars(stmt))`).
        Application code, scripts included; tests are not checked.

        Scope: test files (the tests layer) are not checked; scripts are, CI scripts
        included (`scripts/`, `.github/scripts/`, `ci/`).
    """,
    why="""
        Fetching all rows to count them transfers and materialises the whole result set.
        Seed 004: "Use database-side count functions instead of fetching rows and counting
        in Python."
    """,
    bad="""
        from sqlalchemy import select
        from sqlalchemy.ext.asyncio import AsyncSession

        from app.models import User


        async def count_users(session: AsyncSession) -> int:
            result = await session.execute(select(User))
            return len(result.scalars().all())
    """,
    good="""
        from sqlalchemy import func, select
        from sqlalchemy.ext.asyncio import AsyncSession

        from app.models import User


        async def count_users(session: AsyncSession) -> int:
            return await session.scalar(select(func.count()).select_from(User))
    """,
    not_flagged=(
        "`len(...)` of lists that are not query results (`len(items)`, `len(qs.all())` "
        "on something this file does not show to be a query).",
        "`len()` of the rows of `DELETE`/`UPDATE`/`INSERT ... RETURNING` (`delete(M).returning(...)`, "
        "`table.insert()`, `text(\"DELETE ... RETURNING id\")`): they are the rows the statement "
        "changed, counted by `result.rowcount`, not rows to count with `func.count()`.",
        "`len()` of a project function's result unless this file shows that function returns "
        "a query's rows: an imported `get_users(session)`, a function that filters an in-memory "
        "list, one that returns a query's rows on one path and a filtered list on another.",
        "Tests and `conftest.py`: an assertion on the rows a test fetched from its fixtures.",
    ),
)


# -- XFA508 ----------------------------------------------------------------------------


def _chain_has_query(expr: ast.expr, ctx: Context, follow: bool = True) -> bool:
    """``expr`` (the receiver of ``.all()``) is a query result: its call chain holds
    ``.scalars()``/``.exec()``, ``.execute()``/``.query()`` on a session or
    ``.execute(select(...))``; or it is a variable this function bound to one."""
    node = expr
    for _ in range(16):
        if isinstance(node, ast.Await):
            node = node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            attr = node.func.attr
            if attr in ("scalars", "exec", "stream_scalars"):
                return True
            if attr in ("execute", "query") and _executes_statement(node, ctx):
                return True
            node = node.func.value
        elif isinstance(node, ast.Attribute):
            node = node.value
        elif isinstance(node, ast.Name) and follow:
            bound = _binding(ctx, node.id)
            if bound is not None and bound[0] == "assign" and isinstance(bound[1], (ast.Await, ast.Call)):
                return _chain_has_query(bound[1], ctx, follow=False)
            return False
        else:
            return False
    return False


def _executes_statement(call: ast.Call, ctx: Context) -> bool:
    """``x.execute(stmt)``/``x.query(M)`` on a session, or ``x.execute(select(...))``."""
    func = call.func
    if isinstance(func, ast.Attribute) and is_db_session(ctx, func.value):
        return True
    return func.attr == "execute" and bool(call.args) and _select_root(call.args[0], ctx) is not None  # type: ignore[union-attr]


SESSION_BINDINGS.used_by(XFA508)


@DATABASE_CALLEES.on("len", rules=(XFA508,))
def _len_call(node: ast.Call, name: str, ctx: Context) -> None:
    if not ctx.is_builtin(node.func):
        return
    if len(node.args) != 1 or node.keywords or ctx.is_test:
        return  # tests assert on the fetched rows of a handful of fixtures
    arg = node.args[0]
    if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "all" and not arg.args:
        if _chain_has_query(arg.func.value, ctx):
            values = _function_values(ctx.function) if ctx.function is not None else {}
            stmt = _statement_executed(arg.func.value, values)
            if stmt is None or not _is_dml(stmt, values, ctx):
                ctx.report(node, XFA508)
        return
    call = arg.value if isinstance(arg, ast.Await) else arg
    if isinstance(call, ast.Call) and isinstance(call.func, ast.Name):
        fn = ctx.functions.get(call.func.id)
        if fn is not None and _returns_query_rows(fn, ctx) and not _shadowed(call.func.id, ctx):
            ctx.report(node, XFA508)


def _shadowed(name: str, ctx: Context) -> bool:
    """``name`` is a parameter or a local of an enclosing function, not the module's."""
    for frame in reversed(ctx.frames):
        if frame.kind == "class":
            return False
        if name in frame.params:
            return True
        if frame.kind == "function" and name in _function_values(frame):
            return True
    return False


_ROW_FETCHES = frozenset({"all", "fetchall"})


_DML = frozenset({"delete", "update", "insert"})


_DML_START = lazy_re.compile(r"\s*(?:DELETE|UPDATE|INSERT)\b", re.I)


def _returns_query_rows(fn: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> bool:
    """Every ``return`` of this file's function ``fn`` gives the rows of a query it ran
    (``return result.scalars().all()``, ``return list(await session.scalars(stmt))``):
    counting them is counting a query's rows.  A function that filters or builds a list
    itself is not one."""
    def compute() -> bool:
        values = _collect_values(fn)
        returns = []
        stack: list[ast.AST] = list(fn.body)
        while stack:
            node = stack.pop()
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                continue
            if isinstance(node, (ast.Yield, ast.YieldFrom)):
                return False
            if isinstance(node, ast.Return):
                returns.append(node.value)
            stack.extend(ast.iter_child_nodes(node))
        return bool(returns) and all(r is not None and _query_rows(r, values, ctx, 0) for r in returns)

    return ctx.memo(f"xfa5.rows.{fn.name}.{fn.lineno}", compute)


def _query_rows(expr: ast.expr, values: dict[str, list[ast.expr] | None], ctx: Context, depth: int) -> bool:
    if depth > 3:
        return False
    if isinstance(expr, ast.Await):
        expr = expr.value
    if isinstance(expr, ast.Name):
        bound = values.get(expr.id)
        return bool(bound) and all(_query_rows(v, values, ctx, depth + 1) for v in bound)  # type: ignore[union-attr]
    if not isinstance(expr, ast.Call):
        return False
    func = expr.func
    if isinstance(func, ast.Attribute) and func.attr in _ROW_FETCHES and not expr.args:
        source = func.value
    elif isinstance(func, ast.Name) and func.id == "list" and len(expr.args) == 1 and ctx.is_builtin(func):
        source = expr.args[0]
    else:
        return False
    stmt = _statement_executed(source, values)
    return stmt is not None and not _is_dml(stmt, values, ctx)


_EXECUTING = frozenset({"execute", "scalars", "exec", "stream_scalars"})


def _statement_executed(expr: ast.expr, values: dict[str, list[ast.expr] | None], depth: int = 0) -> ast.expr | None:
    """The statement given to the ``execute``/``scalars``/``exec`` call (or the model given
    to ``query``) that produced ``expr``, inline or through a local result variable."""
    node = expr
    for _ in range(16):
        if isinstance(node, ast.Await):
            node = node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if (node.func.attr in _EXECUTING or node.func.attr == "query") and node.args:
                # ``session.scalars(stmt)``; ``result.scalars()`` is a method of the result
                return None if isinstance(node.args[0], ast.Starred) else node.args[0]
            node = node.func.value
        elif isinstance(node, ast.Attribute):
            node = node.value
        elif isinstance(node, ast.Name) and depth < 3:
            bound = values.get(node.id)
            if not bound or len(bound) != 1:
                return None
            return _statement_executed(bound[0], values, depth + 1)
        else:
            return None
    return None


def _is_dml(stmt: ast.expr, values: dict[str, list[ast.expr] | None], ctx: Context, depth: int = 0) -> bool:
    """``delete(...)``/``update(...)``/``insert(...)`` (also ``... .returning(...)``, a
    ``table.delete()``, or SQL text starting with DELETE/UPDATE/INSERT): the rows of its
    result are the rows it changed, whose count is ``rowcount``."""
    if depth > 3:
        return False
    if isinstance(stmt, ast.Name):
        bound = values.get(stmt.id)
        return bool(bound) and any(_is_dml(v, values, ctx, depth + 1) for v in bound)  # type: ignore[union-attr]
    text = string_value(stmt)
    node = stmt
    for _ in range(30):
        if not isinstance(node, ast.Call):
            break
        func = node.func
        tail = last_name(func)
        if tail == "returning" or (isinstance(func, ast.Attribute) and tail in _DML):
            return True  # ``sa.delete(M)``, ``users.delete()``, ``insert(M).returning(...)``
        if tail in _DML and ctx.imported_from(func, *_SA_MODULES):
            return True
        if tail == "text" and node.args:
            text = string_value(node.args[0])
            if text is None and isinstance(node.args[0], ast.JoinedStr):
                text = _literal_head(node.args[0])
            break
        if not isinstance(func, ast.Attribute):
            break
        node = func.value
    return text is not None and (bool(_DML_START.match(text)) or "RETURNING" in text.upper())
