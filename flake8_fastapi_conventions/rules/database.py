"""XFA5xx: database access (SQLAlchemy async, SQLModel, Redis).

Shared facts the rules read:

* bindings: every ``name = <call>`` / ``with <call> as name`` / ``async with <call> as
  name`` of a function is remembered in the function frame (``frame.data["xfa5.bind"]``),
  so a name that is provably something else (``session = requests.Session()``) is not
  taken for a database session, and a session the function opened itself is known;
* a session is what :func:`is_db_session` says: the context's ``is_session`` (annotated
  ``AsyncSession``/``Session``, ``Annotated`` aliases, ``db``/``session`` names,
  ``self.db``/``self.session``) unless this file binds the name to a non-session call.
"""

from __future__ import annotations

import ast
import os
import re
from typing import Any

from .. import lazy_re
from ..context import (
    FUNCTION_TYPES, SESSION_TYPES, Context, comment_of, dotted_name, has_kwargs_splat, is_main_test, keyword,
    last_name, string_value,
)
from ..registry import moved_off, rule, visitor
from .lifecycle._shared import _in_examples

# -- declarations ------------------------------------------------------------------

XFA501 = rule(
    "XFA501",
    "legacy-session-query",
    default=True,
    seeds=("004",),
    message="{receiver}.query() is the legacy SQLAlchemy 1.x Query API; use select(): {advice}",
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

XFA502 = rule(
    "XFA502",
    "sync-engine-in-async-app",
    default=False,
    precision=moved_off("2 of 7", reading="sixth", earlier="3 of 9", pooled_over="third to fifth readings"),
    seeds=("003", "004"),
    message="sync SQLAlchemy {call}() in a module with async code; use {replacement}",
    what="""
        Reports `create_engine(...)`, `sessionmaker(...)` (without `class_=AsyncSession`)
        and `Session(...)` from `sqlalchemy`/`sqlmodel` in a module that also defines
        `async def` functions — unless the module shows that the sync engine or session
        only runs off the event loop: built and used only inside sync functions that this
        module hands over as callbacks (`callbacks=[fn]`, `Thread(target=fn)`,
        `asyncio.to_thread(fn)`) and never calls from async code, a route handler, a
        dependency or a loop callback (`loop.call_soon(fn)`). Application code only:
        tests, scripts and Alembic are not checked.

        What the rule cannot tell: a sync function of this module that no code of this
        module calls, but that another module runs through `asyncio.to_thread(...)` or a
        thread pool. The project index says what a name of another module is, not who
        calls a function, so such a function's callers are unknown and the engine it uses
        is reported; hand the function over in the module that defines the engine, or
        build the engine where the thread runs. For the same reason these are still
        reported, although a team may dismiss them (fourth reading): a sync engine built in
        a function whose only caller is Alembic's `env.py` in another module, an engine
        built only to read `engine.dialect` (`create_engine` is lazy and connects on first
        use), a sync `sessionmaker` accessor nothing calls, and a sync engine kept for a
        background job of another module (a sync generator handed to a library) — unless
        the module also builds the async engine or session factory, which shows the sync
        side is kept on purpose (see "Not flagged"). Which code calls a function, and from
        where, is not in the project index.

        Scope: tests and scripts are not checked. A CI script counts as a script under a
        `scripts/` directory (`.github/scripts/`); elsewhere (`ci/check.py`) it is checked
        like application code unless the layer globs (`fastapi-scripts-paths`) say
        otherwise.
    """,
    why="""
        A synchronous engine does blocking socket I/O; every query made with it from a
        coroutine freezes the event loop. Seed 004: "Using create_engine() instead of
        create_async_engine() in async applications" is listed as a mistake, and seed
        003: "Use `AsyncSession` for all database operations".
    """,
    bad="""
        from sqlalchemy import create_engine

        engine = create_engine("postgresql+psycopg2://app@db/app")


        async def ping() -> None:
            ...
    """,
    good="""
        from sqlalchemy.ext.asyncio import create_async_engine

        engine = create_async_engine("postgresql+asyncpg://app@db/app")


        async def ping() -> None:
            ...
    """,
    not_flagged=(
        "Pure-sync modules: no `async def` in the file (a FastAPI app whose handlers are all "
        "plain `def` runs them in the thread pool, where a sync engine is right).",
        "Alembic `env.py`/migrations, scripts and tests (by path).",
        "`sessionmaker(..., class_=AsyncSession)`.",
        "A sync engine/session used only inside sync callbacks that run on another thread: "
        "a metrics SDK's gauge callback, a thread's target, a function given to "
        "`asyncio.to_thread`/`run_in_executor` — every use of the engine (and of a "
        "`sessionmaker` bound to it) is in a sync, undecorated function that is not a route "
        "handler or dependency and that this module only passes on, or calls from other such "
        "functions. An engine this module does not use itself (it is imported elsewhere) is "
        "still reported.",
        "Code under `if __name__ == \"__main__\":` (the module's own one-shot runner).",
        "A module that builds the async engine or session factory too (`create_async_engine`, "
        "`async_sessionmaker`): it offers both paths on purpose (a connection manager with "
        "`engine` and `async_engine`, a sync lock engine for work another module runs in a "
        "thread), so its sync engine/session is reported only where this module's own async "
        "code, a route handler or a dependency reaches it (also through a property or a "
        "`@contextmanager` accessor, or a `self._engine` attribute read); a sync function no "
        "code of the module uses is taken as the sync path, and `engine.dispose()` or "
        "`engine is None` is no use.",
        "Examples that are programs of their own: a module under `examples/` (`demos/`, "
        "`samples/`, `tutorials/`) whose `__main__` block starts the event loop "
        "(`asyncio.run(main())`) and that serves no route.",
    ),
)

XFA503 = rule(
    "XFA503",
    "sync-driver-in-async-engine",
    default=True,
    seeds=("004",),
    message="create_async_engine() with the sync driver URL '{scheme}://'; use an async driver: '{fix}://'",
    what="""
        Reports `create_async_engine(url)` when the URL is a string literal, an f-string
        with a literal scheme, or a module-level constant holding one, and its scheme names
        a synchronous DBAPI: `postgresql://`, `postgres://`, `+psycopg2`, `+pg8000`,
        `mysql://`, `+pymysql`, `+mysqldb`, `sqlite://`, `+pysqlite`, `mssql+pyodbc`, ...
        Async drivers (`+asyncpg`, `+psycopg` (v3), `+psycopg_async`, `+aiomysql`,
        `+asyncmy`, `+aiosqlite`, `+aioodbc`, `+oracledb`) pass.

        Scope: every file is checked, tests and scripts (CI scripts included) too: the URL
        fails at the first connection wherever it is.
    """,
    why="""
        `create_async_engine` only works with an asyncio DBAPI; with a sync one it fails
        at the first connection ("The asyncio extension requires an async driver").
        Seed 004: "Use asyncpg as the driver".
    """,
    bad="""
        from sqlalchemy.ext.asyncio import create_async_engine

        engine = create_async_engine("postgresql://app@db/app")
    """,
    good="""
        from sqlalchemy.ext.asyncio import create_async_engine

        engine = create_async_engine("postgresql+asyncpg://app@db/app")
    """,
    not_flagged=(
        "URLs from settings or any other non-literal expression.",
        "Schemes this rule does not know.",
    ),
)

XFA504 = rule(
    "XFA504",
    "expire-on-commit",
    default=True,
    seeds=("003", "004"),
    message="{call}() without expire_on_commit=False; pass expire_on_commit=False so objects stay readable after commit",
    what="""
        Reports `async_sessionmaker(...)`, `sessionmaker(..., class_=AsyncSession)` and
        `AsyncSession(...)` calls that do not pass `expire_on_commit`. Application code
        and scripts are checked; tests are not.

        Scope: test files (the tests layer) are not checked; scripts are, CI scripts
        included (`scripts/`, `.github/scripts/`, `ci/`).
    """,
    why="""
        With the default `expire_on_commit=True` every attribute of every loaded object
        is expired by `commit()`; reading one afterwards needs a lazy load, which an
        `AsyncSession` cannot do implicitly (`MissingGreenlet`) and which raises
        `DetachedInstanceError` once the session is closed. Seed 004: "Set
        expire_on_commit=False on the session maker", and seed 003 names it in the stack.
    """,
    bad="""
        from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

        engine = create_async_engine("postgresql+asyncpg://app@db/app")
        SessionLocal = async_sessionmaker(engine)
    """,
    good="""
        from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

        engine = create_async_engine("postgresql+asyncpg://app@db/app")
        SessionLocal = async_sessionmaker(engine, expire_on_commit=False)
    """,
    not_flagged=(
        "Calls that pass `expire_on_commit` with any value (an explicit choice).",
        "Calls with a `**kwargs` splat (it may carry the option).",
        "Sync `sessionmaker(...)` without `class_=AsyncSession`.",
        "Tests and `conftest.py`: sessions built there are test doubles or probes (a leak "
        "check that opens and closes a session, a mock's spec) that often never commit, and a "
        "test that reads an expired object fails on its own.",
    ),
    fix="unsafe",
)

XFA505 = rule(
    "XFA505",
    "pool-pre-ping",
    default=False,
    seeds=("004",),
    message="{call}() without pool_pre_ping=True; pass pool_pre_ping=True so stale pooled connections are replaced",
    what="""
        Reports `create_async_engine(...)`/`create_engine(...)` without `pool_pre_ping`
        when the URL is a server database: a non-sqlite literal, or a non-literal URL
        (from settings) whose name does not say sqlite.

        Scope: tests and scripts are not checked. A CI script counts as a script under a
        `scripts/` directory (`.github/scripts/`); elsewhere (`ci/check.py`) it is checked
        like application code unless the layer globs (`fastapi-scripts-paths`) say
        otherwise.
    """,
    why="""
        Connections in the pool die when the database restarts or a proxy drops idle
        connections; without a pre-ping the next request fails with "server closed the
        connection unexpectedly". Seed 004: "Enable pool_pre_ping=True on the engine to
        detect and recycle stale connections."
    """,
    bad="""
        from sqlalchemy.ext.asyncio import create_async_engine

        engine = create_async_engine("postgresql+asyncpg://app@db/app")
    """,
    good="""
        from sqlalchemy.ext.asyncio import create_async_engine

        engine = create_async_engine("postgresql+asyncpg://app@db/app", pool_pre_ping=True)
    """,
    not_flagged=(
        "sqlite URLs (literal, or a name/attribute that says `sqlite`).",
        "Engines with `poolclass=NullPool`/`StaticPool` (no pooled connections to ping).",
        "Calls that pass `pool_pre_ping` with any value, or a `**kwargs` splat.",
        "Tests, scripts and Alembic `env.py` (one-shot processes).",
    ),
)

XFA506 = rule(
    "XFA506",
    "create-all-in-app",
    default=False,
    precision=moved_off("1 of 9", reading="sixth", earlier="1 of 2", pooled_over="fourth and fifth readings"),
    seeds=("004",),
    message="{expr}() creates tables from application code; manage the schema with Alembic migrations (alembic upgrade head)",
    what="""
        Reports `<...>.metadata.create_all(...)` (`Base.metadata`, `SQLModel.metadata`,
        a `metadata` object) called directly or passed to `conn.run_sync(...)`, in
        application code.

        Scope: tests and scripts are not checked. A CI script counts as a script under a
        `scripts/` directory (`.github/scripts/`); elsewhere (`ci/check.py`) it is checked
        like application code unless the layer globs (`fastapi-scripts-paths`) say
        otherwise.
    """,
    why="""
        `create_all` creates missing tables but never alters existing ones, so the
        production schema silently drifts from the models. Seed 004: "Use database
        migrations (Alembic) for all PostgreSQL schema changes. Never use create_all() in
        production."
    """,
    bad="""
        from app.db import Base, engine


        async def init_models() -> None:
            async with engine.begin() as conn:
                await conn.run_sync(Base.metadata.create_all)
    """,
    good="""
        # alembic revision --autogenerate -m "create users"; alembic upgrade head
        from app.db import engine


        async def check_database() -> None:
            async with engine.connect():
                pass
    """,
    not_flagged=(
        "Tests and `conftest.py`, scripts, Alembic and migration directories (by path).",
        "Code under `if __name__ == \"__main__\":`.",
        "Command-line modules (`cli.py`, `manage.py`, `commands.py`, `__main__.py`, files under "
        "`cli/`/`commands/`) and CLI commands (`@<group>.command()`): one-shot developer tools "
        "such as an `init-db` command.",
        "Functions or methods merely named `create_all`.",
        "`create_all` followed, in the code that runs after it in the same function, by a "
        "stamp of the Alembic head (`migrations.stamp(\"head\")`, `stamp(revision=\"heads\")` of a "
        "project wrapper; a module importing `alembic` is not checked at all): the Alembic "
        "cookbook's \"build an up-to-date database from scratch\", where later starts run "
        "`alembic upgrade`. A stamp in another branch, before the `create_all`, or of another "
        "revision does not count.",
        "Modules of a command package: the nearest enclosing package has a `__main__.py` that "
        "parses a command line (`argparse`, `click`, `typer`, ...) and starts no web server, and "
        "the module imports no web framework (a benchmark or evaluation tool keeping its results "
        "in tables of its own).",
        "Tables named at run time: `create_all(tables=[Row.__table__])` where every table is of a "
        "class the function defines with a computed `__tablename__` (one table per collection).",
        "An in-memory SQLite database (`create_engine(\"sqlite:///:memory:\")`, `\"sqlite://\"`) "
        "bound in the function or module, directly or through `engine.begin()`/`connect()`: no "
        "schema outlives the process.",
        "The same through a project class: the function builds its database from an in-memory "
        "SQLite URL (`AgentDB(\"sqlite+aiosqlite:///:memory:\")`) and creates the tables on an engine "
        "this file does not trace to another `create_engine(...)`.",
    ),
)

XFA507 = rule(
    "XFA507",
    "commit-in-loop",
    default=False,
    precision=moved_off("5 of 11", reading="fifth"),
    seeds=("004",),
    message="{receiver}.commit() inside a loop commits once per item; add the items in the loop and commit once after it",
    what="""
        Reports `commit()` on a session when the call is in the body of a `for`,
        `async for` or `while` loop of the same function and the session was opened
        outside that loop. Application code only: tests, scripts and test-data builders
        (seed, fixture and factory modules or functions) are not checked.

        Scope: tests and scripts are not checked. A CI script counts as a script under a
        `scripts/` directory (`.github/scripts/`); elsewhere (`ci/check.py`) it is checked
        like application code unless the layer globs (`fastapi-scripts-paths`) say
        otherwise.
    """,
    why="""
        One commit per row is one transaction and one round trip per row, and a failure
        halfway leaves half the batch written. Seed 004: "Batch inserts using bulk methods
        — never insert in a loop with individual commits."
    """,
    bad="""
        from sqlalchemy.ext.asyncio import AsyncSession


        async def import_users(session: AsyncSession, users: list) -> None:
            for user in users:
                session.add(user)
                await session.commit()
    """,
    good="""
        from sqlalchemy.ext.asyncio import AsyncSession


        async def import_users(session: AsyncSession, users: list) -> None:
            session.add_all(users)
            await session.commit()
    """,
    not_flagged=(
        "A commit after the loop, or in the loop's `else:` block.",
        "A commit in a function defined inside the loop body.",
        "A commit directly followed by `break`/`return` (a retry loop commits once).",
        "A commit in a `try` with `except` inside the loop body, or in a loop body whose "
        "`except` handler rolls the same session back: one transaction per item on purpose, so "
        "that one failing item does not undo the others.",
        "A commit in a loop whose body already commits the same session once per batch in a "
        "nested loop (`for doc in docs:` holding `while True: ... .limit(500) ... commit()`): "
        "each iteration is several transactions by design.",
        "A commit once per batch: `for batch in batches`, `for start in range(0, n, size)` "
        "(also `enumerate(range(0, n, size))`), "
        "`for chunk in batched(rows, 500)`, a `while` loop that pages with `.limit(...)` or a "
        "`batch_size`, a commit under `if len(pending) >= N:` or `if i % N == 0:`.",
        "`commit()` on objects that are not sessions.",
        "A session opened inside the loop body (`async with SessionLocal() as s:`, `with "
        "Session(engine) as s:`, `s = SessionLocal()` in the loop): each iteration is its own "
        "unit of work, committed once.",
        "A commit that follows, in the same iteration, a call acting outside the database: a "
        "statement that calls a method of an object that is neither the session nor bound in the "
        "loop nor imported (`executor.revoke(task.external_id)`, `await queue.publish(event)`; "
        "`helpers.validate(row)` on an imported module does not count). Committing per "
        "item then records each effect already made; one commit after the loop would lose that "
        "record for every item when one fails. Log calls and calls on the loop's own objects "
        "(`task.touch()`) do not count. So do, on any object, a task-queue dispatch "
        "(`handler.delay(...)`, `.apply_async(...)`, `.send_task(...)`, `.enqueue_job(...)`), "
        "and an awaited call of a function named for an effect that is not handed the session "
        "(`result = await execute_step(step)`, `await send_invite(user)`: a verb such as "
        "execute, run, send, dispatch, publish, notify, invoke, trigger, upload); a call in "
        "another branch of an `if` than the commit does not precede it.",
        "Tests, scripts, and test-data builders: files whose path names `seed`/`seeding`/"
        "`fixtures`/`factories` and functions named like `seed_users`/`user_factory` — one "
        "commit per built object is how they are written, and no request waits on them.",
    ),
)

XFA508 = rule(
    "XFA508",
    "count-in-python",
    default=True,
    seeds=("004",),
    message="len() of a fetched query result loads every row to count it; count in the database: select(func.count()).select_from(...)",
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

XFA509 = rule(
    "XFA509",
    "upsert-without-set",
    default=True,
    seeds=("001",),
    message="on_conflict_do_update() without set_=; pass set_={{...}} naming every column to update (stmt.excluded.<col>, updated_at included)",
    what="Reports `.on_conflict_do_update(...)` calls without a `set_` argument (or with `set_={}`).",
    why="""
        The update half of an upsert needs the columns to overwrite; without `set_`
        SQLAlchemy raises at statement construction, and Python-side defaults such as
        `updated_at` are not applied on the conflict path. Seed 001: "Upserts:
        `pg_insert().on_conflict_do_update()` with explicit `set_`".
    """,
    bad="""
        from sqlalchemy.dialects.postgresql import insert

        from app.models import User


        def upsert_user(values: dict):
            stmt = insert(User).values(**values)
            return stmt.on_conflict_do_update(index_elements=[User.email])
    """,
    good="""
        from sqlalchemy.dialects.postgresql import insert

        from app.models import User


        def upsert_user(values: dict):
            stmt = insert(User).values(**values)
            return stmt.on_conflict_do_update(
                index_elements=[User.email], set_={"name": stmt.excluded.name}
            )
    """,
    not_flagged=("Calls with a `**kwargs` splat, or with `set_` passed positionally (4th argument).",),
)

XFA510 = rule(
    "XFA510",
    "session-commit-without-rollback",
    default=True,
    seeds=("000", "002"),
    message="{receiver}.commit() in a function that owns the session has no rollback on the error path; {fix}",
    what="""
        Reports `commit()` on a session the function opened itself when a failure leaves
        the session in a broken transaction:

        * the session was created by a plain call (`db = SessionLocal()`, also in a
          generator dependency that yields it) and the function has neither a
          `rollback()` nor a `close()` of it in an `except`/`finally` block;
        * the session is managed by `async with SessionLocal() as db:` (or `with
          Session(engine) as db:`) and the commit is in a `try` whose `except` swallows
          the error without `rollback()`.

        Scope: tests and scripts are not checked. A CI script counts as a script under a
        `scripts/` directory (`.github/scripts/`); elsewhere (`ci/check.py`) it is checked
        like application code unless the layer globs (`fastapi-scripts-paths`) say
        otherwise.
    """,
    why="""
        Seed 000: handlers that own their session "MUST await db.commit() (and
        db.rollback() on error)"; seed 002: "commit on success · rollback on exception".
        A session left without rollback after a failed flush refuses all further work
        (`PendingRollbackError`), and a session that is never closed keeps its pooled
        connection (and its open transaction and locks) until garbage collection.

        What is not a defect, and not reported: when the error propagates out of `async
        with SessionLocal() as db:`, `AsyncSession.__aexit__` closes the session and
        closing rolls back the open transaction, so that block needs no explicit rollback
        as long as the exception is not swallowed inside it.
    """,
    bad="""
        from app.db import SessionLocal


        def get_db():
            db = SessionLocal()
            yield db
            db.commit()
            db.close()
    """,
    good="""
        from app.db import SessionLocal


        def get_db():
            db = SessionLocal()
            try:
                yield db
                db.commit()
            except Exception:
                db.rollback()
                raise
            finally:
                db.close()
    """,
    not_flagged=(
        "Request-scoped services and repositories that receive the session (they do not own it).",
        "`async with session.begin():` / `async with SessionLocal.begin() as db:` blocks "
        "(they commit or roll back themselves).",
        "`async with SessionLocal() as db:` where the error propagates: closing the session "
        "rolls the transaction back.",
        "A function that calls `rollback()` on the session anywhere, or closes it in `finally`.",
        "A session handed, in an `except` handler or a `finally` block, to a function of the "
        "project that rolls back or closes the parameter it receives it as (`finally: await "
        "release_session(session)`, also in another module, through the project index).",
        "A `with`-managed session whose swallowing `try` is its last use: no later statement "
        "of the block and not the handler names the session, and no loop inside the block runs "
        "the `try` again — leaving the block closes the session, which rolls back.",
        "Tests, scripts, Alembic migrations, `__main__` blocks and CLI commands "
        "(`@<group>.command()`): one-shot processes where the exception ends the process.",
    ),
)

XFA511 = rule(
    "XFA511",
    "engine-per-request",
    default=True,
    seeds=("004",),
    message="{call}() inside {where} builds a new {what} per call; create it once at module level or in the lifespan and inject it",
    what="""
        Reports `create_async_engine`/`create_engine`/`async_sessionmaker`/`sessionmaker`
        called in code that runs per request: a route handler, a dependency (a function
        this file passes to `Depends(...)`/`Security(...)`, or one that takes
        `Depends(...)` parameters itself), or a function of this module that a route
        handler or dependency calls, directly or through other functions of the module
        (`helper()`, `self.helper()` in the same class, `service.helper()` on a module-level
        instance of a class of this module); the message names which. Tests
        and scripts are not checked.

        Scope: tests and scripts are not checked. A CI script counts as a script under a
        `scripts/` directory (`.github/scripts/`); elsewhere (`ci/check.py`) it is checked
        like application code unless the layer globs (`fastapi-scripts-paths`) say
        otherwise.
    """,
    why="""
        An engine owns a connection pool; building one per request opens fresh
        connections every time and leaks pools. Seed 004 lists "Recreating database
        engines or session factories inside dependencies or endpoints. Initialize once at
        startup (in lifespan), reuse throughout the application lifecycle".
    """,
    bad="""
        from fastapi import APIRouter
        from sqlalchemy.ext.asyncio import create_async_engine

        from app.config import settings

        router = APIRouter()


        @router.get("/health/db")
        async def database_is_up() -> bool:
            engine = create_async_engine(settings.DATABASE_URL)
            async with engine.connect():
                return True
    """,
    good="""
        from fastapi import APIRouter, Request

        router = APIRouter()


        @router.get("/health/db")
        async def database_is_up(request: Request) -> bool:
            async with request.app.state.engine.connect():
                return True
    """,
    not_flagged=(
        "Module level and class bodies.",
        "The lifespan (a function passed as `lifespan=`, or an `@asynccontextmanager` taking "
        "the app) and startup handlers (`on_event(\"startup\")`, `add_event_handler`, `on_startup=[...]`).",
        "Cached factories: `@lru_cache`, `@cache`, `@functools.cache`, `@alru_cache`.",
        "`__init__` methods (built once with the object).",
        "Functions that no route handler or dependency of this module calls, whatever the file's "
        "layer: a service object's `start()`/`reload_engine()`, a `_create_engine()` called from "
        "`__init__`, a start-up or migration helper that creates, uses and disposes an engine, a "
        "one-off conversion tool. Whether a function of a services module runs per request "
        "depends on its callers in other modules, which one file does not show, so such "
        "functions are not reported (a route handler of another module that calls them is "
        "not seen either).",
        "An engine stored in a module-level cache: `_engines[url] = create_engine(url)` into a "
        "module-level dict, or a `global` the function assigns (built once per key).",
        "An app factory, which runs once at start-up: a function that constructs `FastAPI(...)` "
        "in its own body, is annotated `-> FastAPI`, or is named `create_app`/`make_app`/"
        "`build_app`/`get_app`/`get_application`/`create_application`/`app_factory` — but a "
        "route handler or dependency defined inside it is still per request.",
        "Tests (a test app or fixture builds its engine per test on purpose) and scripts.",
    ),
    example_path="app/api/routes/health.py",
)

XFA512 = rule(
    "XFA512",
    "raw-sql-interpolation",
    default=False,
    precision=moved_off("3 of 10", reading="fifth"),
    seeds=("004",),
    message="SQL built with {how}; {fix}",
    what="""
        Reports `text(...)` (from `sqlalchemy`/`sqlmodel`) given an f-string with
        placeholders, `"..." % x`, `"...".format(...)` or `"..." + x`, and
        `.execute(...)`/`.exec_driver_sql(...)` given such a string when it starts with an
        SQL keyword — when at least one interpolated value may carry data: it is not a
        constant, not in an identifier or bind-parameter-name position, and not quoted.
        Statements that cannot take bound parameters (`SET`, `PRAGMA`, `DO`, DDL such as
        `CREATE`/`ALTER`/`DROP`/`GRANT`/`TRUNCATE`/`COMMENT ON`, `VACUUM`/`ANALYZE`, and
        a `server_default=text(...)`) are still reported, with the advice that fits them:
        quote the value with the dialect (`identifier_preparer.quote(name)`,
        `literal(value).compile(..., compile_kwargs={"literal_binds": True})`), or, for
        `SET`, bind it through `set_config()`. Application code only: tests, scripts and
        Alembic revisions are not checked (CI scripts too, when they are under a scripts
        path).

        What the rule cannot tell: whether a module is an example or a demo (an example DAG
        that queries an in-memory DuckDB with no request data in reach). Such modules are
        checked like application code unless the project's layer globs make them scripts.

        Scope: tests and scripts are not checked. A CI script counts as a script under a
        `scripts/` directory (`.github/scripts/`); elsewhere (`ci/check.py`) it is checked
        like application code unless the layer globs (`fastapi-scripts-paths`) say
        otherwise.
    """,
    why="""
        Interpolating values into SQL text is SQL injection as soon as one value comes
        from a request, and it defeats statement caching. Seed 004: always use
        SQLAlchemy's `select()`/`insert()`/`update()`/`delete()` constructs, whose values
        are bound parameters.
    """,
    bad="""
        from sqlalchemy import text
        from sqlalchemy.ext.asyncio import AsyncSession


        async def find_user(session: AsyncSession, email: str):
            return await session.execute(text(f"SELECT * FROM users WHERE email = '{email}'"))
    """,
    good="""
        from sqlalchemy import text
        from sqlalchemy.ext.asyncio import AsyncSession


        async def find_user(session: AsyncSession, email: str):
            return await session.execute(
                text("SELECT * FROM users WHERE email = :email"), {"email": email}
            )
    """,
    not_flagged=(
        "Constant strings (also implicitly concatenated ones), and placeholders holding "
        "module-level constants of this file (`TABLE = \"users\"`, `LIMIT = 100`, also built "
        "from other constants), local names bound only to such values, and loop variables over a "
        "literal tuple of constants (`for col in (\"flow_id\", \"deployment_id\")`); a name imported "
        "from another module is not known to be constant unless the project index shows it is a "
        "number there (`LIMIT = 100`, `THRESHOLD: float = float(os.environ.get(...))` of a config "
        "module, also through `str(...)`).",
        "Interpolation only in identifier positions (`FROM {table}`, `\"{schema}\"`, "
        "`NEW.{column}`, `search_path TO {schema}`, `Model.__tablename__`, a column list "
        "`INSERT INTO t ({cols})`, and in `CREATE`/`ALTER` the source of `LIKE {src}` and a "
        "type's modifier `VECTOR({dims})`), also in `%`/`.format()` templates and "
        "concatenations: identifiers cannot be bound parameters. A value written in such a "
        "position is a name wherever else it appears in the statement (`SELECT {cols} FROM s`).",
        "Numbers: a parameter annotated `int`/`float`/`bool` (also `Optional[int]`, "
        "`Annotated[int, ...]`) and arithmetic on such values (`{page * size}`).",
        "UUIDs: a parameter annotated `UUID` (or a project class deriving it), `uuid4()`, "
        "`UUID(raw)`, a UUID class's constructor (`TenantUUID.new(raw)`, `.from_short(s)`), "
        "and `self.<attr>` that every assignment in the enclosing class sets to one of these "
        "(its text is hex digits and dashes). A class the project index cannot follow "
        "(e.g. a module it cannot parse) is not known to be a UUID.",
        "A `WHERE` clause joined from a local list built only from constant fragments and "
        "bind markers: `conditions = [...]`, `conditions.append(\"name = :name\")`, "
        "`conditions.extend([...])`, then `\" AND \".join(conditions)` (a list extended with "
        "anything else, or changed by index, is not followed).",
        "Placeholders that only build bind-parameter names or markers while the values are "
        "bound: `:tag_{i}`, `\", \".join(f\":tag_{i}\" for i in ...)`, `f\"{k} = :{k}\"`, "
        "`\",\".join(\"?\" * len(ids))`, directly or through a local name bound only to such a value.",
        "Values quoted or escaped for SQL: `dialect.identifier_preparer.quote(x)`, "
        "`literal(x).compile(..., compile_kwargs={\"literal_binds\": True})`, "
        "`x.replace(\"'\", \"''\")`, a `quote_ident()`/`quote_literal()` helper (however "
        "spelled: `_quote_identifier()`, `await _quoted_literal(conn, x)`, also through a local "
        "name bound to it); numbers "
        "(`int(x)`, `float(x)`, `len(x)`, `{x:d}`). (`quoted_name()` is not quoting: it "
        "renders unquoted in an f-string.)",
        "`.execute(...)` of strings that do not start with an SQL keyword.",
        "Tests, scripts and Alembic revisions (files importing `alembic`): no request data "
        "reaches their SQL.",
        "A statement whose SQL-injection warning from bandit or ruff the author silenced on it "
        "(`# noqa: S608`, `# nosec B608`): reviewed and kept on purpose.",
    ),
)

XFA513 = rule(
    "XFA513",
    "redis-set-without-ttl",
    default=True,
    seeds=("004",),
    message="{receiver}.{method}() stores a key without a TTL; {fix}",
    what="""
        Reports `.set(key, value)` without `ex=`/`px=`/`exat=`/`pxat=`/`keepttl=`, and
        `.hset(...)`/`.mset(...)`, when the same function does not call
        `.expire`/`.pexpire`/`.expireat`/`.pexpireat` on the receiver afterwards. The
        receiver must be a Redis client: built in this file (`Redis(...)`,
        `redis.from_url(...)`), annotated `Redis`, or named `redis`/`redis_client`/`cache`
        (also as `self.` attribute) in a file that imports `redis`. Keys the module
        deletes itself are left out. Scripts are checked like application code (a
        script that fills a cache fills it for the app); tests are not.

        Scope: test files (the tests layer) are not checked; scripts are, CI scripts
        included (`scripts/`, `.github/scripts/`, `ci/`).
    """,
    why="""
        A key without expiry lives until it is deleted; caches then grow without bound
        and serve stale data. Seed 004: "Always set TTL (expiration) on cached values.
        Never cache without an expiry."
    """,
    bad="""
        from redis.asyncio import Redis

        redis = Redis.from_url("redis://cache:6379/0")


        async def cache_profile(user_id: str, payload: str) -> None:
            await redis.set(f"user:{user_id}", payload)
    """,
    good="""
        from redis.asyncio import Redis

        redis = Redis.from_url("redis://cache:6379/0")


        async def cache_profile(user_id: str, payload: str) -> None:
            await redis.set(f"user:{user_id}", payload, ex=300)
    """,
    not_flagged=(
        "`.set(...)` followed by `.expire(...)` on the same receiver in the same function.",
        "`.set(...)` on objects that are not Redis clients (`asyncio.Event.set()`, "
        "`cache.set` in a file without a Redis import, a `TTLCache`).",
        "A third positional argument (that is `ex`), or a `**kwargs` splat.",
        "Keys the same module deletes explicitly (`.delete(key)`, `.unlink(key)`, "
        "`.getdel(key)`, `.hdel(key, ...)` on any receiver but a database session): a lock, a "
        "flag or session data whose lifetime the code manages, not a cache. The key matches by "
        "its constant value, its literal prefix (`f\"lock:{job_id}\"` and `f\"lock:{other}\"`), "
        "or the expression naming it (the same variable, attribute or key-building function).",
        "Tests and `conftest.py`: they write the keys a case needs against a throwaway Redis.",
    ),
)

XFA514 = rule(
    "XFA514",
    "lazy-relationship-in-async",
    default=False,
    seeds=("004",),
    message="relationship() without lazy= lazy-loads on access, which AsyncSession cannot do; choose the loading explicitly: lazy=\"selectin\" (or \"joined\", \"raise\")",
    what="""
        Reports `relationship(...)` (from `sqlalchemy.orm`) without `lazy=`, and SQLModel
        `Relationship(...)` whose `sa_relationship_kwargs` has no `"lazy"`, in a file that
        shows the project uses `AsyncSession`: it imports from `sqlalchemy.ext.asyncio` or
        `sqlmodel.ext.asyncio` (models declared next to the async engine/session, or a
        models module that imports `AsyncSession` for its helpers). One file cannot see
        the whole project, and sync projects (most `relationship()` calls in the wild)
        must stay clean, so a models file without that import is not reported.

        Scope: every file is checked, tests and scripts (CI scripts included) too: models
        are shared by the app and its tests.
    """,
    why="""
        The default `lazy="select"` loads a relationship on first attribute access; under
        `AsyncSession` that implicit I/O raises `MissingGreenlet`. Seed 004: "Never rely
        on lazy loading in async code — it causes implicit I/O and will raise errors."
    """,
    bad="""
        from sqlalchemy.ext.asyncio import AsyncSession
        from sqlalchemy.orm import DeclarativeBase, relationship


        class Base(DeclarativeBase):
            pass


        class User(Base):
            __tablename__ = "users"
            posts = relationship("Post", back_populates="author")
    """,
    good="""
        from sqlalchemy.ext.asyncio import AsyncSession
        from sqlalchemy.orm import DeclarativeBase, relationship


        class Base(DeclarativeBase):
            pass


        class User(Base):
            __tablename__ = "users"
            posts = relationship("Post", back_populates="author", lazy="selectin")
    """,
    not_flagged=(
        "Files that import nothing from `sqlalchemy.ext.asyncio`/`sqlmodel.ext.asyncio` "
        "(a sync project, or a models module that does not show it).",
        "Files that use `AsyncAttrs` (relationships are then loaded explicitly with "
        "`await obj.awaitable_attrs.<name>`).",
        "Calls with a `**kwargs` splat.",
    ),
    example_path="app/models.py",
)

XFA515 = rule(
    "XFA515",
    "unbounded-select",
    default=False,
    seeds=("004",),
    message="select() fetched with .all() and no .limit(); bound the result: add .limit(n) (and .offset()/keyset pagination)",
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

# -- names -----------------------------------------------------------------------

_SA_MODULES = ("sqlalchemy", "sqlmodel")
_ASYNC_ENGINE = frozenset({"create_async_engine"})
_ENGINES = frozenset({"create_engine", "create_async_engine"})
_MAKERS = frozenset({"sessionmaker", "async_sessionmaker"})
_SESSION_CLASSES = frozenset({"Session", "AsyncSession"})
_INTERESTING_CALLS = _ENGINES | _MAKERS | _SESSION_CLASSES | frozenset({"text", "len", "relationship", "Relationship", "Depends", "Security"})
_SESSION_FACTORY_NAME = lazy_re.compile(
    r"^_?(async_?)?(session_?(local|maker|factory)|local_?session|async_session|sessionlocal)$", re.I
)
_NON_SESSION_FACTORY_HEADS = frozenset(
    {"requests", "aiohttp", "httpx", "boto3", "botocore", "aioboto3", "niquests", "urllib3", "tls_client"}
)


#: DBAPI drivers and non-ORM clients: their connections are not ORM sessions
_NON_ORM_DB_HEADS = frozenset(
    {"sqlite3", "aiosqlite", "psycopg2", "psycopg", "asyncpg", "pymysql", "MySQLdb", "aiomysql",
     "databases", "redis", "aioredis", "motor", "pymongo", "duckdb", "cassandra", "neo4j"}
)




def _sa_call(ctx: Context, call: ast.Call, names: frozenset[str]) -> str | None:
    """The tail name when ``call`` calls one of ``names`` imported from sqlalchemy/sqlmodel."""
    tail = last_name(call.func)
    if tail is None or tail not in names:
        return None
    if ctx.imported_from(call.func, *_SA_MODULES):
        return tail
    return None


def _fn_data(ctx: Context) -> dict[str, Any] | None:
    fn = ctx.function
    return fn.data if fn is not None else None


def _module_data(ctx: Context) -> dict[str, Any]:
    return ctx.frames[0].data


def _binding(ctx: Context, name: str) -> tuple[str, ast.expr] | None:
    """``(kind, value)`` of the nearest binding of ``name`` this file shows: in the
    enclosing functions (``assign``/``with``), else at module level (``module``)."""
    for frame in reversed(ctx.frames):
        if frame.kind == "class":
            break
        if name in frame.params:
            return None
        bound = frame.data.get("xfa5.bind")
        if bound and name in bound:
            return bound[name]
    value = ctx.assignments.get(name)
    if value is not None:
        return ("module", value)
    return None


def is_session_factory_call(ctx: Context, call: ast.expr) -> bool:
    """``call`` makes a new database session: ``AsyncSession(...)``/``Session(...)`` from
    sqlalchemy/sqlmodel, a call of a ``sessionmaker`` bound in this file, or of a name
    spelled like one (``SessionLocal``, ``async_session_maker``)."""
    if not isinstance(call, ast.Call):
        return False
    func = call.func
    if ctx.is_test_double(func):
        return False  # ``SessionLocal = MagicMock()``: a test double
    qualname = ctx.resolve(func)
    if qualname in SESSION_TYPES and "Connection" not in qualname:
        return True
    if isinstance(func, ast.Name):
        value = ctx.assignments.get(func.id)
        if isinstance(value, ast.Call) and _sa_call(ctx, value, _MAKERS | frozenset({"scoped_session", "async_scoped_session"})):
            return True
        if func.id in ctx.imports:
            head = ctx.imports[func.id].split(".", 1)[0]
            if head in _NON_SESSION_FACTORY_HEADS:
                return False
        return bool(_SESSION_FACTORY_NAME.match(func.id))
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in ("self", "cls"):
        return bool(_SESSION_FACTORY_NAME.match(func.attr))
    return False


def is_db_session(ctx: Context, expr: ast.expr) -> bool:
    if isinstance(expr, ast.Name):
        bound = _binding(ctx, expr.id)
        if bound is not None:
            kind, value = bound
            if kind == "with" and isinstance(value, ast.Call) and _is_begin(value):
                return False  # ``async with session.begin() as tx`` binds a transaction
            if isinstance(value, ast.Call):
                if is_session_factory_call(ctx, value):
                    return True
                callee = ctx.resolve(value.func) or ""
                head = callee.split(".", 1)[0]
                # bound to another library's object, or to a non-session class
                if head in _NON_SESSION_FACTORY_HEADS or head in _NON_ORM_DB_HEADS:
                    return False
                if last_name(value.func) in ("ClientSession", "Client", "AsyncClient", "Redis", "Database"):
                    return False
    return ctx.is_session(expr)


def _is_begin(call: ast.Call) -> bool:
    return isinstance(call.func, ast.Attribute) and call.func.attr in ("begin", "begin_nested")


def _receiver_text(expr: ast.expr) -> str:
    return dotted_name(expr) or "session"


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
                frame.data.setdefault("xfa5.owned", {})[target.id] = ("assign", node)


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
                frame.data.setdefault("xfa5.begin", set()).add(owner.id)
            if isinstance(target, ast.Name):
                # ``async with SessionLocal.begin() as db`` commits/rolls back itself
                frame.data.setdefault("xfa5.begin", set()).add(target.id)
        if isinstance(target, ast.Name):
            frame.data.setdefault("xfa5.bind", {})[target.id] = ("with", call)
            if isinstance(call, ast.Call) and is_session_factory_call(ctx, call):
                frame.data.setdefault("xfa5.owned", {})[target.id] = ("with", node)


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
            _module_data(ctx).setdefault("xfa5.depends", set()).add(node.args[0].id)
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
        _module_data(ctx)["xfa5.async_pair"] = True
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
        data = _fn_data(ctx)
        if data is not None and isinstance(receiver, ast.Name):
            if attr == "rollback" or ctx.in_body_of((ast.Try, _TRY_STAR, ast.ExceptHandler), ("finalbody", "body")):
                data.setdefault("xfa5.cleanup", set()).add(receiver.id)
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


_TRY_STAR = getattr(ast, "TryStar", ast.Try)


def _cleanup_helper(node: ast.Call, ctx: Context) -> None:
    """In an ``except`` handler or a ``finally`` block, a session handed to a function of
    the project that rolls back or closes the parameter it receives it as
    (``finally: await close_session(session)`` with ``async def close_session(session):
    ... await session.rollback() ... await session.close()``): that function is the
    cleanup the rule looks for. A function the project index cannot follow does not
    count."""
    data = _fn_data(ctx)
    if data is None:
        return
    names = [(i, a.id) for i, a in enumerate(node.args) if isinstance(a, ast.Name)]
    if not names:
        return
    if not (
        ctx.in_body_of((ast.ExceptHandler,), ("body",)) or ctx.in_body_of((ast.Try, _TRY_STAR), ("finalbody",))
    ):
        return
    sym = ctx.symbol(node.func)
    if sym is None or sym.kind != "function" or not isinstance(sym.info, dict):
        return
    params = sym.info.get("sig", {}).get("p", [])
    callees = {c[0] for c in sym.info.get("calls", ()) if c and isinstance(c[0], str)}
    for index, name in names:
        if index < len(params):
            param = params[index]
            if f"{param}.rollback" in callees or f"{param}.close" in callees:
                data.setdefault("xfa5.cleanup", set()).add(name)


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

# -- XFA502 / XFA503 / XFA504 / XFA505 / XFA511 ------------------------------------------

_SYNC_DRIVERS = frozenset(
    {
        "psycopg2", "psycopg2cffi", "pg8000", "pygresql", "pymysql", "mysqldb", "mysqlconnector",
        "cymysql", "pysqlite", "pysqlcipher", "pyodbc", "pymssql", "cx_oracle",
    }
)
_DIALECTS = {
    "postgresql": "postgresql+asyncpg",
    "postgres": "postgresql+asyncpg",
    "mysql": "mysql+aiomysql",
    "mariadb": "mariadb+aiomysql",
    "sqlite": "sqlite+aiosqlite",
    "mssql": "mssql+aioodbc",
    "oracle": "oracle+oracledb",
}


def _url_arg(call: ast.Call) -> ast.expr | None:
    if call.args:
        first = call.args[0]
        return None if isinstance(first, ast.Starred) else first
    kw = keyword(call, "url")
    return kw.value if kw is not None else None


def _literal_scheme(expr: ast.expr | None, ctx: Context, follow: bool = True) -> str | None:
    """The scheme (``postgresql+asyncpg``) of a URL literal, an f-string starting with a
    literal scheme, or a module-level constant holding one."""
    if expr is None:
        return None
    text = string_value(expr)
    if text is None and isinstance(expr, ast.JoinedStr) and expr.values:
        text = string_value(expr.values[0])
    if text is None and follow and isinstance(expr, ast.Name):
        if ctx.annotation_of(expr.id)[0]:
            return None
        if ctx.function is not None:
            bound = _binding(ctx, expr.id)
            if bound is None or bound[0] != "module":
                return None
        return _literal_scheme(ctx.assignments.get(expr.id), ctx, follow=False)
    if text is None or "://" not in text:
        return None
    scheme = text.split("://", 1)[0].strip().lower()
    if not scheme or not all(c.isalnum() or c in "+_-." for c in scheme):
        return None
    return scheme


def _engine_call(node: ast.Call, tail: str, ctx: Context) -> None:
    url = _url_arg(node)
    scheme = _literal_scheme(url, ctx) if url is not None else None
    if tail == "create_async_engine" and scheme is not None and url is not None:
        dialect, _, driver = scheme.partition("+")
        if dialect in _DIALECTS and (driver == "" or driver in _SYNC_DRIVERS):
            ctx.report(url, XFA503, scheme=scheme, fix=_DIALECTS[dialect])
    if tail == "create_engine":
        _sync_construction(node, ctx, "create_engine", "create_async_engine(...) from sqlalchemy.ext.asyncio")
    if (
        ctx.wants(XFA505)
        and not has_kwargs_splat(node)
        and keyword(node, "pool_pre_ping") is None
        and not (ctx.is_test or ctx.is_script or _is_alembic_env(ctx))
    ):
        pool = keyword(node, "poolclass")
        if pool is not None and last_name(pool.value) in ("NullPool", "StaticPool"):
            return
        if url is None:
            return
        if scheme is not None:
            if scheme.startswith("sqlite"):
                return
        else:
            words = " ".join(_names_in(url)).lower()
            if "sqlite" in words:
                return
        ctx.report(node, XFA505, call=tail)


def _names_in(expr: ast.expr) -> list[str]:
    out: list[str] = []
    for sub in ast.walk(expr):
        if isinstance(sub, ast.Name):
            out.append(sub.id)
        elif isinstance(sub, ast.Attribute):
            out.append(sub.attr)
        elif isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            out.append(sub.value)
    return out


def _is_async_session_class(ctx: Context, expr: ast.expr) -> bool:
    qualname = ctx.resolve(expr) or ""
    return qualname.rsplit(".", 1)[-1] == "AsyncSession"


def _maker_call(node: ast.Call, tail: str, ctx: Context) -> None:
    class_kw = keyword(node, "class_")
    is_async = tail == "async_sessionmaker" or (class_kw is not None and _is_async_session_class(ctx, class_kw.value))
    if is_async:
        _expire_on_commit(node, tail, ctx)
    else:
        _sync_construction(node, ctx, "sessionmaker", "async_sessionmaker(engine, expire_on_commit=False)")


def _session_class_call(node: ast.Call, tail: str, ctx: Context) -> None:
    if tail == "AsyncSession":
        _expire_on_commit(node, tail, ctx)
    else:
        _sync_construction(node, ctx, "Session", "AsyncSession (async with SessionLocal() as session)")


def _expire_on_commit(node: ast.Call, tail: str, ctx: Context) -> None:
    if ctx.is_test:
        return  # test doubles and leak probes; a test that needs the option fails visibly
    if keyword(node, "expire_on_commit") is None and not has_kwargs_splat(node):
        ctx.report(node, XFA504, call=tail)


def _sync_construction(node: ast.Call, ctx: Context, call: str, replacement: str) -> None:
    if not ctx.wants(XFA502) or ctx.is_test or ctx.is_script or _is_alembic_env(ctx):
        return
    if ctx.in_main_block:
        return  # the module's own one-shot runner: no event loop runs it
    frames = [f.node for f in ctx.frames if f.kind == "function"]
    in_class = not frames and any(f.kind == "class" for f in ctx.frames)  # a class body
    bound_to = None
    parent = ctx.parent
    if (
        not frames
        and not in_class
        and isinstance(parent, (ast.Assign, ast.AnnAssign))
        and parent.value is node
    ):
        targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
        if len(targets) == 1 and isinstance(targets[0], ast.Name):
            bound_to = targets[0].id
    attr = None
    if frames and isinstance(parent, (ast.Assign, ast.AnnAssign)) and parent.value is node:
        targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
        if (
            len(targets) == 1
            and isinstance(targets[0], ast.Attribute)
            and isinstance(targets[0].value, ast.Name)
            and targets[0].value.id in ("self", "cls")
        ):
            attr = targets[0].attr
    site = _SyncSite(node, call, replacement, frames, in_class, bound_to, attr)
    _module_data(ctx).setdefault("xfa5.sync", []).append(site)


class _SyncSite:
    """A sync engine/session construction (XFA502) and where it is."""

    __slots__ = ("node", "call", "replacement", "functions", "in_class", "bound_to", "attr")

    def __init__(
        self,
        node: ast.Call,
        call: str,
        replacement: str,
        functions: list[ast.AST],
        in_class: bool,
        bound_to: str | None,
        attr: str | None = None,
    ) -> None:
        self.node = node
        self.call = call
        self.replacement = replacement
        #: the enclosing function definitions, outermost first
        self.functions = functions
        self.in_class = in_class
        #: the module-level name it is assigned to (``engine = create_engine(...)``)
        self.bound_to = bound_to
        #: the attribute of ``self`` it is stored in (``self._engine = create_engine(...)``)
        self.attr = attr


#: calls that run a callback on the event loop's own thread
_LOOP_SCHEDULERS = frozenset({"call_soon", "call_soon_threadsafe", "call_later", "call_at", "add_signal_handler", "add_reader", "add_writer"})
_PLAIN_DECORATORS = frozenset({"staticmethod", "classmethod"})
#: references that do not run the function or query the engine
_NO_USE = frozenset({"store", "life"})
#: decorators that change how a sync function is called, not which thread runs it
_ACCESSOR_DECORATORS = _PLAIN_DECORATORS | {"property", "cached_property", "contextmanager"}


class _SyncUses:
    """Where the names of a module are used, to tell whether a sync engine or session only
    runs off the event loop (XFA502): in sync functions that this module never calls from
    async code, a route handler or a dependency, but hands over as callbacks (a metrics
    SDK's gauge callback, a thread's target, ``asyncio.to_thread(fn)``).  Built with one walk
    of the module, only when a sync construction would otherwise be reported.

    ``pair``: the module also builds the async engine or session factory
    (``create_async_engine``, ``async_sessionmaker``), so it offers both paths on purpose
    (a connection manager with ``engine``/``async_engine``, a sync engine kept for the
    work another module runs in a thread): there a sync function that no code of this
    module uses is taken as the sync path, whose callers are elsewhere, and properties and
    ``@contextmanager`` accessors are plain sync functions; what this module's async code
    reaches is still on the loop."""

    def __init__(self, ctx: Context, pair: bool = False) -> None:
        self.ctx = ctx
        self.pair = pair
        #: function name -> its definitions (module functions and methods alike)
        self.defs: dict[str, list[ast.AST]] = {}
        #: name -> [(enclosing defs, kind)], kind: "call", "value", "depends", "loop", "store",
        #: "life" (``x is None``, ``x.dispose()``: the engine's lifecycle, no query)
        self.refs: dict[str, list[tuple[tuple[ast.AST, ...], str]]] = {}
        self._on_loop: dict[int, bool] = {}
        self._walk(ctx.tree)

    def _walk(self, tree: ast.AST) -> None:
        # (node, enclosing defs, kind of reference the node makes when it is a name)
        stack: list[tuple[ast.AST, tuple[ast.AST, ...], str]] = [(tree, (), "value")]
        while stack:
            node, defs, kind = stack.pop()
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.defs.setdefault(node.name, []).append(node)
                for sub in [*node.decorator_list, *node.args.defaults, *node.args.kw_defaults]:
                    if sub is not None:
                        stack.append((sub, defs, "value"))
                inner = (*defs, node)
                for stmt in node.body:
                    stack.append((stmt, inner, "value"))
                continue
            if isinstance(node, ast.Name):
                self.refs.setdefault(node.id, []).append((defs, kind if isinstance(node.ctx, ast.Load) else "store"))
                continue
            if isinstance(node, ast.Attribute):
                value = node.value
                if isinstance(value, ast.Name) and value.id in ("self", "cls"):
                    self.refs.setdefault(node.attr, []).append((defs, kind if isinstance(node.ctx, ast.Load) else "store"))
                stack.append((value, defs, "value"))
                continue
            if (
                isinstance(node, ast.Compare)
                and all(isinstance(op, (ast.Is, ast.IsNot)) for op in node.ops)
                and all(isinstance(c, ast.Constant) and c.value is None for c in node.comparators)
            ):
                stack.append((node.left, defs, "life"))
                continue
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "dispose":
                stack.append((node.func.value, defs, "life"))
                for arg in [*node.args, *(kw.value for kw in node.keywords)]:
                    stack.append((arg, defs, "value"))
                continue
            if isinstance(node, ast.Call):
                tail = last_name(node.func)
                stack.append((node.func, defs, "call"))
                arg_kind = "depends" if tail in ("Depends", "Security") else "loop" if tail in _LOOP_SCHEDULERS else "value"
                for arg in node.args:
                    stack.append((arg, defs, arg_kind))
                for kw in node.keywords:
                    stack.append((kw.value, defs, arg_kind))
                continue
            for child in ast.iter_child_nodes(node):
                stack.append((child, defs, "value"))

    def on_loop(self, fn: ast.AST, seen: frozenset[int] = frozenset()) -> bool:
        """``fn`` may run on the event loop's thread (or this module cannot tell that it
        does not): an ``async def``, a route handler, a decorated function, a dependency,
        a function with no use in this module, or one called from such a function."""
        key = id(fn)
        if key in self._on_loop:
            return self._on_loop[key]
        if key in seen:
            return False  # recursion: decided by the other callers
        result = self._compute(fn, seen | {key})
        if not seen:
            self._on_loop[key] = result
        return result

    def _compute(self, fn: ast.AST, seen: frozenset[int]) -> bool:
        if not isinstance(fn, ast.FunctionDef):
            return True
        plain = _ACCESSOR_DECORATORS if self.pair else _PLAIN_DECORATORS
        if any(last_name(d) not in plain for d in fn.decorator_list):
            return True
        if self.ctx.routes_of(fn):
            return True
        uses = [r for r in self.refs.get(fn.name, ()) if r[1] not in _NO_USE]
        if not uses:
            # used elsewhere: callers unknown, unless the module offers the async path too
            return not self.pair
        #: a property runs where it is read
        read_is_call = self.pair and any(last_name(d) in ("property", "cached_property") for d in fn.decorator_list)
        for defs, kind in uses:
            if kind in ("depends", "loop"):
                return True
            if (kind == "call" or read_is_call and kind == "value") and defs and self.on_loop(defs[-1], seen):
                return True
        return False

    def off_loop_site(self, site: _SyncSite, sites: dict[str, _SyncSite], seen: frozenset[str] = frozenset()) -> bool:
        """The construction, and every use of what it builds, only runs off the loop."""
        if site.in_class:
            return False
        if site.functions:
            if self.on_loop(site.functions[-1]):
                return False
            if site.attr is not None and self.pair:
                # ``self._engine = create_engine(...)``: every method that reads it too
                for defs, kind in self.refs.get(site.attr, ()):
                    if kind not in _NO_USE and (not defs or self.on_loop(defs[-1])):
                        return False
            return True
        if site.bound_to is None or site.bound_to in seen:
            return False
        uses = [r for r in self.refs.get(site.bound_to, ()) if r[1] not in _NO_USE]
        if not uses:
            return False  # imported by other modules
        for defs, _kind in uses:
            if defs:
                if self.on_loop(defs[-1]):
                    return False
                continue
            # a module-level use: only as the engine of another construction checked here
            if not self._feeds(site.bound_to, sites, seen | {site.bound_to}):
                return False
        return True

    def _feeds(self, name: str, sites: dict[str, _SyncSite], seen: frozenset[str]) -> bool:
        users = [
            s for s in sites.values()
            if not s.functions and any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(s.node))
        ]
        module_uses = sum(1 for defs, kind in self.refs.get(name, ()) if not defs and kind not in _NO_USE)
        return len(users) >= module_uses and all(self.off_loop_site(s, sites, seen) for s in users)


_EVENT_LOOP_RUNNERS = frozenset({"asyncio.run", "anyio.run", "trio.run", "uvloop.run"})


def _example_program(ctx: Context) -> bool:
    """A module under ``examples/`` (``demos/``, ``samples/``, ``tutorials/``) that is a
    program of its own: its ``__main__`` block starts the event loop (``asyncio.run(main())``)
    and it serves no route. It runs once on a developer's machine, one task at a time; an
    example app that serves routes is still checked."""

    def compute() -> bool:
        tree = ctx.tree
        if not isinstance(tree, ast.Module) or not _in_examples(ctx):
            return False
        runs_loop = any(
            isinstance(stmt, ast.If)
            and is_main_test(stmt.test)
            and any(
                isinstance(sub, ast.Call) and ctx.resolve(sub.func) in _EVENT_LOOP_RUNNERS
                for part in stmt.body
                for sub in ast.walk(part)
            )
            for stmt in tree.body
        )
        if not runs_loop:
            return False
        return not any(isinstance(n, FUNCTION_TYPES) and ctx.routes_of(n) for n in ast.walk(tree))

    return ctx.memo("xfa5.example_program", compute)


def _is_alembic_env(ctx: Context) -> bool:
    return ctx.memo(
        "xfa5.alembic",
        lambda: any(q == "alembic" or q.startswith("alembic.") for q in ctx.imports.values()),
    )


@visitor(ast.AsyncFunctionDef, codes=(XFA502,))
def note_async_def(node: ast.AsyncFunctionDef, ctx: Context) -> None:
    _module_data(ctx)["xfa5.async"] = True


def _record_construction(node: ast.Call, tail: str, ctx: Context) -> None:
    if not ctx.wants(XFA511):
        return
    functions = [f for f in ctx.frames if f.kind == "function"]
    if not functions or ctx.frame.kind == "class":
        return
    if _memoised(node, functions[-1].node, ctx):
        return
    _module_data(ctx).setdefault("xfa5.constructions", []).append((node, tail, functions))


_CACHE_DECORATORS = frozenset({"lru_cache", "cache", "cached", "alru_cache", "cached_property"})


def _decorator_tail(decorator: ast.expr) -> str | None:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return last_name(target)


def _is_lifecycle_function(fn: ast.AST, lifespans: set[str], ctx: Context) -> bool:
    name = getattr(fn, "name", "")
    if name in lifespans or name == "__init__":
        return True
    for decorator in getattr(fn, "decorator_list", ()):
        tail = _decorator_tail(decorator)
        if tail in _CACHE_DECORATORS:
            return True
        if tail == "on_event":
            return True
        if tail in ("asynccontextmanager", "contextmanager"):
            args = fn.args  # type: ignore[attr-defined]
            params = [*args.posonlyargs, *args.args]
            if params:
                first = params[0]
                ann = ctx.resolve(first.annotation) if first.annotation is not None else None
                if first.arg in ("app", "_app", "application", "fastapi_app", "_") or (ann or "").endswith("FastAPI"):
                    return True
    return False


_APP_FACTORY_NAMES = frozenset(
    {"create_app", "make_app", "build_app", "get_application", "create_application", "app_factory", "get_app"}
)
_FASTAPI_CLASSES = frozenset({"fastapi.FastAPI", "fastapi.applications.FastAPI"})


def _is_app_factory(fn: ast.AST, ctx: Context) -> bool:
    """A function that builds the app once at start-up: it constructs a ``FastAPI(...)``
    in its own body, is annotated ``-> FastAPI``, or is named ``create_app``/``make_app``/
    ``get_application``/..."""
    if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    if fn.name in _APP_FACTORY_NAMES:
        return True
    if fn.returns is not None and (ctx.resolve(fn.returns) or "") in _FASTAPI_CLASSES:
        return True
    def builds() -> bool:
        stack: list[ast.AST] = list(fn.body)
        while stack:
            node = stack.pop()
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                continue
            if isinstance(node, ast.Call) and (ctx.resolve(node.func) or "") in _FASTAPI_CLASSES:
                return True
            stack.extend(ast.iter_child_nodes(node))
        return False
    return ctx.memo(f"xfa5.app_factory.{fn.lineno}.{fn.col_offset}", builds)


def _runs_once(functions: list[Any], lifespans: set[str], depends: set[str], ctx: Context) -> bool:
    """The construction runs once: in the lifespan, a startup hook, a cached factory,
    ``__init__`` or the app factory, and not in a route handler or dependency defined
    inside it (``def create_app(): ... @app.get("/") async def root(): ...``)."""
    for i, frame in enumerate(functions):
        if _is_lifecycle_function(frame.node, lifespans, ctx) or _is_app_factory(frame.node, ctx):
            inner = functions[i + 1:]
            return not any(f.route is not None or getattr(f.node, "name", None) in depends for f in inner)
    return False


def _report_constructions(ctx: Context) -> None:
    records = _module_data(ctx).get("xfa5.constructions")
    if not records or ctx.is_test or ctx.is_script:
        return  # a test app or fixture builds its engine per test; a script runs once
    data = _module_data(ctx)
    lifespans: set[str] = data.get("xfa5.lifespans", set())
    depends: set[str] = data.get("xfa5.depends", set())
    for node, tail, functions in records:
        if _runs_once(functions, lifespans, depends, ctx):
            continue
        where = None
        if any(f.route is not None for f in functions):
            where = "a route handler"
        elif any(getattr(f.node, "name", None) in depends or ctx.takes_dependencies(f.node) for f in functions):
            where = "a dependency"
        else:
            caller = _per_request_callers(ctx, depends).get(id(functions[-1].node))
            if caller is not None:
                where = f"{getattr(functions[-1].node, 'name', 'a function')}() (called by {caller})"
        if where is None:
            continue
        what = "engine and connection pool" if tail in _ENGINES else "session factory"
        ctx.report(node, XFA511, call=tail, where=where, what=what)


def _memoised(node: ast.Call, fn: ast.AST, ctx: Context) -> bool:
    """The construction is stored in a module-level cache: ``_engines[url] =
    create_engine(url)`` into a module-level dict, or a ``global`` name the function
    assigns (built once per key, not per call)."""
    parent = ctx.parent
    if not (isinstance(parent, (ast.Assign, ast.AnnAssign)) and parent.value is node):
        return False
    targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
    declared = {
        name for stmt in ast.walk(fn) if isinstance(stmt, ast.Global) for name in stmt.names
    }
    for target in targets:
        if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
            bound = ctx.lookup(target.value.id)
            module_value = ctx.assignments.get(target.value.id)
            if bound is not None and bound.kind == "assign" and module_value is not None and bound.value is module_value:
                return True
        elif isinstance(target, ast.Name) and target.id in declared:
            return True
    return False


def _per_request_callers(ctx: Context, depends: set[str]) -> dict[int, str]:
    """The functions of this module that run per request because a route handler or a
    dependency of this module calls them, directly or through other functions of the
    module (``helper()`` for a module function, ``self.helper()`` for a method of the same
    class): ``id(def)`` -> ``"the route handler list_users()"`` (the first entry point
    found)."""

    def compute() -> dict[int, str]:
        functions: dict[str, list[ast.AST]] = {}
        methods: dict[tuple[int, str], list[ast.AST]] = {}
        owner: dict[int, int] = {}
        entries: list[tuple[ast.AST, str]] = []
        stack: list[tuple[ast.AST, ast.ClassDef | None]] = [(ctx.tree, None)]
        while stack:
            node, cls = stack.pop()
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.ClassDef):
                    stack.append((child, child))
                elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    if cls is not None and node is cls:
                        methods.setdefault((id(cls), child.name), []).append(child)
                        owner[id(child)] = id(cls)
                    elif node is ctx.tree:
                        functions.setdefault(child.name, []).append(child)
                    if ctx.routes_of(child):
                        entries.append((child, f"the route handler {child.name}()"))
                    elif (node is ctx.tree and child.name in depends) or ctx.takes_dependencies(child):
                        entries.append((child, f"the dependency {child.name}()"))
                    stack.append((child, None))
                elif not isinstance(child, ast.Lambda):
                    stack.append((child, cls))
        found: dict[int, str] = {}
        queue = list(entries)
        seen = {id(fn) for fn, _ in entries}
        while queue:
            fn, label = queue.pop(0)
            cls_id = owner.get(id(fn))
            for sub in ast.walk(fn):
                if not isinstance(sub, ast.Call):
                    continue
                func = sub.func
                callees: list[ast.AST] = []
                if isinstance(func, ast.Name):
                    callees = functions.get(func.id, [])
                elif (
                    isinstance(func, ast.Attribute)
                    and isinstance(func.value, ast.Name)
                    and func.value.id in ("self", "cls")
                    and cls_id is not None
                ):
                    callees = methods.get((cls_id, func.attr), [])
                elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                    # ``service.run()`` on a module-level ``service = ReportService(...)``
                    value = ctx.assignments.get(func.value.id)
                    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
                        cls_node = ctx.classes.get(value.func.id)
                        if cls_node is not None:
                            callees = methods.get((id(cls_node), func.attr), [])
                for callee in callees:
                    if id(callee) not in seen:
                        seen.add(id(callee))
                        found[id(callee)] = label
                        queue.append((callee, label))
        return found

    return ctx.memo("xfa5.per_request", compute)


@visitor(ast.keyword, codes=(XFA511,))
def note_lifespan(node: ast.keyword, ctx: Context) -> None:
    if node.arg == "lifespan" and isinstance(node.value, ast.Name):
        _module_data(ctx).setdefault("xfa5.lifespans", set()).add(node.value.id)
    elif node.arg in ("on_startup",) and isinstance(node.value, (ast.List, ast.Tuple)):
        for elt in node.value.elts:
            if isinstance(elt, ast.Name):
                _module_data(ctx).setdefault("xfa5.lifespans", set()).add(elt.id)


@visitor(ast.Call, codes=(XFA511,))
def note_event_handler(node: ast.Call, ctx: Context) -> None:
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr == "add_event_handler" and len(node.args) >= 2:
        handler = node.args[1]
        if isinstance(handler, ast.Name):
            _module_data(ctx).setdefault("xfa5.lifespans", set()).add(handler.id)


@visitor(ast.Module, leave=True, codes=(XFA502, XFA511))
def module_done(node: ast.Module, ctx: Context) -> None:
    data = _module_data(ctx)
    if data.get("xfa5.async") and data.get("xfa5.sync") and not _example_program(ctx):
        sites: list[_SyncSite] = data["xfa5.sync"]
        uses = _SyncUses(ctx, pair=bool(data.get("xfa5.async_pair")))
        named = {s.bound_to: s for s in sites if s.bound_to is not None}
        for site in sites:
            if not uses.off_loop_site(site, named):
                ctx.report(site.node, XFA502, call=site.call, replacement=site.replacement)
    _report_constructions(ctx)


# -- XFA506 ----------------------------------------------------------------------------


def _create_all(attr: ast.expr, report_at: ast.AST, ctx: Context, call: ast.Call) -> None:
    """``call``: ``metadata.create_all(bind, ...)`` itself, or ``conn.run_sync(metadata.create_all, ...)``."""
    if not isinstance(attr, ast.Attribute):
        return
    owner = attr.value
    owner_name = owner.attr if isinstance(owner, ast.Attribute) else owner.id if isinstance(owner, ast.Name) else None
    if owner_name is None or not owner_name.lower().endswith("metadata"):
        return
    if _outside_app(ctx) or _is_cli_file(ctx) or _in_command_package(ctx):
        return
    if _stamped_after(ctx):
        return  # Alembic's "create from scratch, then stamp head": Alembic owns the schema
    if _run_time_tables(call, ctx):
        return  # tables named at run time (one per collection): no migration can know them
    bind = call.func.value if call.func is not attr and isinstance(call.func, ast.Attribute) else _bind_arg(call)
    if bind is not None and _in_memory_bind(bind, ctx):
        return  # an in-memory database: no schema outlives the process
    if _bind_engine_call(bind, ctx) is None and _function_names_in_memory_db(ctx):
        return  # the function builds its database from a ``sqlite…:memory:`` URL (a project class's engine)
    ctx.report(report_at, XFA506, expr=dotted_name(attr) or "metadata.create_all")


def _bind_arg(call: ast.Call) -> ast.expr | None:
    if call.args and not isinstance(call.args[0], ast.Starred):
        return call.args[0]
    kw = keyword(call, "bind")
    return kw.value if kw is not None else None


def _run_time_tables(call: ast.Call, ctx: Context) -> bool:
    """``create_all(tables=[Row.__table__])`` where every table is of a class the enclosing
    function defines with a computed ``__tablename__`` (``__tablename__ = collection_name``):
    a table per collection, made when the collection is."""
    kw = keyword(call, "tables")
    if kw is None or not isinstance(kw.value, (ast.List, ast.Tuple)) or not kw.value.elts or ctx.function is None:
        return False
    for item in kw.value.elts:
        if not (isinstance(item, ast.Attribute) and item.attr == "__table__" and isinstance(item.value, ast.Name)):
            return False
        found = ctx.lookup(item.value.id)
        if found is None or found.kind != "class" or not isinstance(found.node, ast.ClassDef):
            return False
        if ctx.bindings.get(item.value.id) is found:
            return False  # a module-level model: its table is known in advance
        names = [
            stmt.value
            for stmt in found.node.body
            if isinstance(stmt, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "__tablename__" for t in stmt.targets)
        ]
        if not names or any(string_value(v) is not None for v in names):
            return False
    return True


def _in_memory_url(expr: ast.expr | None) -> bool:
    text = string_value(expr) if expr is not None else None
    if text is None:
        return False
    text = text.strip().lower()
    return text.startswith("sqlite") and (
        text.split("://", 1)[-1] in ("", "/:memory:") or ":memory:" in text or "mode=memory" in text
    )


def _in_memory_bind(bind: ast.expr, ctx: Context, depth: int = 0) -> bool:
    """``bind`` (an engine, or a connection of one) is an in-memory SQLite database:
    ``create_engine("sqlite:///:memory:")`` / ``"sqlite://"``, directly or through the names
    this function (or the module) binds, ``engine.begin()``/``engine.connect()`` included."""
    if depth > 4:
        return False
    if isinstance(bind, ast.Call):
        func = bind.func
        if isinstance(func, ast.Attribute) and func.attr in ("begin", "connect"):
            return _in_memory_bind(func.value, ctx, depth + 1)
        if last_name(func) in ("create_engine", "create_async_engine"):
            return _in_memory_url(_url_arg(bind))
        return False
    if isinstance(bind, ast.Name):
        found = _binding(ctx, bind.id)
        return found is not None and _in_memory_bind(found[1], ctx, depth + 1)
    return False


def _bind_engine_call(bind: ast.expr | None, ctx: Context, depth: int = 0) -> ast.Call | None:
    """The ``create_engine(...)``/``create_async_engine(...)`` call ``bind`` is traced to in
    this file (as ``_in_memory_bind`` follows it), or ``None`` when the engine comes from
    elsewhere (an attribute of a project object, a parameter)."""
    if bind is None or depth > 4:
        return None
    if isinstance(bind, ast.Call):
        func = bind.func
        if isinstance(func, ast.Attribute) and func.attr in ("begin", "connect"):
            return _bind_engine_call(func.value, ctx, depth + 1)
        return bind if last_name(func) in ("create_engine", "create_async_engine") else None
    if isinstance(bind, ast.Name):
        found = _binding(ctx, bind.id)
        return _bind_engine_call(found[1], ctx, depth + 1) if found is not None else None
    return None


def _function_names_in_memory_db(ctx: Context) -> bool:
    """The enclosing function holds an in-memory SQLite URL literal
    (``AgentDB("sqlite+aiosqlite:///:memory:")``): the database it sets up and creates the
    tables of lives in the process, whatever project class wraps its engine."""
    frame = ctx.function
    if frame is None:
        return False
    return any(
        isinstance(n, ast.Constant) and isinstance(n.value, str) and ":memory:" in n.value and _in_memory_url(n)
        for n in ast.walk(frame.node)
    )


def _in_command_package(ctx: Context) -> bool:
    """A module of a command package: the nearest enclosing package that has a
    ``__main__.py`` (``python -m tool``) parses a command line there (``argparse``,
    ``click``, ``typer``, ...) and starts no web server, and this module imports no web
    framework: a developer's tool (a benchmark, an evaluation run) whose tables are its own
    scratch storage."""

    def compute() -> bool:
        if {q.split(".", 1)[0] for q in ctx.module_imports.values()} & _SERVER_MODULES:
            return False
        directory = os.path.dirname(os.path.abspath(ctx.filename))
        for _ in range(4):
            if not os.path.isfile(os.path.join(directory, "__init__.py")):
                return False
            main = os.path.join(directory, "__main__.py")
            if os.path.isfile(main):
                summary = ctx.index.summary(main)
                if not summary:
                    return False
                heads = {q.split(".", 1)[0] for q in summary.get("imports", {}).values() if not q.startswith(".")}
                return bool(heads & _CLI_MODULES) and not heads & _SERVER_MODULES
            parent = os.path.dirname(directory)
            if parent == directory:
                return False
            directory = parent
        return False

    return ctx.memo("xfa5.command_package", compute)


_CLI_MODULES = frozenset({"argparse", "click", "typer", "fire", "docopt", "cyclopts", "rich_click", "asyncclick"})
_SERVER_MODULES = frozenset({"fastapi", "starlette", "uvicorn", "gunicorn", "hypercorn", "granian", "litestar"})


_HEAD_REVISIONS = frozenset({"head", "heads"})


def _stamps_head(node: ast.AST) -> bool:
    """``node`` holds a call that stamps the Alembic head revision: ``command.stamp(cfg,
    "head")`` or a wrapper's ``.stamp("head")`` (the revision given as a literal)."""
    for sub in ast.walk(node):
        if not (isinstance(sub, ast.Call) and last_name(sub.func) == "stamp"):
            continue
        values = [*sub.args, *(kw.value for kw in sub.keywords if kw.arg in ("revision", None))]
        if any(string_value(v) in _HEAD_REVISIONS for v in values):
            return True
    return False


def _stamped_after(ctx: Context) -> bool:
    """The code that runs after this ``create_all`` in its function (the rest of each
    enclosing block, outwards) stamps the Alembic head: the cookbook's "build an
    up-to-date database from scratch" (``create_all`` on an empty database, then
    ``alembic stamp head``; later starts go through ``alembic upgrade``)."""
    chain = [*ctx.ancestors, ctx.node]
    for i in range(len(chain) - 2, -1, -1):
        parent, child = chain[i], chain[i + 1]
        if isinstance(parent, (ast.Lambda, ast.ClassDef, ast.Module)):
            return False
        for name in ("body", "orelse", "finalbody"):
            block = getattr(parent, name, None)
            if isinstance(block, list) and any(c is child for c in block):
                position = next(j for j, c in enumerate(block) if c is child)
                if any(_stamps_head(stmt) for stmt in block[position + 1:]):
                    return True
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return False
    return False


_CLI_FILES = frozenset({"cli.py", "manage.py", "commands.py", "__main__.py"})
_CLI_DIRS = ("/cli/", "/commands/", "/management/")


def _is_cli_file(ctx: Context) -> bool:
    """A command-line module (``cli.py``, ``manage.py``, ``commands/``...): an ``init-db``
    command that bootstraps or resets a database is a one-shot developer tool."""
    path = "/" + ctx.filename.replace("\\", "/").lstrip("/")
    return path.rsplit("/", 1)[-1] in _CLI_FILES or any(d in path for d in _CLI_DIRS)




# -- XFA507 / XFA510 ----------------------------------------------------------------------


def _commit(node: ast.Call, receiver: ast.expr, ctx: Context) -> None:
    if node.args or not is_db_session(ctx, receiver):
        return
    loop = ctx.in_body_of((ast.For, ast.While, ast.AsyncFor), ("body",))
    if (
        loop is not None
        and not _followed_by_exit(ctx)
        and not _isolated_per_item(ctx, loop)
        and not _batched(ctx, loop)
        and not _opened_in_loop(ctx, loop, receiver)
        and not _builds_test_data(ctx)
        and not _follows_outside_effect(ctx, loop, node, receiver)
        and not _per_item_by_design(ctx, loop, receiver)
    ):
        ctx.report(node, XFA507, receiver=_receiver_text(receiver))
    data = _fn_data(ctx)
    if data is not None and isinstance(receiver, ast.Name) and ctx.wants(XFA510) and not _outside_app(ctx):
        owned = data.get("xfa5.owned", {}).get(receiver.id)
        swallowing = None
        if owned is not None and owned[0] == "with":
            swallowing = _swallowing_try(ctx, receiver.id, owned[1])
        data.setdefault("xfa5.commits", []).append((node, receiver.id, swallowing))


_BATCH_WORDS = ("batch", "chunk")
_BATCH_TARGETS = ("batch", "chunk", "page")


def _batch_word(name: str | None) -> bool:
    low = (name or "").lower()
    return any(w in low for w in _BATCH_WORDS)


def _batch_target(name: str) -> bool:
    low = name.lower()
    return any(low == w or low.endswith(("_" + w, w + "es", w + "s")) for w in _BATCH_TARGETS)


def _mentions_batch(node: ast.AST) -> bool:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            if _batch_word(sub.id):
                return True
        elif isinstance(sub, ast.Attribute):
            if _batch_word(sub.attr):
                return True
        elif isinstance(sub, ast.keyword):
            if _batch_word(sub.arg):
                return True
        elif isinstance(sub, ast.Constant) and isinstance(sub.value, str) and len(sub.value) < 40:
            if _batch_word(sub.value):
                return True
    return False


def _threshold(node: ast.AST) -> bool:
    """``i % N`` or ``len(pending) >= N``."""
    if isinstance(node, ast.BinOp):
        return isinstance(node.op, ast.Mod)
    return (
        isinstance(node, ast.Compare)
        and isinstance(node.left, ast.Call)
        and isinstance(node.left.func, ast.Name)
        and node.left.func.id == "len"
        and len(node.ops) == 1
        and isinstance(node.ops[0], (ast.Gt, ast.GtE))
    )


def _batched(ctx: Context, loop: ast.AST) -> bool:
    """The loop commits once per batch, not once per item (seed 004 asks for batching):
    ``for batch in batches``/``for start in range(0, n, size)``, a ``while`` loop that pages
    with ``.limit(...)`` or a ``batch_size``, or a commit under ``if len(batch) >= N:`` /
    ``if i % N == 0:``."""
    if _batch_loop(loop):
        return True
    # a threshold commit inside the loop: if len(batch) >= N / if i % N == 0
    chain = ctx.ancestors
    inside = False
    for ancestor in chain:
        if ancestor is loop:
            inside = True
        elif inside and isinstance(ancestor, ast.If):
            test = ancestor.test
            if _mentions_batch(test) or any(_threshold(b) for b in ast.walk(test)):
                return True
    return False


def _batch_loop(loop: ast.AST) -> bool:
    """The loop walks batches: ``for batch in batches``, ``for start in range(0, n, size)``
    (also inside ``enumerate``), ``for chunk in batched(rows, 500)``, or a ``while`` loop
    that pages with ``.limit(...)`` or names a batch."""
    if isinstance(loop, (ast.For, ast.AsyncFor)):
        if any(isinstance(t, ast.Name) and _batch_target(t.id) for t in ast.walk(loop.target)):
            return True
        it = loop.iter
        if isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id == "enumerate" and it.args:
            it = it.args[0]  # ``for i, start in enumerate(range(0, n, size))``
        if isinstance(it, ast.Call):
            func = it.func
            tail = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if tail == "range" and len(it.args) == 3:
                return True
            if _batch_word(tail):
                return True  # batched(rows, 500), chunks(...), iter_batches(...)
    elif isinstance(loop, ast.While):
        for sub in ast.walk(loop):
            if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) and sub.func.attr == "limit":
                return True
        if _mentions_batch(loop):
            return True
    return False


