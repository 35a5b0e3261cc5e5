"""XFA501: ``session.query(Model)`` (SQLAlchemy 1.x); and the visitors that record the session
bindings of a function and hand every database call to the rule that checks it."""

from __future__ import annotations

import ast

from ...context import Context
from ...registry import rule, visitor
from ._shared import (
    _ENGINES,
    _INTERESTING_CALLS,
    _MAKERS,
    _SA_MODULES,
    _SESSION_CLASSES,
    _TRY_STAR,
    _fn_data,
    _is_begin,
    _receiver_text,
    _sa_call,
    is_db_session,
    is_session_factory_call,
)
from .sync_engines import (
    XFA502,
    XFA503,
    XFA504,
    XFA505,
    SyncConstructions,
    _engine_call,
    _maker_call,
    _session_class_call,
)
from .create_all_in_app import XFA506, _create_all
from .commits import XFA507, XFA510, SessionCleanup, _cleanup_helper, _commit
from .count_in_python import XFA508, _len_call
from .upsert_without_set import XFA509, _upsert
from .engine_per_request import XFA511, PerRequestConstructions, _record_construction
from .raw_sql_interpolation import XFA512, _check_sql_interpolation
from .redis_without_ttl import XFA513, _redis_call, _redis_delete
from .lazy_relationships import XFA514, _relationship
from .unbounded_selects import XFA515


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


# -- bindings ----------------------------------------------------------------------


@visitor(ast.Assign, ast.AnnAssign, codes=(XFA501, XFA506, XFA507, XFA508, XFA510, XFA513, XFA515))
def record_assignment(node: ast.Assign | ast.AnnAssign, ctx: Context) -> None:
    frame = ctx.frame
    if frame.kind != "function":
        return
    value = node.value
    if value is None:
        return
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    for target in targets:
        if isinstance(target, ast.Name):
            frame.data.setdefault("xfa5.bind", {})[target.id] = ("assign", value)
            frame.data.setdefault("xfa5.assigns", {}).setdefault(target.id, []).append(value)
            if isinstance(value, ast.Call) and is_session_factory_call(ctx, value):
                frame.state(SessionCleanup).owned[target.id] = ("assign", node)


@visitor(ast.With, ast.AsyncWith, codes=(XFA501, XFA506, XFA507, XFA510, XFA513))
def record_with(node: ast.With | ast.AsyncWith, ctx: Context) -> None:
    frame = ctx.frame
    if frame.kind != "function":
        return
    for item in node.items:
        call = item.context_expr
        target = item.optional_vars
        if isinstance(call, ast.Call) and _is_begin(call):
            owner = call.func.value  # type: ignore[attr-defined]
            if isinstance(owner, ast.Name):
                frame.state(SessionCleanup).begun.add(owner.id)
            if isinstance(target, ast.Name):
                # ``async with SessionLocal.begin() as db`` commits/rolls back itself
                frame.state(SessionCleanup).begun.add(target.id)
        if isinstance(target, ast.Name):
            frame.data.setdefault("xfa5.bind", {})[target.id] = ("with", call)
            if isinstance(call, ast.Call) and is_session_factory_call(ctx, call):
                frame.state(SessionCleanup).owned[target.id] = ("with", node)


# -- calls ---------------------------------------------------------------------------


_METHOD_CALLS = frozenset(
    {
        "query", "commit", "rollback", "close", "create_all", "run_sync", "on_conflict_do_update",
        "execute", "exec_driver_sql", "set", "hset", "mset", "hmset", "expire", "pexpire",
        "delete", "unlink", "getdel", "hdel",
        "expireat", "pexpireat", "all",
    }
)


@visitor(
    ast.Call,
    codes=(XFA501, XFA502, XFA503, XFA504, XFA505, XFA506, XFA507, XFA508, XFA509, XFA510,
           XFA511, XFA512, XFA513, XFA514, XFA515),
)
def database_calls(node: ast.Call, ctx: Context) -> None:
    func = node.func
    if node.args and ctx.wants(XFA510):
        _cleanup_helper(node, ctx)
    if isinstance(func, ast.Attribute):
        attr = func.attr
        if attr in _METHOD_CALLS:
            _method_call(node, attr, func.value, ctx)
        if attr not in _INTERESTING_CALLS:
            return
        name = attr
    elif isinstance(func, ast.Name):
        name = func.id
        if name not in _INTERESTING_CALLS:
            return
    else:
        return
    if name == "len":
        if ctx.is_builtin(func):
            _len_call(node, ctx)
        return
    if name in ("Depends", "Security"):
        if node.args and isinstance(node.args[0], ast.Name):
            ctx.state(PerRequestConstructions).depends.add(node.args[0].id)
        return
    if name == "text":
        if node.args and ctx.imported_from(func, *_SA_MODULES):
            _check_sql_interpolation(node.args[0], ctx)
        return
    if name in ("relationship", "Relationship"):
        if ctx.wants(XFA514):
            _relationship(node, name, ctx)
        return
    tail = _sa_call(ctx, node, _ENGINES | _MAKERS | _SESSION_CLASSES)
    if tail is None:
        return
    if tail in ("create_async_engine", "async_sessionmaker"):
        ctx.state(SyncConstructions).async_pair = True
    if tail in _ENGINES:
        _engine_call(node, tail, ctx)
    if tail in _MAKERS:
        _maker_call(node, tail, ctx)
    if tail in _SESSION_CLASSES:
        _session_class_call(node, tail, ctx)
    if tail in _ENGINES or tail in _MAKERS:
        _record_construction(node, tail, ctx)


def _method_call(node: ast.Call, attr: str, receiver: ast.expr, ctx: Context) -> None:
    if attr == "query":
        if node.args and not isinstance(node.args[0], (ast.Constant, ast.JoinedStr, ast.BinOp)) and is_db_session(ctx, receiver):
            if not any(isinstance(a, ast.Starred) for a in node.args[:1]):
                ctx.report(node, XFA501, receiver=_receiver_text(receiver), advice=_select_advice(receiver, ctx))
    elif attr == "commit":
        _commit(node, receiver, ctx)
    elif attr in ("rollback", "close"):
        fn = ctx.function
        if fn is not None and isinstance(receiver, ast.Name):
            if attr == "rollback" or ctx.in_body_of((ast.Try, _TRY_STAR, ast.ExceptHandler), ("finalbody", "body")):
                fn.state(SessionCleanup).cleaned.add(receiver.id)
    elif attr == "create_all":
        _create_all(node.func, node, ctx, node)
    elif attr == "run_sync":
        for arg in node.args[:1]:
            if isinstance(arg, ast.Attribute) and arg.attr == "create_all":
                _create_all(arg, arg, ctx, node)
    elif attr == "on_conflict_do_update":
        _upsert(node, ctx)
    elif attr in ("execute", "exec_driver_sql"):
        if node.args:
            _check_sql_interpolation(node.args[0], ctx, need_sql_keyword=True)
    elif attr in ("set", "hset", "mset", "hmset", "expire", "pexpire", "expireat", "pexpireat"):
        _redis_call(node, attr, receiver, ctx)
    elif attr in ("delete", "unlink", "getdel", "hdel"):
        _redis_delete(node, attr, receiver, ctx)
    elif attr == "all":
        if ctx.wants(XFA515):
            data = _fn_data(ctx)
            if data is not None:
                data.setdefault("xfa5.all", []).append(node)


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
