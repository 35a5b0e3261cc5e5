"""XFA501: ``session.query(Model)`` (SQLAlchemy 1.x)."""

from __future__ import annotations

import ast

from ...context import Context
from ...registry import rule
from ._shared import DATABASE_METHODS, SESSION_BINDINGS, _receiver_text, is_db_session


# -- declarations ------------------------------------------------------------------

XFA501 = rule(
    "XFA501",
    "legacy-session-query",
    default=True,
    seeds=("004",),
    message="{receiver}.query() is the legacy SQLAlchemy 1.x Query API",
    fix_hint="use select(): {advice}",
    what="""
        Reports `<session>.query(...)` where the receiver is a SQLAlchemy or SQLModel
        session: a parameter annotated `AsyncSession`/`Session` (directly or through an
        `Annotated` alias such as `SessionDep`), a session this function opened, a name
        `db`/`session`/`db_session` not annotated or bound as something else, or
        `self.db`/`self.session`.

        Scope: every file is checked, tests and scripts (CI scripts included) too: a legacy
        `query()` in a test is the same API to migrate.

        The advice follows what the session is. `await session.execute(...)` only for a
        session known to be an `AsyncSession` (annotated so, entered with `async with`, made
        by `async_sessionmaker`). A sync `Session` (annotated so, entered with a plain `with`,
        made by `sessionmaker(...)` without `class_=AsyncSession`) gets `session.execute(...)`
        without `await` — its `Result` is not awaitable — and, inside an `async def`, the
        note that it blocks the event loop (move to an `AsyncSession`, or run the sync work
        in a thread). When nothing shows which it is, an `async def` gets "await it when the
        session is an AsyncSession".
    """,
    why="""
        `Session.query()` is the 1.x "legacy" API: it does not exist on `AsyncSession`
        and its behaviour differs from 2.0-style statements. Seed 004: "Always use
        SQLAlchemy 2.0-style queries with select(), insert(), update(), delete() — never
        the legacy session.query() pattern."
    """,
    bad="""
        from sqlalchemy.orm import Session

        from app.models import User


        def list_active_users(db: Session) -> list[User]:
            return db.query(User).filter(User.is_active).all()
    """,
    good="""
        from sqlalchemy import select
        from sqlalchemy.orm import Session

        from app.models import User


        def list_active_users(db: Session) -> list[User]:
            return list(db.scalars(select(User).where(User.is_active)))
    """,
    not_flagged=(
        "`.query(...)` on objects that are not sessions: a parameter annotated as something else "
        "(`db: Database`, `client: InfluxDBClient`), a name bound to another library's object.",
        "`.query(\"SELECT ...\")` with a string: raw-SQL clients of other libraries, not the ORM.",
        "Test doubles: `session = MagicMock()`, or a session taken from a factory bound to a "
        "`unittest.mock` object (`maker = MagicMock(); with maker() as session:`).",
    ),
)


# -- detection ---------------------------------------------------------------------


SESSION_BINDINGS.used_by(XFA501)


@DATABASE_METHODS.on("query", rules=(XFA501,))
def legacy_query(node: ast.Call, method: str, receiver: ast.expr, ctx: Context) -> None:
    if node.args and not isinstance(node.args[0], (ast.Constant, ast.JoinedStr, ast.BinOp)) and is_db_session(ctx, receiver):
        if not any(isinstance(a, ast.Starred) for a in node.args[:1]):
            ctx.report(node, XFA501, receiver=_receiver_text(receiver), advice=_select_advice(receiver, ctx))


def _select_advice(receiver: ast.expr, ctx: Context) -> str:
    """The ``select()`` call to write instead, by what the session is: awaited only on a
    session known to be an ``AsyncSession``; a sync ``Session`` in an ``async def`` gets
    no ``await`` (its ``Result`` is not awaitable) but the advice to move off it."""
    text = _receiver_text(receiver)
    call = f"{text}.execute(select(Model).where(...))"
    flavour = ctx.session_flavour(receiver)
    if flavour == "async":
        return f"await {call}"
    if not ctx.in_async_scope:
        return call
    if flavour == "sync":
        return (
            f"{call} (a sync Session, not awaitable; it blocks the event loop in this async "
            "function: switch to an AsyncSession and await it, or run the sync work in a thread)"
        )
    return f"{call} (await it when the session is an AsyncSession)"