def _opened_in_loop(ctx: Context, loop: ast.AST, receiver: ast.expr) -> bool:
    """The committed session is opened inside the loop body (``async with SessionLocal()
    as s:``, ``with Session(engine) as s:``, ``s = SessionLocal()``): each iteration is its
    own unit of work with its own session, and its commit is that unit's one commit."""
    if not isinstance(receiver, ast.Name):
        return False
    name = receiver.id
    chain = ctx.ancestors
    inside = False
    for ancestor in chain:
        if ancestor is loop:
            inside = True
        elif inside and isinstance(ancestor, (ast.With, ast.AsyncWith)):
            if any(isinstance(item.optional_vars, ast.Name) and item.optional_vars.id == name for item in ancestor.items):
                return True
    stack: list[ast.AST] = list(getattr(loop, "body", ()))
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        if isinstance(node, ast.Assign) and isinstance(node.value, (ast.Call, ast.Await)):
            call = node.value.value if isinstance(node.value, ast.Await) else node.value
            if isinstance(call, ast.Call) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
                return True
        if isinstance(node, ast.stmt):
            stack.extend(ast.iter_child_nodes(node))
    return False


#: the logging API's methods: a log line is no effect that the commit must record
_LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "log", "fatal"})


#: methods that hand work to a task queue: the work is done outside this transaction,
#: whatever object they are called on (``task = handlers[kind]; task.delay(...)``)
_DISPATCH_METHODS = frozenset({"delay", "apply_async", "send_task", "enqueue_job", "kiq"})

