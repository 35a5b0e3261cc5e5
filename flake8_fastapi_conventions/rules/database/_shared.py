"""What the XFA5xx rules share: the sqlalchemy/sqlmodel names, what a name is bound to in
the enclosing functions, and whether an expression is a database session or makes one."""

from __future__ import annotations

import ast
import re

from ... import lazy_re
from ...context import SESSION_TYPES, Context, Frame, dotted_name, keyword, last_name, string_value
from ...registry import Hook


# -- where the rules plug into the shared visitors of :mod:`.dispatch` ------------------

#: a function's bindings (``x = ...``: key "assign", ``check(name, value, node, ctx)``; each
#: ``with`` item: key "with", ``check(item, node, ctx)``); the rules that only read the
#: bindings the visitor records (``_binding``, ``is_db_session``) say so with ``used_by``
SESSION_BINDINGS = Hook()
#: calls of a method, by its name (``session.commit()``): ``check(node, method, receiver, ctx)``
DATABASE_METHODS = Hook()
#: calls by the callee's name, bare or dotted (``text(...)``, ``sa.text(...)``):
#: ``check(node, name, ctx)``; key "(arguments)": every call with positional arguments
DATABASE_CALLEES = Hook()
#: SQLAlchemy/SQLModel constructors of engines, session factories and sessions, by name,
#: once the callee is resolved to one of those libraries: ``check(node, name, ctx)``
SQLALCHEMY_CONSTRUCTORS = Hook()


# -- names -----------------------------------------------------------------------

_SA_MODULES = ("sqlalchemy", "sqlmodel")


_ASYNC_ENGINE = frozenset({"create_async_engine"})


_ENGINES = frozenset({"create_engine", "create_async_engine"})


_MAKERS = frozenset({"sessionmaker", "async_sessionmaker"})


_SESSION_CLASSES = frozenset({"Session", "AsyncSession"})


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


class FunctionBindings:
    """Per function: the latest binding of each name (``("assign", value)`` or
    ``("with", context_expr)``) and every value each name is assigned, in order."""

    __slots__ = ("bind", "assigns")

    def __init__(self) -> None:
        self.bind: dict[str, tuple[str, ast.expr]] = {}
        self.assigns: dict[str, list[ast.expr]] = {}


class FunctionValues:
    """Per function: what :func:`_function_values` found its body binds (``None`` until
    computed)."""

    __slots__ = ("values",)

    def __init__(self) -> None:
        self.values: dict[str, list[ast.expr] | None] | None = None


def _binding(ctx: Context, name: str) -> tuple[str, ast.expr] | None:
    """``(kind, value)`` of the nearest binding of ``name`` this file shows: in the
    enclosing functions (``assign``/``with``), else at module level (``module``)."""
    for frame in reversed(ctx.frames):
        if frame.kind == "class":
            break
        if name in frame.params:
            return None
        bindings = frame.states.get(FunctionBindings)
        if bindings is not None and name in bindings.bind:
            return bindings.bind[name]
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


_TRY_STAR = getattr(ast, "TryStar", ast.Try)


def _url_arg(call: ast.Call) -> ast.expr | None:
    if call.args:
        first = call.args[0]
        return None if isinstance(first, ast.Starred) else first
    kw = keyword(call, "url")
    return kw.value if kw is not None else None


def _is_alembic_env(ctx: Context) -> bool:
    return ctx.memo(
        "xfa5.alembic",
        lambda: any(q == "alembic" or q.startswith("alembic.") for q in ctx.imports.values()),
    )


def _is_migration_module(ctx: Context) -> bool:
    """A project's own schema-migration module, by its file name (``migrations.py``,
    ``migration.py``, ``db_migrations.py``, ``migrate.py``, ``migrate_v2.py``): the migration
    layer, as Alembic revisions and ``migrations/`` directories are."""
    stem = ctx.filename.replace("\\", "/").rsplit("/", 1)[-1].removesuffix(".py").lower()
    return "migration" in stem or stem == "migrate" or stem.startswith("migrate_")


def _decorator_tail(decorator: ast.expr) -> str | None:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return last_name(target)


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


def _literal_head(node: ast.JoinedStr) -> str:
    return (string_value(node.values[0]) if node.values else "") or ""


def _flatten_add(node: ast.expr) -> list[ast.expr]:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _flatten_add(node.left) + _flatten_add(node.right)
    return [node]


def _function_values(frame: Frame) -> dict[str, list[ast.expr] | None]:
    """Every name a function's own body binds (nested scopes left out): the values of its
    ``name = value`` assignments, ``None`` when it is (also) bound any other way
    (``with``, ``+=``, walrus, ``except ... as``, a ``for`` loop over anything but a literal
    tuple/list of constants)."""
    state = frame.state(FunctionValues)
    found = state.values
    if found is None:
        found = state.values = _collect_values(frame.node)
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


# -- select() chains ------------------------------------------------------------------


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
