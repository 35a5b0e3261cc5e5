"""XFA211: raw SQL text executed in a services file."""

from __future__ import annotations

import ast
import re

from ... import lazy_re
from ...context import Context, short_source
from ...registry import moved_off, rule
from ...settings import normalize_path
from ._shared import _SQL_MODULES, LAYER_CALLS, file_layer

XFA211 = rule(
    "XFA211",
    "raw-sql-in-service",
    default=False,
    precision=moved_off("7 of 20", reading="eighth"),
    seeds=("001",),
    message="raw SQL in a service ({call})",
    fix_hint="move the query into a repository function and call that",
    what="""
        Reports, in a services file, SQL text that reaches the database: any
        `.exec_driver_sql(...)`; an `.execute(...)` whose first argument is a string
        literal (or f-string) starting with `SELECT`, `INSERT`, `UPDATE`, `DELETE` or
        `WITH`; and a SQLAlchemy/SQLModel `text(...)` clause run by
        `.execute`/`.exec`/`.scalar(s)`/`.stream(_scalars)` — given directly (also with
        `.bindparams()`/`.columns()`, or in `select(M).from_statement(text(...))`) or
        through a name the same function (or the module) binds to it. The `text()`
        call is where it is reported. Only services files are checked, so tests and
        scripts are out of scope.
    """,
    why="""
        Seed 001's layer table: Services do NOT do "direct SQL"; Repositories "Execute
        queries, return models/DTOs". SQL in a service mixes business rules with storage
        details and scatters queries where they cannot be reviewed together.
    """,
    bad="""
        from sqlalchemy import text


        async def count_active_users(db) -> int:
            result = await db.execute(text("SELECT count(*) FROM users WHERE active"))
            return result.scalar_one()
    """,
    good="""
        from app.repositories import user_repository


        async def count_active_users(db) -> int:
            return await user_repository.count_active(db)
    """,
    not_flagged=(
        "Repositories (that is where SQL belongs) and every other layer, tests and scripts included.",
        "`execute()` with a query built by `select()`/`insert()`/… or with a non-SQL string.",
        "`text()` as a fragment of a Core statement or of DDL: `where(text(\"...\"))`, "
        "`order_by(text(\"source\"))`, a column expression, `server_default=text(\"now()\")`, "
        "a helper returning `text(f\"'{value}'::uuid\")` for a server default — the statement "
        "is still built with `select()`, and a default is schema, not a query.",
        "`text()` of a session or transaction setting: `SET LOCAL lock_timeout = '5s'`, "
        "`SET TRANSACTION ...`, `RESET`, `SHOW`, `SAVEPOINT`/`RELEASE`, `BEGIN`/`COMMIT`/"
        "`ROLLBACK` — the service owns its transaction, and these query no data.",
        "A storage backend under a services path: a file named after its database "
        "(`services/image_records/image_records_sqlite.py`, `*_postgres.py`) or SQL run "
        "in a class named as storage (`class SqliteImageRecordStorage`, "
        "`ClientStatePersistenceSqlite`, `UserRepository`, `KeyValueStore`, `…Dao`) — "
        "that is the repository layer under another directory name.",
        "A schema migration runner (`services/shared/sqlite_migrator/…`, a `migrator.py`, "
        "any `migrat…` module or package): its SQL is migration bookkeeping.",
    ),
    example_path="app/services/user_service.py",
)


_SQL_START = lazy_re.compile(r"\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b", re.IGNORECASE)


#: methods of a ``TextClause`` that return the clause itself (``text(...).bindparams(...)``)
_TEXT_CLAUSE_METHODS = frozenset({"bindparams", "columns", "params", "execution_options"})


class _TextClauses:
    """XFA211's state: in the module frame, the ``text()`` clauses reported (one finding per
    clause); in a function frame, its local bindings (name -> assigned values)."""

    __slots__ = ("reported", "bindings")

    def __init__(self) -> None:
        self.reported: set[int] = set()
        self.bindings: dict[str, list[ast.expr]] | None = None