#: the leading verb of a function whose call acts outside the database (when awaited and
#: not handed the session): ``await execute_step(...)``, ``await send_invite(...)``
_EFFECT_VERBS = frozenset(
    {"execute", "run", "send", "dispatch", "publish", "notify", "deliver", "invoke", "trigger",
     "post", "upload", "charge", "revoke", "enqueue", "emit", "call", "perform", "process"}
)


def _preceding_statements(ctx: Context, loop: ast.AST) -> list[ast.stmt] | None:
    """The statements of the current iteration that run before the statement holding the
    current node, block by block from the loop body down (``for x in xs: a(); if c: b();
    commit()`` gives ``a()`` and ``b()``; a sibling branch of an ``if`` is not among them)."""
    chain = ctx.ancestors + [ctx.node]
    try:
        start = next(i for i, a in enumerate(chain) if a is loop)
    except StopIteration:
        return None
    before: list[ast.stmt] = []
    for parent, child in zip(chain[start:], chain[start + 1:]):
        if not isinstance(child, ast.stmt):
            continue
        for name in ("body", "orelse", "finalbody"):
            block = getattr(parent, name, None)
            if parent is loop and name != "body":
                continue
            if isinstance(block, list) and any(s is child for s in block):
                for stmt in block:
                    if stmt is child:
                        break
                    before.append(stmt)
                break
    return before


