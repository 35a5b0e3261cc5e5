"""XFA810: ``raise`` inside ``except`` without ``from``."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from ...context import Context
from ...fixes import Edit, Finding, Fix, Skip, fixes
from ...line_budget import LineEdit
from ...registry import rule, visitor

if TYPE_CHECKING:  # the fix engine, on ast-grep, is imported only when fixing
    from ...fixer.engine import Source


XFA810 = rule(
    "XFA810",
    "raise-without-from",
    default=True,
    seeds=("001",),
    message="new exception raised inside 'except ... as {name}' without a cause",
    fix_hint="add 'from {name}' (or 'from None' to hide it on purpose)",
    what="""
        Reports `raise NewError(...)` (or `raise NewError`) inside an `except ... as e:`
        block without `from e` / `from None`.
    """,
    why="""
        Seed 001: "catch specific exceptions and chain with `from`". `from e` keeps the
        original error as the explicit cause in the traceback ("The above exception was
        the direct cause of..."); without it the report reads as a second failure during
        error handling.
    """,
    bad="""
        class ExternalServiceError(Exception):
            pass

        def fetch(client, url: str) -> bytes:
            try:
                return client.get(url)
            except TimeoutError as e:
                raise ExternalServiceError("upstream timed out")
    """,
    good="""
        class ExternalServiceError(Exception):
            pass

        def fetch(client, url: str) -> bytes:
            try:
                return client.get(url)
            except TimeoutError as e:
                raise ExternalServiceError("upstream timed out") from e
    """,
    not_flagged=(
        "Bare `raise`, and re-raising the caught name (`raise e`, `raise e.with_traceback(tb)`).",
        "`raise ... from e`, `raise ... from None` or any other cause.",
        "`except` blocks without `as name`, and raises in functions nested in the block.",
        "Raising a lower-case name (`raise error`): it may hold the caught exception.",
        "CLI exit signals (`typer.Exit(1)`, `click.Abort()`, `cappa.Exit(...)`, `SystemExit`): they end "
        "the command with a status and print no traceback.",
    ),
    fix="unsafe",
)


#: exit signals of CLI frameworks (typer/click/cappa ``Exit``/``Abort``, ``SystemExit``):
#: they end the process with a status, and no traceback is printed that a cause would join
_EXIT_SIGNALS = frozenset({"Exit", "SystemExit", "Abort"})


@visitor(ast.Raise, codes=(XFA810,))
def raise_without_from(node: ast.Raise, ctx: Context) -> None:
    exc = node.exc
    if exc is None or node.cause is not None:
        return
    handler = ctx.in_body_of((ast.ExceptHandler,), ("body",))
    if not isinstance(handler, ast.ExceptHandler) or not handler.name:
        return
    caught = handler.name
    if isinstance(exc, ast.Name):
        if exc.id == caught or not exc.id[:1].isupper() or exc.id in _EXIT_SIGNALS:
            return
    elif isinstance(exc, ast.Call):
        target = exc.func
        tail = target.attr if isinstance(target, ast.Attribute) else target.id if isinstance(target, ast.Name) else ""
        if tail in _EXIT_SIGNALS:
            return  # ``raise typer.Exit(1)``: ends the command, no traceback shows a cause
        # ``raise e.with_traceback(tb)``, ``raise e.copy()``: the caught exception itself
        head = target
        while isinstance(head, (ast.Attribute, ast.Call)):
            head = head.value if isinstance(head, ast.Attribute) else head.func
        if isinstance(head, ast.Name) and head.id == caught and isinstance(target, ast.Attribute):
            return
        if isinstance(target, ast.Name) and not (target.id[:1].isupper() or target.id == "type"):
            return  # ``raise make_error(...)``: a factory may set the cause itself
    else:
        return
    ctx.report(node, XFA810, name=caught, edits=[cause_edit(exc, caught)])


def cause_edit(exc: ast.expr, name: str) -> LineEdit:
    """The edit of the fix, which the rule measures for the line length: `` from name``
    after the raised exception."""
    end = (exc.end_lineno, exc.end_col_offset)
    return end, end, f" from {name}"  # type: ignore[return-value]


# -- the fix ---------------------------------------------------------------------------


@fixes(XFA810)
def fix_raise_from(src: Source, finding: Finding) -> Fix:
    raises = src.ast_at(finding, ast.Raise)
    if not raises:
        raise Skip("no raise statement at the reported position")
    stmt = raises[0]
    assert isinstance(stmt, ast.Raise)
    if stmt.exc is None or stmt.cause is not None:
        raise Skip("bare raise or raise ... from already")
    name = None
    child: ast.AST = stmt
    for ancestor in src.ancestors(stmt):
        if isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            break
        if isinstance(ancestor, ast.ExceptHandler) and child in ancestor.body:
            name = ancestor.name
            break
        child = ancestor
    if not name:
        raise Skip("not inside an `except ... as name:` block")
    end = src.end_of(stmt.exc)
    return Fix([Edit(end, end, cause_edit(stmt.exc, name)[2])])