def service_sql_site(ctx: Context) -> bool:
    """SQL run here is a service's: a services file, outside a storage backend (see
    :func:`_storage_file`, :func:`_storage_class`)."""
    if file_layer(ctx) != "services" or ctx.memo("layering.storage_file", lambda: _storage_file(ctx)):
        return False
    return not any(f.kind == "class" and _storage_class(f.node) for f in ctx.frames)


#: file-name words of a database backend: ``image_records_sqlite.py``, ``user_store_pg.py``
_DATABASE_WORDS = frozenset(
    {"sqlite", "sqlite3", "postgres", "postgresql", "psql", "pg", "mysql", "mariadb", "sql", "duckdb", "dao", "repo"}
)

#: class-name words of a storage class: ``SqliteImageRecordStorage``, ``UserRepository``
_STORAGE_CLASS_WORDS = frozenset(
    {"storage", "store", "repository", "repo", "dao", "persistence", "sqlite", "postgres", "mysql"}
)
#: the words of a CamelCase name: ``SQLiteDAO`` -> ``SQ``, ``Lite``, ``DAO`` (so ``sqlite`` is
#: also looked for in the whole name)
_CAMEL_WORD = lazy_re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z0-9]+|[A-Z]+")


def _storage_file(ctx: Context) -> bool:
    """The file is a storage backend or a migration runner by its path: its name has a
    database word (``video_records_sqlite.py``), or a part of its path is a migrator
    (``shared/sqlite_migrator/sqlite_migrator_impl.py``, ``migrations.py``)."""
    parts = [p for p in normalize_path(ctx.filename).split("/") if p]
    if not parts:
        return False
    stem = parts[-1][:-3] if parts[-1].endswith(".py") else parts[-1]
    if any(word in _DATABASE_WORDS for word in stem.lower().split("_")):
        return True
    return any("migrat" in part.lower() for part in (*parts[:-1], stem))


def _storage_class(node: ast.AST) -> bool:
    """A class named as storage (``SqliteVideoRecordStorage``, ``ClientStatePersistenceSqlite``,
    ``UserRepository``), not as a service (``StoreService`` is one)."""
    if not isinstance(node, ast.ClassDef):
        return False
    words = [w.lower() for w in _CAMEL_WORD.findall(node.name)]
    if "service" in words:
        return False
    return "sqlite" in node.name.lower() or any(w in _STORAGE_CLASS_WORDS for w in words)


#: session/connection methods that run a statement
_SQL_EXECUTORS = frozenset({"execute", "exec", "scalar", "scalars", "stream", "stream_scalars"})


@LAYER_CALLS.on("exec_driver_sql", rules=(XFA211,))
def _driver_sql(node: ast.Call, attr: str, ctx: Context) -> None:
    if service_sql_site(ctx):
        ctx.report(node, XFA211, call=f"{short_source(node.func.value)}.exec_driver_sql()")  # type: ignore[attr-defined]


@LAYER_CALLS.on(*_SQL_EXECUTORS, rules=(XFA211,))
def _raw_sql_execute(node: ast.Call, attr: str, ctx: Context) -> None:
    """XFA211: SQL text that reaches ``execute``/``exec``/``scalar(s)`` in a services file:
    a string literal starting with ``SELECT``/``INSERT``/…, or a ``text(...)`` clause given
    directly, through ``select(...).from_statement(text(...))``, or through a name this
    function (or the module) binds to ``text(...)``.  A ``text()`` used as a fragment of a
    Core statement (``where(text(...))``, ``order_by(text(...))``) or a DDL default
    (``server_default=text("now()")``) is not a raw query and never reaches here."""
    if not node.args or not service_sql_site(ctx):
        return
    first = node.args[0]
    if attr == "execute":
        text = _sql_literal_head(first)
        if text is not None and _SQL_START.match(text):
            ctx.report(node, XFA211, call=f"{short_source(node.func)}(\"{text.strip().split()[0].upper()} ...\")")
            return
    for clause in _raw_text_clauses(first, ctx):
        if _session_control(clause):
            continue
        reported = ctx.frames[0].state(_TextClauses).reported
        if id(clause) not in reported:
            reported.add(id(clause))
            ctx.report(clause, XFA211, call="text()")