def _passes(call: ast.Call, receiver_text: str | None) -> bool:
    """``call`` hands the session (or something of it) over as an argument."""
    if receiver_text is None:
        return True
    for arg in (*call.args, *(k.value for k in call.keywords)):
        for sub in ast.walk(arg):
            if isinstance(sub, (ast.Name, ast.Attribute)) and dotted_name(sub) == receiver_text:
                return True
    return False


def _effect_verb(func: ast.expr) -> bool:
    name = (last_name(func) or "").lstrip("_").lower()
    return name.split("_", 1)[0] in _EFFECT_VERBS


def _follows_outside_effect(ctx: Context, loop: ast.AST, commit: ast.Call, receiver: ast.expr) -> bool:
    """Earlier in the same iteration, a call acts on something outside the database: a
    statement that only calls a method of an object (a parameter, an attribute of ``self``,
    a name bound outside the loop; not an imported module or name) that is neither the
    session nor bound in the loop (``executor.revoke(task_id)``, ``await
    self.queue.publish(event)``), a task-queue dispatch on any object (``task.delay(...)``,
    ``.apply_async(...)``), or an awaited call of a function named for an effect
    (``result = await execute_step(step)``, ``await send_invite(user)``) that is not handed
    the session — the commit then records, item by item, what was already done outside the
    transaction, and committing once after the loop would lose that record for every item
    when one fails. Log calls and calls on the loop's own objects (``row.touch()``) do not
    count."""
    preceding = _preceding_statements(ctx, loop)
    if not preceding:
        return False
    local = _loop_bound_names(loop)
    receiver_text = dotted_name(receiver)
    for stmt in preceding:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Expr):
                value = node.value
            elif isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, ast.Await):
                value = node.value
            else:
                continue
            awaited = isinstance(value, ast.Await)
            call = value.value if awaited else value
            if not isinstance(call, ast.Call):
                continue
            if awaited and _effect_verb(call.func) and not _passes(call, receiver_text) and _function_callee(ctx, call.func):
                return True
            if not isinstance(node, ast.Expr) or not isinstance(call.func, ast.Attribute):
                continue
            if call.func.attr in _LOG_METHODS:
                continue
            target = call.func.value
            if receiver_text is not None and (dotted_name(target) or "").startswith(receiver_text):
                continue  # the session itself: session.add(...), session.execute(...)
            if call.func.attr in _DISPATCH_METHODS and not is_db_session(ctx, target):
                return True  # ``task.delay(...)``: queued work, outside this transaction
            head = target
            while isinstance(head, (ast.Attribute, ast.Subscript, ast.Call)):
                head = head.func if isinstance(head, ast.Call) else head.value
            if not isinstance(head, ast.Name) or head.id in local:
                continue
            if head.id in ("self", "cls") and not isinstance(target, ast.Attribute):
                continue  # self.helper(): this object's own method, effect unknown
            if is_db_session(ctx, target) or ctx.is_builtin(head):
                continue
            binding = ctx.lookup(head.id)
            if binding is not None and binding.kind == "assign" and isinstance(binding.value, (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)):
                continue  # a local container: results.append(...)
            if binding is None and head.id not in ("self", "cls"):
                continue  # unknown name
            if binding is not None and binding.kind == "import":
                continue  # a module's function (``helpers.validate_key(...)``): what it does is unknown
            return True
    return False


