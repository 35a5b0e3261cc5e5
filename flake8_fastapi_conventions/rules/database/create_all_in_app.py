"""XFA506: ``metadata.create_all()`` run by the app instead of migrations."""

from __future__ import annotations

import ast
import os

from ...context import Context, dotted_name, keyword, last_name, string_value
from ...registry import moved_off, rule
from ._shared import DATABASE_METHODS, SESSION_BINDINGS, _binding, _is_migration_module, _outside_app, _url_arg


XFA506 = rule(
    "XFA506",
    "create-all-in-app",
    default=False,
    precision=moved_off("1 of 9", reading="sixth", earlier="1 of 2", pooled_over="fourth and fifth readings"),
    seeds=("004",),
    message="{expr}() creates tables from application code",
    fix_hint="manage the schema with Alembic migrations (alembic upgrade head)",
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
        "Tests and `conftest.py`, scripts, Alembic and migration directories (by path), and a "
        "project's own migration module (a file name holding `migration` or starting `migrate`: "
        "`persistence/migrations.py` renaming a table, creating the new schema, copying the rows back).",
        "`create_all` followed, in the code that runs after it in the same function, by a call of "
        "the project's migration runner (`check_migrate(engine, ...)`, `run_migrations()`): "
        "`create_all` adds the new tables, the runner migrates the existing ones.",
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


# -- XFA506 ----------------------------------------------------------------------------


SESSION_BINDINGS.used_by(XFA506)


@DATABASE_METHODS.on("create_all", "run_sync", rules=(XFA506,))
def create_all_calls(node: ast.Call, method: str, receiver: ast.expr, ctx: Context) -> None:
    if method == "create_all":
        _create_all(node.func, node, ctx, node)
        return
    for arg in node.args[:1]:  # conn.run_sync(metadata.create_all)
        if isinstance(arg, ast.Attribute) and arg.attr == "create_all":
            _create_all(arg, arg, ctx, node)


def _create_all(attr: ast.expr, report_at: ast.AST, ctx: Context, call: ast.Call) -> None:
    """``call``: ``metadata.create_all(bind, ...)`` itself, or ``conn.run_sync(metadata.create_all, ...)``."""
    if not isinstance(attr, ast.Attribute):
        return
    owner = attr.value
    owner_name = owner.attr if isinstance(owner, ast.Attribute) else owner.id if isinstance(owner, ast.Name) else None
    if owner_name is None or not owner_name.lower().endswith("metadata"):
        return
    if _outside_app(ctx) or _is_cli_file(ctx) or _in_command_package(ctx) or _is_migration_module(ctx):
        return
    if _stamped_after(ctx):
        return  # Alembic's "create from scratch, then stamp head": Alembic owns the schema
    if _stamped_after(ctx, _runs_migrations):
        return  # new tables from ``create_all``, the existing ones migrated by the project's runner
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


def _runs_migrations(node: ast.AST) -> bool:
    """``node`` holds a call of a migration runner: ``check_migrate(engine, ...)``,
    ``run_migrations()``, ``migrator.migrate()``."""
    return any(
        isinstance(sub, ast.Call) and "migrat" in (last_name(sub.func) or "").lower() for sub in ast.walk(node)
    )


def _stamped_after(ctx: Context, found=None) -> bool:
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
                if any((found or _stamps_head)(stmt) for stmt in block[position + 1:]):
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