#: statements that set up the session or transaction rather than query data
_SESSION_CONTROL = lazy_re.compile(
    r"\s*(SET|RESET|SHOW|SAVEPOINT|RELEASE|BEGIN|START\s+TRANSACTION|COMMIT|ROLLBACK)\b", re.IGNORECASE
)


def _session_control(clause: ast.Call) -> bool:
    """``text("SET LOCAL lock_timeout = '5s'")``: a setting of the transaction the service
    owns, no query (as the plain-string check, which only counts SELECT/INSERT/…)."""
    head = _sql_literal_head(clause.args[0]) if clause.args else None
    return head is not None and bool(_SESSION_CONTROL.match(head))


def _sql_literal_head(first: ast.expr) -> str | None:
    """The leading literal text of a string, f-string or ``"..." + x`` argument."""
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value
    if isinstance(first, ast.JoinedStr) and first.values:
        head = first.values[0]
        if isinstance(head, ast.Constant) and isinstance(head.value, str):
            return head.value
    elif isinstance(first, ast.BinOp) and isinstance(first.op, ast.Add):
        left = first.left
        while isinstance(left, ast.BinOp) and isinstance(left.op, ast.Add):
            left = left.left
        if isinstance(left, ast.Constant) and isinstance(left.value, str):
            return left.value
    return None


def _text_clause(expr: ast.expr, ctx: Context) -> ast.Call | None:
    """The ``text(...)`` call (from sqlalchemy/sqlmodel) at the root of ``expr``:
    ``text(...)``, ``text(...).bindparams(...)``, ``select(M).from_statement(text(...))``."""
    node = expr
    for _ in range(12):
        if not isinstance(node, ast.Call):
            return None
        func = node.func
        if isinstance(func, ast.Attribute):
            if func.attr == "from_statement" and node.args:
                node = node.args[0]
                continue
            if func.attr in _TEXT_CLAUSE_METHODS:
                node = func.value
                continue
        name = ctx.call_name(node)
        if (
            name is not None
            and name.rsplit(".", 1)[-1] == "text"
            and name.split(".", 1)[0] in _SQL_MODULES
            and ctx.imported_from(func, *_SQL_MODULES)
        ):
            return node
        return None
    return None


def _raw_text_clauses(first: ast.expr, ctx: Context) -> list[ast.Call]:
    clause = _text_clause(first, ctx)
    if clause is not None:
        return [clause]
    if not isinstance(first, ast.Name):
        return []
    name = first.id
    frame = ctx.function
    for f in reversed(ctx.frames):
        if f.kind == "class":
            break
        if name in f.params:
            return []
        if f.kind == "function":
            state = f.state(_TextClauses)
            bound = state.bindings
            if bound is None:
                bound = state.bindings = _local_bindings(f.node)
            if name in bound:
                return [c for c in (_text_clause(v, ctx) for v in bound[name]) if c is not None]
    if frame is None and ctx.frame.kind != "module":
        return []
    value = ctx.assignments.get(name)
    clause = _text_clause(value, ctx) if value is not None else None
    return [clause] if clause is not None else []


def _local_bindings(fn: ast.AST) -> dict[str, list[ast.expr]]:
    """Every ``name = value`` of a function's own body (nested scopes left out); a name
    bound any other way (``for``, ``with``, augmented assignment) maps to no value."""
    out: dict[str, list[ast.expr]] = {}
    stack = list(getattr(fn, "body", ()))
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    out.setdefault(target.id, []).append(node.value)
        elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            out.setdefault(node.id, [])
        stack.extend(ast.iter_child_nodes(node))
    return out