def _function_callee(ctx: Context, func: ast.expr) -> bool:
    """``func`` names a function, not a method of an object: a name of this module or an
    imported one (``execute_step``), or a function of an imported module
    (``steps.execute_step``) — not of ``asyncio``/``anyio``/``trio``."""
    if isinstance(func, ast.Name):
        binding = ctx.lookup(func.id)
        if binding is None or binding.kind not in ("import", "def"):
            return False
        head = func
    elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        binding = ctx.lookup(func.value.id)
        if binding is None or binding.kind != "import":
            return False
        head = func.value
    else:
        return False
    return not ctx.imported_from(head, "asyncio", "anyio", "trio")


def _own_nodes_of(body: list[ast.stmt]) -> list[ast.AST]:
    """The nodes of ``body``, nested functions, classes and lambdas left out."""
    found: list[ast.AST] = []
    stack: list[ast.AST] = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        found.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return found


def _session_call(node: ast.AST, method: str, receiver_text: str | None) -> bool:
    return (
        receiver_text is not None
        and isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == method
        and dotted_name(node.func.value) == receiver_text
    )


def _per_item_by_design(ctx: Context, loop: ast.AST, receiver: ast.expr) -> bool:
    """Each iteration is its own transaction by design, shown by the loop body itself:

    * an ``except`` handler in the body rolls the same session back — one failing item is
      undone alone, which a commit batched after the loop would turn into undoing them all;
    * a loop nested in the body commits the same session once per batch (``while True:
      ... .limit(n) ... commit()``) — the iteration is already several transactions, so one
      commit after the outer loop would not make it one."""
    receiver_text = dotted_name(receiver)
    if receiver_text is None:
        return False
    for node in _own_nodes_of(getattr(loop, "body", [])):
        if isinstance(node, ast.ExceptHandler):
            if any(_session_call(sub, "rollback", receiver_text) for sub in _own_nodes_of(node.body)):
                return True
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.While)) and _batch_loop(node):
            if any(_session_call(sub, "commit", receiver_text) for sub in _own_nodes_of(node.body)):
                return True
    return False


def _loop_bound_names(loop: ast.AST) -> set[str]:
    """Names the loop binds: its target and every name assigned in its body."""
    names: set[str] = set()
    target = getattr(loop, "target", None)
    if target is not None:
        names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
    for stmt in getattr(loop, "body", []):
        for node in ast.walk(stmt):
            if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                names.add(node.id)
    return names


_TEST_DATA_WORDS = frozenset(
    {"seed", "seeds", "seeding", "seeder", "seeders", "fixture", "fixtures", "factory", "factories"}
)


def _builds_test_data(ctx: Context) -> bool:
    """Tests, scripts, and test-data builders (seed, fixture and factory modules or
    functions): one commit per built object is how they are written, and no request
    waits on them."""
    if ctx.is_test or ctx.is_script:
        return True
    def by_path() -> bool:
        path = ctx.filename.replace("\\", "/").lower()
        if path.endswith(".py"):
            path = path[:-3]
        words = set(re.split(r"[/_\-.]+", path))
        return bool(words & _TEST_DATA_WORDS)
    if ctx.memo("xfa5.test_data_path", by_path):
        return True
    for frame in ctx.frames:
        if frame.kind == "function":
            words = set(getattr(frame.node, "name", "").lower().strip("_").split("_"))
            if words & _TEST_DATA_WORDS:
                return True
    return False


def _isolated_per_item(ctx: Context, loop: ast.AST) -> bool:
    """The commit is in a ``try`` (with ``except``) inside the loop: one transaction per
    item on purpose, so that one failing item does not undo the others."""
    tried = ctx.in_body_of((ast.Try, _TRY_STAR), ("body",))
    if tried is None or not getattr(tried, "handlers", None):
        return False
    position = {id(a): i for i, a in enumerate(ctx.ancestors)}
    return position.get(id(tried), -1) > position.get(id(loop), len(position))


_CLI_DECORATORS = frozenset({"command", "group", "callback"})


def _outside_app(ctx: Context) -> bool:
    """Tests, scripts, migrations, ``__main__`` blocks and CLI commands: one-shot
    processes where an exception ends the process (and its connections)."""
    if ctx.is_test or ctx.is_script or _is_alembic_env(ctx) or ctx.in_main_block:
        return True
    for frame in ctx.frames:
        for decorator in getattr(frame.node, "decorator_list", ()) if frame.kind == "function" else ():
            if _decorator_tail(decorator) in _CLI_DECORATORS:
                return True
    return False


def _statement_of(ctx: Context) -> tuple[ast.stmt, list[ast.stmt]] | None:
    """The statement holding the current node and the statement list it is in."""
    chain = ctx.ancestors + [ctx.node]
    for i in range(len(chain) - 1, 0, -1):
        node = chain[i]
        if isinstance(node, ast.stmt):
            parent = chain[i - 1]
            for name in ("body", "orelse", "finalbody"):
                block = getattr(parent, name, None)
                if isinstance(block, list) and any(s is node for s in block):
                    return node, block
            return None
    return None


def _followed_by_exit(ctx: Context) -> bool:
    """The commit statement is followed by ``break``/``return`` in its block (also when
    the block is a ``try`` body, or the ``try`` is followed by one)."""
    chain = ctx.ancestors + [ctx.node]
    for i in range(len(chain) - 1, 0, -1):
        node = chain[i]
        if isinstance(node, (ast.For, ast.While, ast.AsyncFor)) or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            return False
        if not isinstance(node, ast.stmt):
            continue
        parent = chain[i - 1]
        for name in ("body", "orelse", "finalbody"):
            block = getattr(parent, name, None)
            if isinstance(block, list):
                for j, stmt in enumerate(block):
                    if stmt is node:
                        if any(isinstance(s, (ast.Break, ast.Return)) for s in block[j + 1:]):
                            return True
        if not isinstance(parent, (ast.Try, _TRY_STAR, ast.If, ast.With, ast.AsyncWith)):
            return False
    return False


def _swallowing_try(ctx: Context, name: str, with_node: ast.AST) -> ast.AST | None:
    """The ``try`` inside the session's ``with`` block whose body holds the commit, when
    one of its handlers neither re-raises nor rolls ``name`` back.  (A ``try`` around the
    whole ``with`` runs its handlers after the session was closed, i.e. rolled back.)"""
    tried = ctx.in_body_of((ast.Try, _TRY_STAR), ("body",))
    if tried is None:
        return None
    position = {id(a): i for i, a in enumerate(ctx.ancestors)}
    if id(with_node) not in position or position[id(tried)] < position[id(with_node)]:
        return None
    for handler in tried.handlers:  # type: ignore[attr-defined]
        raises = rolls_back = False
        for sub in ast.walk(handler):
            if isinstance(sub, ast.Raise):
                raises = True
            elif (
                isinstance(sub, ast.Call)
                and isinstance(sub.func, ast.Attribute)
                and sub.func.attr in ("rollback", "close")
                and isinstance(sub.func.value, ast.Name)
                and sub.func.value.id == name
            ):
                rolls_back = True
        if not raises and not rolls_back:
            if _last_use(ctx, name, with_node, tried, handler):
                return None  # nothing uses the session again: leaving the block closes it
            return tried
    return None


def _last_use(ctx: Context, name: str, with_node: ast.AST, tried: ast.AST, handler: ast.ExceptHandler) -> bool:
    """After the swallowed error nothing touches ``name`` again before its ``with`` block
    ends: no loop between the block and the ``try`` runs it again, the handler does not use
    it, and no later statement of the block names it — so the next thing to happen to the
    session is ``__exit__``/``__aexit__``, which closes it and so rolls the failed
    transaction back."""
    chain = ctx.ancestors
    position = {id(a): i for i, a in enumerate(chain)}
    for ancestor in chain[position[id(with_node)] + 1 : position[id(tried)]]:
        if isinstance(ancestor, (ast.For, ast.AsyncFor, ast.While)):
            return False
    if any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(handler)):
        return False
    end = getattr(tried, "end_lineno", None)
    if end is None:
        return False
    for stmt in getattr(with_node, "body", []):
        for node in ast.walk(stmt):
            if isinstance(node, ast.Name) and node.id == name and node.lineno > end:
                return False
    return True


@visitor(ast.FunctionDef, ast.AsyncFunctionDef, leave=True, codes=(XFA510, XFA513, XFA515))
def function_done(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    data = ctx.frame.data
    if "xfa5.commits" in data:
        _check_rollback(data, ctx)
    if "xfa5.redis" in data:
        _check_redis(data, ctx)
    if "xfa5.all" in data:
        _check_unbounded(data, ctx)


def _check_rollback(data: dict[str, Any], ctx: Context) -> None:
    owned: dict[str, tuple[str, ast.AST]] = data.get("xfa5.owned", {})
    begun: set[str] = data.get("xfa5.begin", set())
    cleaned: set[str] = data.get("xfa5.cleanup", set())
    for call, name, swallowing in data["xfa5.commits"]:
        if name not in owned or name in begun or name in cleaned:
            continue
        kind, _ = owned[name]
        if kind == "assign":
            fix = f"wrap it in try/except: {name}.rollback(); raise, with {name}.close() in finally (or use async with SessionLocal.begin() as {name}:)"
            ctx.report(call, XFA510, receiver=name, fix=fix)
        elif swallowing is not None:
            fix = f"call {name}.rollback() in the except block before carrying on (or re-raise)"
            ctx.report(call, XFA510, receiver=name, fix=fix)


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


def _len_call(node: ast.Call, ctx: Context) -> None:
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


# -- XFA509 ----------------------------------------------------------------------------


def _upsert(node: ast.Call, ctx: Context) -> None:
    if has_kwargs_splat(node) or len(node.args) >= 4 or any(isinstance(a, ast.Starred) for a in node.args):
        return
    set_ = keyword(node, "set_")
    if set_ is None or (isinstance(set_.value, ast.Dict) and not set_.value.keys):
        ctx.report(node, XFA509)


# -- XFA512 ----------------------------------------------------------------------------

_SQL_KEYWORDS = frozenset(
    {"select", "insert", "update", "delete", "with", "create", "drop", "alter", "truncate", "grant",
     "revoke", "merge", "upsert", "replace", "set", "call", "exec", "execute", "copy", "vacuum",
     "analyze", "pragma", "comment", "do", "reindex", "refresh"}
)
#: statements that take no bound parameters (utility statements, DDL): the advice there
#: is quoting, not ``bindparams``
_NO_BIND_KEYWORDS = frozenset(
    {"set", "reset", "pragma", "create", "alter", "drop", "grant", "revoke", "truncate", "vacuum",
     "analyze", "comment", "do", "reindex", "cluster", "refresh", "lock"}
)
_IDENTIFIER_BEFORE = lazy_re.compile(
    r"(?:\b(?:from|join|into|update|table|schema|database|exists|view|sequence|index|trigger|to|truncate)\s+"
    r"(?:only\s+)?|[\"`.\[])$",
    re.I,
)
#: a column list: ``INSERT INTO t ({cols})``, ``INSERT INTO t (id, {cols}``
_COLUMN_LIST_BEFORE = lazy_re.compile(r"\binto\s+[\w.\"`\[\]]+\s*\([\w\s,\"`]*$", re.I)
#: names in DDL (``CREATE``/``ALTER``): the source of ``CREATE TABLE t (LIKE src)`` /
#: ``CREATE TABLE t LIKE src``, a type's modifier (``VECTOR({dims})``, ``VARCHAR({n})``)
_DDL_NAME_BEFORE = lazy_re.compile(r"(?:\blike\s+|\b[a-z_]\w*\()$", re.I)
#: the text before a placeholder that makes it (part of) a bind parameter's name:
#: ``:tag_{i}`` (one colon: ``::{type}`` is a cast)
_BIND_NAME_BEFORE = lazy_re.compile(r"(?<![:\w]):\w*$")
_BIND_FIX = 'use bound parameters: text("... WHERE id = :id").bindparams(id=value)'
_SET_FIX = (
    "SET cannot take bound parameters; bind the value through set_config() instead: "
    "text(\"SELECT set_config('app.setting', :value, true)\") (PostgreSQL; true = SET LOCAL)"
)
_QUOTE_FIX = (
    "{what} cannot take bound parameters; quote what you interpolate: "
    "dialect.identifier_preparer.quote(name) for identifiers, "
    'literal(value).compile(dialect=dialect, compile_kwargs={{"literal_binds": True}}) for values'
)
#: calls that quote or escape what they are given for SQL
_QUOTING_CALLS = frozenset(
    {"quote_identifier", "quote_ident", "quote_literal", "quote_name", "quote_schema",
     "escape_identifier", "escape_literal", "escape_string", "format_table", "format_column"}
)
_NUMBER_CALLS = frozenset({"int", "float", "len", "bool", "round"})
#: a quoting helper however the project spells it: ``_quote_identifier``, ``quoted_literal``
#: (not SQLAlchemy's ``quoted_name()``, which renders unquoted in an f-string)
_QUOTING_NAME = lazy_re.compile(r"(?:quote|quoted|escape|escaped)_(?:ident|identifier|literal|name|schema|string|table|column)s?")
#: what makes a UUID: its value renders as hex digits and dashes only
_UUID_FACTORIES = frozenset({"uuid.UUID", "uuid.uuid1", "uuid.uuid3", "uuid.uuid4", "uuid.uuid5", "uuid.uuid7"})


def _check_sql_interpolation(arg: ast.expr, ctx: Context, need_sql_keyword: bool = False) -> None:
    if not ctx.wants(XFA512) or _outside_sql_scope(ctx):
        return
    found = _interpolation(arg, ctx, need_sql_keyword)
    if found is None:
        return
    if _injection_check_suppressed(arg, ctx):
        return  # ``# noqa: S608`` / ``# nosec B608`` on the statement: reviewed on purpose
    how, head = found
    words = head.strip().split(None, 1)
    keyword_ = words[0].lower().strip("(") if words else ""
    parent = ctx.parent
    if isinstance(parent, ast.keyword) and parent.arg in ("server_default", "server_onupdate"):
        fix = _QUOTE_FIX.format(what="a server default")
    elif keyword_ == "set":
        fix = _SET_FIX
    elif keyword_ in _NO_BIND_KEYWORDS:
        fix = _QUOTE_FIX.format(what=keyword_.upper())
    else:
        fix = _BIND_FIX
    ctx.report(arg, XFA512, how=how, fix=fix)


#: a suppression of another linter's report of this very statement: bandit's / ruff's
#: hardcoded-SQL-expression check (``S608``, ``B608``): the author met the SQL-injection warning
#: on this statement and kept the interpolation on purpose
_SQL_INJECTION_SUPPRESSED = lazy_re.compile(r"noqa\s*:.*\bS608\b|nosec\b.*\bB608\b", re.IGNORECASE)


def _injection_check_suppressed(arg: ast.expr, ctx: Context) -> bool:
    """A line of the SQL expression ``arg`` (or of the statement it is in) carries
    ``# noqa: S608`` or ``# nosec B608``."""
    lines = ctx.lines
    if lines is None:
        return False
    first = arg.lineno
    last = getattr(arg, "end_lineno", None) or first
    for node in ctx.ancestors[::-1]:
        if isinstance(node, ast.stmt):
            if not hasattr(node, "body"):  # a simple statement; a ``with``/``if`` header only spans ``arg``
                first, last = min(first, node.lineno), max(last, getattr(node, "end_lineno", None) or last)
            break
    for lineno in range(first, last + 1):
        if 0 < lineno <= len(lines):
            text = comment_of(lines[lineno - 1])
            if text is not None and _SQL_INJECTION_SUPPRESSED.search(text):
                return True
    return False


def _outside_sql_scope(ctx: Context) -> bool:
    """Tests, scripts (seeds, one-off tools) and Alembic revisions: no request data
    reaches their SQL."""
    return ctx.is_test or ctx.is_script or _is_alembic_env(ctx)


def _interpolation(arg: ast.expr, ctx: Context, need_sql_keyword: bool = False) -> tuple[str, str] | None:
    """``(how, leading literal text)`` when ``arg`` builds SQL text by interpolating a
    value that is neither a constant, nor in an identifier or bind-parameter-name
    position, nor quoted."""
    parsed = _slots(arg)
    if parsed is None:
        return None
    how, head, slots = parsed
    if not slots:
        return None
    if need_sql_keyword:
        words = head.strip().split(None, 1)
        if not words or words[0].lower().strip("(") not in _SQL_KEYWORDS:
            return None
    words = head.strip().split(None, 1)
    ddl = bool(words) and words[0].lower().strip("(") in ("create", "alter")

    def name_position(before: str) -> bool:
        tail = before[-60:]
        if _IDENTIFIER_BEFORE.search(tail) or _BIND_NAME_BEFORE.search(before) or _COLUMN_LIST_BEFORE.search(tail):
            return True
        # DDL: ``CREATE TABLE t (LIKE {src})``, a type modifier ``VECTOR({dims})``
        return ddl and bool(_DDL_NAME_BEFORE.search(tail))

    # a value written in a name position once is a name wherever it appears
    # (``INSERT INTO t ({cols}) SELECT {cols} FROM s``)
    name_values = {ast.dump(v) for before, v in slots if v is not None and name_position(before)}
    for before, value in slots:
        if name_position(before):
            continue
        if value is not None and (ast.dump(value) in name_values or _safe_value(value, ctx)):
            continue
        return how, head
    return None


Slot = tuple[str, "ast.expr | None"]


def _slots(arg: ast.expr) -> tuple[str, str, list[Slot]] | None:
    """``(how, leading literal text, slots)``: each interpolated value with the literal
    text before it (``None`` as value when the template does not say which one)."""
    if isinstance(arg, ast.JoinedStr):
        return "an f-string", _literal_head(arg), _joined_slots(arg, "")[1]
    if isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Mod):
        template = string_value(arg.left)
        if not template:
            return None
        return "% formatting", template, _percent_slots(template, arg.right)
    if isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Add):
        parts = _flatten_add(arg)
        if not any(string_value(p) is not None or isinstance(p, ast.JoinedStr) for p in parts):
            return None
        before = ""
        slots: list[Slot] = []
        head = None
        for part in parts:
            text = string_value(part)
            if text is not None:
                head = text if head is None else head
                before += text
            elif isinstance(part, ast.JoinedStr):
                head = _literal_head(part) if head is None else head
                before, more = _joined_slots(part, before)
                slots.extend(more)
            else:
                slots.append((before, part))
                before += "x"
        return "string concatenation", head or "", slots
    if (
        isinstance(arg, ast.Call)
        and isinstance(arg.func, ast.Attribute)
        and arg.func.attr == "format"
        and string_value(arg.func.value) is not None
        and (arg.args or arg.keywords)
    ):
        template = string_value(arg.func.value) or ""
        return "str.format()", template, _format_slots(template, arg)
    return None


def _literal_head(node: ast.JoinedStr) -> str:
    return (string_value(node.values[0]) if node.values else "") or ""


def _joined_slots(node: ast.JoinedStr, before: str) -> tuple[str, list[Slot]]:
    slots: list[Slot] = []
    for value in node.values:
        text = string_value(value)
        if text is not None:
            before += text
        elif isinstance(value, ast.FormattedValue):
            if not isinstance(value.value, ast.Constant) and not _numeric_spec(value):
                slots.append((before, value.value))
            before += "x"
    return before, slots


def _numeric_spec(value: ast.FormattedValue) -> bool:
    """``{n:d}``, ``{x:.2f}``: the format spec only accepts numbers."""
    spec = value.format_spec
    if value.conversion != -1 or not isinstance(spec, ast.JoinedStr) or len(spec.values) != 1:
        return False
    text = string_value(spec.values[0]) or ""
    return bool(re.fullmatch(r"[<>=^]?[+\- ]?#?0?\d*[,_]?(?:\.\d+)?[bdoxXeEfFgGn%]", text))


_PERCENT_FIELD = lazy_re.compile(r"%(?:\(([^)]*)\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]")
_FORMAT_FIELD = lazy_re.compile(r"(?<!\{)\{([^{}]*)\}(?!\})")


def _percent_slots(template: str, right: ast.expr) -> list[Slot]:
    text = template.replace("%%", "  ")
    fields = list(_PERCENT_FIELD.finditer(text))
    values: list[ast.expr | None]
    if isinstance(right, ast.Dict) and all(string_value(k) is not None for k in right.keys if k is not None) and None not in right.keys:
        by_key = {string_value(k): v for k, v in zip(right.keys, right.values)}
        values = [by_key.get(m.group(1)) if m.group(1) is not None else None for m in fields]
    elif isinstance(right, ast.Tuple):
        elts = right.elts
        if len(elts) == len(fields) and not any(isinstance(e, ast.Starred) for e in elts):
            values = list(elts)
        else:
            values = [None] * len(fields)
    else:
        values = [right] if len(fields) == 1 and fields[0].group(1) is None else [None] * len(fields)
    slots: list[Slot] = []
    for m, value in zip(fields, values):
        if value is not None and _is_constant_expr(value):
            continue
        slots.append((text[: m.start()], value))
    return slots


def _format_slots(template: str, call: ast.Call) -> list[Slot]:
    keywords = {kw.arg: kw.value for kw in call.keywords if kw.arg is not None}
    splat = has_kwargs_splat(call) or any(isinstance(a, ast.Starred) for a in call.args)
    slots: list[Slot] = []
    auto = 0
    for m in _FORMAT_FIELD.finditer(template):
        field = m.group(1).split("!", 1)[0].split(":", 1)[0]
        value: ast.expr | None = None
        if not splat:
            if field == "":
                value = call.args[auto] if auto < len(call.args) else None
                auto += 1
            elif field.isdigit():
                index = int(field)
                value = call.args[index] if index < len(call.args) else None
            elif field.isidentifier():
                value = keywords.get(field)
        if value is not None and _is_constant_expr(value):
            continue
        slots.append((template[: m.start()], value))
    return slots


def _flatten_add(node: ast.expr) -> list[ast.expr]:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _flatten_add(node.left) + _flatten_add(node.right)
    return [node]


def _is_constant_expr(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Tuple):
        return all(_is_constant_expr(e) for e in node.elts)
    if isinstance(node, ast.JoinedStr):
        return not any(isinstance(v, ast.FormattedValue) for v in node.values)
    return False


def _safe_value(expr: ast.expr, ctx: Context, depth: int = 0) -> bool:
    """``expr`` cannot carry SQL of a request into the text: a constant (also a
    module-level constant, or a local name only ever bound to safe values), a number
    (``int(x)``, ``{n:d}``), a value quoted for SQL
    (``dialect.identifier_preparer.quote(x)``, ``literal(x).compile(..., literal_binds)``,
    ``x.replace("'", "''")``), a table name (``Model.__tablename__``), or a list of
    bind-parameter markers (``", ".join(f":id_{i}" for i in ...)``, ``",".join("?" * n)``)."""
    if depth > 8:
        return False
    if isinstance(expr, ast.Constant):
        return True
    if isinstance(expr, ast.JoinedStr):
        return _safe_fstring(expr, ctx, depth)
    if isinstance(expr, ast.IfExp):
        return _safe_value(expr.body, ctx, depth + 1) and _safe_value(expr.orelse, ctx, depth + 1)
    if isinstance(expr, ast.BinOp):
        if isinstance(expr.op, ast.Add):
            return all(_safe_value(p, ctx, depth + 1) for p in _flatten_add(expr))
        if isinstance(expr.op, ast.Mult) and any(_constant_sequence(side) for side in (expr.left, expr.right)):
            return True  # ``"?, " * n``, ``[":id"] * n``
        if isinstance(expr.op, (ast.Mult, ast.Sub, ast.FloorDiv, ast.Div, ast.Mod, ast.Pow)):
            # arithmetic on safe values: ``page * size`` with ``page: int``
            return _safe_value(expr.left, ctx, depth + 1) and _safe_value(expr.right, ctx, depth + 1)
        return False
    if isinstance(expr, ast.Await):
        return isinstance(expr.value, ast.Call) and _safe_call(expr.value, ctx, depth)
    if isinstance(expr, ast.Name):
        return _safe_name(expr.id, ctx, depth)
    if isinstance(expr, ast.Attribute):
        return _table_name(expr) or _safe_self_attr(expr, ctx, depth)
    if isinstance(expr, ast.Call):
        return _safe_call(expr, ctx, depth)
    return False


def _safe_self_attr(expr: ast.Attribute, ctx: Context, depth: int) -> bool:
    """``self.<attr>`` that every method of the enclosing class of this file assigns a
    UUID (``self.ws_id = WorkspaceUUID.new(raw)``, ``self.key = uuid4()``): its text is hex
    digits and dashes."""
    if not (isinstance(expr.value, ast.Name) and expr.value.id == "self"):
        return False
    cls = next((f.node for f in reversed(ctx.frames) if f.kind == "class"), None)
    if not isinstance(cls, ast.ClassDef):
        return False
    values: list[ast.expr] = []
    for node in ast.walk(cls):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        for target in targets:
            if (
                isinstance(target, ast.Attribute)
                and target.attr == expr.attr
                and isinstance(target.value, ast.Name)
                and target.value.id == "self"
            ):
                if isinstance(node, ast.AugAssign) or node.value is None:
                    return False
                values.append(node.value)
            elif not isinstance(target, (ast.Name, ast.Attribute)):
                if any(isinstance(t, ast.Attribute) and t.attr == expr.attr for t in ast.walk(target)):
                    return False  # ``self.a, self.b = ...``: not followed
    return bool(values) and all(isinstance(v, ast.Call) and _uuid_call(v, ctx) for v in values)


def _uuid_class(ctx: Context, expr: ast.expr) -> bool:
    """``expr`` is ``uuid.UUID`` or a class deriving it (through the project index)."""
    if ctx.resolve(expr) == "uuid.UUID":
        return True
    ancestors = ctx.class_ancestors(expr)
    return bool(ancestors) and "uuid.UUID" in ancestors and "?" not in ancestors  # type: ignore[operator]


def _uuid_call(call: ast.Call, ctx: Context) -> bool:
    """``uuid4()``, ``UUID(raw)``, ``WorkspaceUUID(raw)`` or a constructor classmethod of a
    UUID class (``WorkspaceUUID.new(raw)``, ``.from_short(s)``, ``.new_uuid4()``)."""
    func = call.func
    if ctx.resolve(func) in _UUID_FACTORIES:
        return True
    if _uuid_class(ctx, func):
        return True
    return (
        isinstance(func, ast.Attribute)
        and (func.attr.startswith("new") or func.attr.startswith("from_"))
        and _uuid_class(ctx, func.value)
    )


def _constant_sequence(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    return isinstance(node, (ast.List, ast.Tuple)) and all(isinstance(e, ast.Constant) for e in node.elts)


def _safe_fstring(node: ast.JoinedStr, ctx: Context, depth: int) -> bool:
    _, slots = _joined_slots(node, "")
    bind_values = {ast.dump(v) for before, v in slots if v is not None and _BIND_NAME_BEFORE.search(before)}
    for before, value in slots:
        if _BIND_NAME_BEFORE.search(before) or (value is not None and ast.dump(value) in bind_values):
            continue
        if value is None or not _safe_value(value, ctx, depth + 1):
            return False
    return True


def _table_name(expr: ast.Attribute) -> bool:
    """``Model.__tablename__``, ``Model.__table__.name``/``.fullname``, ``Model.__table__``."""
    if expr.attr in ("__tablename__", "__table__"):
        return True
    return expr.attr in ("name", "fullname") and isinstance(expr.value, ast.Attribute) and expr.value.attr == "__table__"


def _safe_call(call: ast.Call, ctx: Context, depth: int) -> bool:
    func = call.func
    tail = last_name(func)
    if tail is None:
        return False
    if isinstance(func, ast.Name) and ctx.is_builtin(func):
        if tail in _NUMBER_CALLS:
            return True
        if tail == "str" and len(call.args) == 1:
            return _safe_value(call.args[0], ctx, depth + 1)
        return False
    spelled = tail.lstrip("_").lower()
    if tail in _QUOTING_CALLS or (spelled != "quoted_name" and _QUOTING_NAME.fullmatch(spelled)):
        return True
    if _uuid_call(call, ctx):
        return True
    if tail == "quote" and "preparer" in (dotted_name(func) or ""):
        return True  # dialect.identifier_preparer.quote(name)
    if tail == "compile":
        options = keyword(call, "compile_kwargs")
        if options is not None and isinstance(options.value, ast.Dict):
            return any(string_value(k) == "literal_binds" for k in options.value.keys if k is not None)
        return False
    if tail == "replace" and len(call.args) == 2 and [string_value(a) for a in call.args] == ["'", "''"]:
        return True  # escapes a string literal's quotes
    if tail == "join" and isinstance(func, ast.Attribute) and string_value(func.value) is not None and len(call.args) == 1:
        items = call.args[0]
        if isinstance(items, ast.Name):
            return _safe_list(items.id, ctx, depth + 1)
        if isinstance(items, (ast.GeneratorExp, ast.ListComp, ast.SetComp)):
            return _safe_value(items.elt, ctx, depth + 1)
        if isinstance(items, (ast.List, ast.Tuple)):
            return all(_safe_value(e, ctx, depth + 1) for e in items.elts)
        if isinstance(items, ast.BinOp) and isinstance(items.op, ast.Mult):
            return any(_constant_sequence(side) for side in (items.left, items.right))
    return False


def _safe_name(name: str, ctx: Context, depth: int) -> bool:
    for frame in reversed(ctx.frames):
        if frame.kind == "class":
            break
        if frame.kind == "lambda" and name in frame.params:
            return False
        if frame.kind != "function":
            continue
        if name in frame.params:
            # a parameter annotated ``int``/``float``/``bool`` holds a number: formatting one
            # cannot put SQL into the text (any other annotation is a hint, not a check)
            return _numeric_annotation(frame.params[name], ctx)
        values = _function_values(frame).get(name, ())
        if name in _function_values(frame):
            if values is None or not values:
                return False
            return all(_safe_value(v, ctx, depth + 1) for v in values)
    value = ctx.assignments.get(name)
    if value is None:
        return _imported_number(name, ctx)
    return _module_constant(value, ctx, depth)


#: an imported module-level value that is a number: ``LIMIT = 10``,
#: ``THRESHOLD: float = float(os.environ.get(...))`` of the project's config module
_NUMBER_DESC_CALLS = frozenset({"int", "float", "bool", "round"})


def _imported_number(name: str, ctx: Context) -> bool:
    """``name`` is imported from a project module where it is a number: a numeric literal
    or the result of ``int()``/``float()``/``bool()`` (its text is digits, a sign, a dot)."""
    found = ctx.lookup(name)
    if found is None or found.kind != "import":
        return False
    symbol = ctx.symbol(ast.Name(id=name, ctx=ast.Load()))
    if symbol is None or symbol.kind != "value" or not isinstance(symbol.info, dict):
        return False
    desc = symbol.info
    if desc.get("k") == "const":
        return desc.get("t") in ("int", "float", "bool")
    return desc.get("k") == "call" and desc.get("f") in _NUMBER_DESC_CALLS


def _numeric_annotation(annotation: ast.expr | None, ctx: Context) -> bool:
    """``n: int``, ``Annotated[int, ...]``, ``Optional[float]``: a number (or ``None``)."""
    if annotation is None:
        return False
    base, _ = ctx.unwrap_annotation(annotation)
    if isinstance(base, ast.Name) and base.id in ("int", "float", "bool") and ctx.is_builtin(base):
        return True
    # ``workspace_id: UUID`` (also a project subclass of it): hex digits and dashes
    return isinstance(base, (ast.Name, ast.Attribute)) and _uuid_class(ctx, base)


def _safe_list(name: str, ctx: Context, depth: int) -> bool:
    """A local list the function builds only from safe values: ``parts = []`` (or a
    literal of safe items), then ``parts.append(v)``/``parts.extend([v, ...])``/
    ``parts.insert(i, v)`` with safe values only and no other binding or mutation
    (``", ".join(parts)`` of ``"name = :name"`` fragments)."""
    if depth > 8:
        return False
    for frame in reversed(ctx.frames):
        if frame.kind == "class":
            return False
        if frame.kind != "function":
            continue
        if name in frame.params:
            return False
        values = _function_values(frame)
        if name not in values:
            continue
        bound = values[name]
        if not bound or len(bound) != 1 or not isinstance(bound[0], (ast.List, ast.Tuple)):
            return False
        items = [*bound[0].elts]
        added = _list_additions(frame).get(name, [])
        if added is None:
            return False
        items.extend(added)
        return all(not isinstance(e, ast.Starred) and _safe_value(e, ctx, depth + 1) for e in items)
    return False


def _list_additions(frame: Any) -> dict[str, list[ast.expr] | None]:
    """What a function's body adds to its local lists: ``name -> [values]`` from
    ``name.append(v)``, ``name.insert(i, v)``, ``name.extend([...])`` and ``name += [...]``;
    ``None`` when the list is changed in a way not followed (``extend(other)``,
    ``name[i] = v``, ``name += other``)."""
    found = frame.data.get("xfa5.additions")
    if found is not None:
        return found
    out: dict[str, list[ast.expr] | None] = {}

    def add(name: str, values: list[ast.expr] | None) -> None:
        current = out.get(name, [])
        out[name] = None if current is None or values is None else [*current, *values]

    for node in ast.walk(frame.node):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
            name, method = node.func.value.id, node.func.attr
            if method == "append" and len(node.args) == 1 and not node.keywords:
                add(name, [node.args[0]])
            elif method == "insert" and len(node.args) == 2:
                add(name, [node.args[1]])
            elif method == "extend":
                items = node.args[0] if len(node.args) == 1 else None
                add(name, list(items.elts) if isinstance(items, (ast.List, ast.Tuple)) else None)
            elif method in ("__setitem__", "__iadd__"):
                add(name, None)
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            value = node.value
            add(node.target.id, list(value.elts) if isinstance(value, (ast.List, ast.Tuple)) else None)
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                    add(target.value.id, None)
    frame.data["xfa5.additions"] = out
    return out


def _module_constant(value: ast.expr, ctx: Context, depth: int) -> bool:
    """A module-level value built from constants only (``TABLE = "users"``,
    ``QUALIFIED = f"{SCHEMA}.users"``)."""
    if depth > 4:
        return False
    if isinstance(value, ast.Constant):
        return isinstance(value.value, (str, int, float, bool)) or value.value is None
    if isinstance(value, ast.JoinedStr):
        return all(
            _module_constant(v.value, ctx, depth + 1) if isinstance(v, ast.FormattedValue) else True
            for v in value.values
        )
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add):
        return all(_module_constant(p, ctx, depth + 1) for p in _flatten_add(value))
    if isinstance(value, ast.Name):
        inner = ctx.assignments.get(value.id)
        return inner is not None and inner is not value and _module_constant(inner, ctx, depth + 1)
    return False


def _function_values(frame: Any) -> dict[str, list[ast.expr] | None]:
    """Every name a function's own body binds (nested scopes left out): the values of its
    ``name = value`` assignments, ``None`` when it is (also) bound any other way
    (``with``, ``+=``, walrus, ``except ... as``, a ``for`` loop over anything but a literal
    tuple/list of constants)."""
    found = frame.data.get("xfa5.values")
    if found is None:
        found = frame.data["xfa5.values"] = _collect_values(frame.node)
    return found


def _collect_values(fn: ast.AST) -> dict[str, list[ast.expr] | None]:
    out: dict[str, list[ast.expr] | None] = {}
    stack: list[ast.AST] = list(getattr(fn, "body", ()))
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out[node.name] = None
            continue
        if isinstance(node, ast.Lambda):
            continue
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                pairs: list[tuple[ast.expr, ast.expr]] = [(target, node.value)]
                if (
                    isinstance(target, (ast.Tuple, ast.List))
                    and isinstance(node.value, (ast.Tuple, ast.List))
                    and len(target.elts) == len(node.value.elts)
                    and not any(isinstance(e, ast.Starred) for e in [*target.elts, *node.value.elts])
                ):
                    # ``sets, params = [], {}``: each name bound to its own item
                    pairs = list(zip(target.elts, node.value.elts))
                for name_node, value in pairs:
                    if isinstance(name_node, ast.Name):
                        values = out.get(name_node.id, [])
                        if values is not None:
                            out[name_node.id] = [*values, value]
                    else:
                        stack.append(name_node)
            stack.append(node.value)
            continue
        if (
            isinstance(node, (ast.For, ast.AsyncFor))
            and isinstance(node.target, ast.Name)
            and isinstance(node.iter, (ast.Tuple, ast.List, ast.Set))
            and node.iter.elts
            and all(isinstance(e, ast.Constant) for e in node.iter.elts)
        ):
            # ``for col in ("deployment_id", "flow_id"):`` binds constants
            values = out.get(node.target.id, [])
            if values is not None:
                out[node.target.id] = [*values, *node.iter.elts]
            stack.extend([*node.body, *node.orelse])
            continue
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            out[node.id] = None
        elif isinstance(node, ast.ExceptHandler) and node.name:
            out[node.name] = None
        elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
            out[node.name] = None  # ``case x:`` captures
        elif isinstance(node, ast.MatchMapping) and node.rest:
            out[node.rest] = None
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                out[(alias.asname or alias.name).split(".", 1)[0]] = None
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            for name in node.names:
                out[name] = None
        stack.extend(ast.iter_child_nodes(node))
    return out


# -- XFA513 ----------------------------------------------------------------------------

_REDIS_NAMES = frozenset({"redis", "redis_client", "cache", "_redis", "_redis_client", "_cache", "redis_cache"})
_REDIS_FACTORIES = frozenset({"Redis", "StrictRedis", "from_url", "from_pool", "RedisCluster"})
_EXPIRE = frozenset({"expire", "pexpire", "expireat", "pexpireat"})


def _file_imports_redis(ctx: Context) -> bool:
    return ctx.memo(
        "xfa5.redis_import",
        lambda: any(q.split(".", 1)[0] in ("redis", "aioredis", "coredis") for q in ctx.imports.values()),
    )


def _is_redis_factory_call(ctx: Context, value: ast.expr) -> bool:
    if isinstance(value, ast.Await):
        value = value.value
    if not isinstance(value, ast.Call):
        return False
    return last_name(value.func) in _REDIS_FACTORIES and ctx.imported_from(value.func, "redis", "aioredis", "coredis")


def _is_redis(ctx: Context, receiver: ast.expr) -> bool:
    if isinstance(receiver, ast.Name):
        name = receiver.id
        is_param, annotation = ctx.annotation_of(name)
        if is_param:
            if annotation is not None:
                base, _ = ctx.unwrap_annotation(annotation)
                qual = ctx.resolve(base) if base is not None else None
                if qual and qual.split(".", 1)[0] in ("redis", "aioredis", "coredis") and qual.endswith(("Redis", "StrictRedis", "RedisCluster")):
                    return True
                return False
            return name in _REDIS_NAMES and _file_imports_redis(ctx)
        bound = _binding(ctx, name)
        if bound is not None:
            value = bound[1]
            if _is_redis_factory_call(ctx, value):
                return True
            if isinstance(value, (ast.Call, ast.Await)):
                return False
        return name in _REDIS_NAMES and _file_imports_redis(ctx)
    if isinstance(receiver, ast.Attribute) and isinstance(receiver.value, ast.Name) and receiver.value.id in ("self", "cls"):
        return receiver.attr in _REDIS_NAMES and _file_imports_redis(ctx)
    return False


def _redis_call(node: ast.Call, attr: str, receiver: ast.expr, ctx: Context) -> None:
    if not ctx.wants(XFA513) or ctx.is_test:
        return  # tests write the keys their case needs against a throwaway Redis
    data = ctx.frame.data if ctx.frame.kind in ("function", "module") else None
    if data is None:
        return
    text = dotted_name(receiver)
    if text is None:
        return
    if attr in _EXPIRE:
        data.setdefault("xfa5.expire", []).append((text, node.lineno, node.col_offset))
        return
    if has_kwargs_splat(node) or any(isinstance(a, ast.Starred) for a in node.args):
        return
    if attr == "set":
        given = len(node.args) + sum(1 for kw in node.keywords if kw.arg in ("name", "value"))
        if len(node.args) >= 3 or given != 2:
            return
        if any(keyword(node, k) is not None for k in ("ex", "px", "exat", "pxat", "keepttl")):
            return
    elif not node.args and not node.keywords:
        return
    if not _is_redis(ctx, receiver):
        return
    data.setdefault("xfa5.redis", []).append((node, text, attr))


def _check_redis(data: dict[str, Any], ctx: Context) -> None:
    """Keys stored without a TTL and not given one later in the same scope wait for the
    end of the module: a key the module also deletes is not reported."""
    expires = data.get("xfa5.expire", [])
    pending = _module_data(ctx).setdefault("xfa5.redis_pending", [])
    for node, text, attr in data["xfa5.redis"]:
        pos = (node.lineno, node.col_offset)
        if any(t == text and (line, col) > pos for t, line, col in expires):
            continue
        pending.append((node, text, attr))
    data["xfa5.redis"] = []


def _report_redis(ctx: Context) -> None:
    deleted: set[tuple[str, str]] = _module_data(ctx).get("xfa5.redis_deleted", set())
    for node, text, attr in _module_data(ctx).get("xfa5.redis_pending", ()):
        if deleted and any(shape in deleted for shape in _stored_key_shapes(node, attr)):
            continue
        if attr == "set":
            fix = f"pass a TTL: {text}.set(key, value, ex=<seconds>)"
        else:
            fix = f"follow it with {text}.expire(key, <seconds>)"
        ctx.report(node, XFA513, receiver=text, method=attr, fix=fix)


def _redis_delete(node: ast.Call, attr: str, receiver: ast.expr, ctx: Context) -> None:
    """``.delete(key)``/``.unlink(key)``/``.getdel(key)``/``.hdel(key, ...)``: the module
    manages that key's lifetime itself (a lock, a flag, shared state), so storing it
    without a TTL is not a cache without expiry."""
    if not ctx.wants(XFA513) or not _file_imports_redis(ctx) or is_db_session(ctx, receiver):
        return
    keys = node.args[:1] if attr in ("getdel", "hdel") else node.args
    deleted = _module_data(ctx).setdefault("xfa5.redis_deleted", set())
    for key in keys:
        shape = _key_shape(key)
        if shape is not None:
            deleted.add(shape)


def _stored_key_shapes(node: ast.Call, attr: str) -> list[tuple[str, str]]:
    if attr in ("mset", "msetnx"):
        mapping = node.args[0] if node.args else None
        keys = [k for k in mapping.keys if k is not None] if isinstance(mapping, ast.Dict) else []
    else:
        key = node.args[0] if node.args else next((kw.value for kw in node.keywords if kw.arg in ("name", "key")), None)
        keys = [key] if key is not None else []
    return [shape for shape in map(_key_shape, keys) if shape is not None]


def _key_shape(key: ast.expr) -> tuple[str, str] | None:
    """What identifies a key family in the source: a constant key, the literal prefix of a
    built key (``f"lock:{job_id}"`` -> ``lock:``), or the expression that names it (a
    variable, an attribute, a key-building call)."""
    if isinstance(key, ast.Starred):
        return None
    text = string_value(key)
    if text is not None:
        return ("key", text)
    prefix = None
    if isinstance(key, ast.JoinedStr):
        prefix = _literal_head(key)
    elif isinstance(key, ast.BinOp) and isinstance(key.op, ast.Add):
        prefix = string_value(_flatten_add(key)[0])
    elif isinstance(key, ast.BinOp) and isinstance(key.op, ast.Mod):
        prefix = (string_value(key.left) or "").split("%", 1)[0]
    elif isinstance(key, ast.Call) and isinstance(key.func, ast.Attribute) and key.func.attr == "format":
        prefix = (string_value(key.func.value) or "").split("{", 1)[0]
    if prefix is not None:
        return ("prefix", prefix) if prefix else None
    if isinstance(key, ast.Call):
        name = dotted_name(key.func)
        return ("call", name) if name else None
    name = dotted_name(key)
    return ("name", name) if name else None


@visitor(ast.Module, leave=True, codes=(XFA513,))
def module_redis_done(node: ast.Module, ctx: Context) -> None:
    data = ctx.frames[0].data
    if data.get("xfa5.redis"):
        _check_redis(data, ctx)
    if data.get("xfa5.redis_pending"):
        _report_redis(ctx)


# -- XFA514 ----------------------------------------------------------------------------


def _file_uses_async_session(ctx: Context) -> bool:
    """This file shows the project is async: it imports from ``sqlalchemy.ext.asyncio``
    or ``sqlmodel.ext.asyncio``."""
    return ctx.memo(
        "xfa5.async_import",
        lambda: any(".ext.asyncio" in q and q.split(".", 1)[0] in _SA_MODULES for q in ctx.imports.values()),
    )


def _uses_async_attrs(ctx: Context) -> bool:
    return any(q.endswith("AsyncAttrs") for q in ctx.imports.values())


def _relationship(node: ast.Call, name: str, ctx: Context) -> None:
    if has_kwargs_splat(node):
        return
    if name == "relationship":
        if not ctx.imported_from(node.func, "sqlalchemy"):
            return
        if keyword(node, "lazy") is not None:
            return
    else:
        if not ctx.imported_from(node.func, "sqlmodel"):
            return
        kwargs = keyword(node, "sa_relationship_kwargs")
        if kwargs is not None:
            if not isinstance(kwargs.value, ast.Dict):
                return
            if any(k is None or string_value(k) == "lazy" for k in kwargs.value.keys):
                return
        if keyword(node, "sa_relationship") is not None:
            return
    if not _file_uses_async_session(ctx) or _uses_async_attrs(ctx):
        return
    ctx.report(node, XFA514)


# -- XFA515 ----------------------------------------------------------------------------


def _select_root(expr: ast.expr, ctx: Context, depth: int = 0) -> ast.Call | None:
    """The ``select(...)`` call at the root of a statement chain (``select(X).where()``)."""
    node = expr
    for _ in range(30):
        if isinstance(node, ast.Call):
            func = node.func
            if last_name(func) == "select" and ctx.imported_from(func, *_SA_MODULES):
                return node
            if isinstance(func, ast.Attribute):
                node = func.value
                continue
            return None
        return None
    return None


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


def _statement_bounded(stmt: ast.expr, data: dict[str, Any], ctx: Context, depth: int = 0) -> bool | None:
    """``True`` when bounded, ``False`` when an unbounded select, ``None`` when unknown."""
    if depth > 4:
        return None
    if isinstance(stmt, ast.Name):
        values = data.get("xfa5.assigns", {}).get(stmt.id)
        if not values:
            return None
        verdicts = [_statement_bounded(v, data, ctx, depth + 1) if not isinstance(v, ast.Name) or v.id != stmt.id else None for v in values]
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
            return _statement_bounded(node, data, ctx, depth + 1)
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


def _executed_statement(expr: ast.expr, data: dict[str, Any], depth: int = 0) -> ast.expr | None:
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
            values = data.get("xfa5.assigns", {}).get(node.id)
            if values and len(values) == 1:
                return _executed_statement(values[0], data, depth + 1)
        return None
    return None


def _check_unbounded(data: dict[str, Any], ctx: Context) -> None:
    for call in data["xfa5.all"]:
        if call.args or not isinstance(call.func, ast.Attribute):
            continue
        stmt = _executed_statement(call.func.value, data)
        if stmt is None:
            continue
        if _statement_bounded(stmt, data, ctx) is False:
            ctx.report(call, XFA515)
