"""XFA502-XFA505, from how an engine or a session is built: a sync engine or session in an
async app (XFA502), a sync driver in ``create_async_engine``'s URL (XFA503), an async session
without ``expire_on_commit`` (XFA504), an engine without ``pool_pre_ping`` (XFA505)."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from ...context import (
    FUNCTION_TYPES,
    Context,
    has_kwargs_splat,
    is_main_test,
    keyword,
    last_name,
    string_value,
)
from ...fixes import Finding, Fix, Skip, fixes, keyword_edit, keyword_line_edits
from ...registry import moved_off, rule, visitor
from ..lifecycle._shared import _in_examples
from ._shared import _ENGINES, _MAKERS, _SESSION_CLASSES, SQLALCHEMY_CONSTRUCTORS, _binding, _is_alembic_env, _url_arg

if TYPE_CHECKING:  # the fix engine, on ast-grep, is imported only when fixing
    from ...fixer.engine import Source


XFA502 = rule(
    "XFA502",
    "sync-engine-in-async-app",
    default=False,
    precision=moved_off("2 of 7", reading="sixth", earlier="3 of 9", pooled_over="third to fifth readings"),
    seeds=("003", "004"),
    message="sync SQLAlchemy {call}() in a module with async code",
    fix_hint="use {replacement}",
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
    message="create_async_engine() with the sync driver URL '{scheme}://'",
    fix_hint="use an async driver: '{fix}://'",
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
    message="{call}() without expire_on_commit=False",
    fix_hint="pass expire_on_commit=False so objects stay readable after commit",
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
    message="{call}() without pool_pre_ping=True",
    fix_hint="pass pool_pre_ping=True so stale pooled connections are replaced",
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


# -- detection ----------------------------------------------------------------------------

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


#: the rules the constructor checks below report (XFA502 at the end of the module)
_CONSTRUCTOR_RULES = (XFA502, XFA503, XFA504, XFA505)


@SQLALCHEMY_CONSTRUCTORS.on("create_async_engine", "async_sessionmaker", rules=_CONSTRUCTOR_RULES)
def _async_constructor(node: ast.Call, tail: str, ctx: Context) -> None:
    ctx.state(SyncConstructions).async_pair = True


@SQLALCHEMY_CONSTRUCTORS.on(*_ENGINES, rules=_CONSTRUCTOR_RULES)
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


@SQLALCHEMY_CONSTRUCTORS.on(*_MAKERS, rules=_CONSTRUCTOR_RULES)
def _maker_call(node: ast.Call, tail: str, ctx: Context) -> None:
    class_kw = keyword(node, "class_")
    is_async = tail == "async_sessionmaker" or (class_kw is not None and _is_async_session_class(ctx, class_kw.value))
    if is_async:
        _expire_on_commit(node, tail, ctx)
    else:
        _sync_construction(node, ctx, "sessionmaker", "async_sessionmaker(engine, expire_on_commit=False)")


@SQLALCHEMY_CONSTRUCTORS.on(*_SESSION_CLASSES, rules=_CONSTRUCTOR_RULES)
def _session_class_call(node: ast.Call, tail: str, ctx: Context) -> None:
    if tail == "AsyncSession":
        _expire_on_commit(node, tail, ctx)
    else:
        _sync_construction(node, ctx, "Session", "AsyncSession (async with SessionLocal() as session)")


def _expire_on_commit(node: ast.Call, tail: str, ctx: Context) -> None:
    if ctx.is_test:
        return  # test doubles and leak probes; a test that needs the option fails visibly
    if keyword(node, "expire_on_commit") is None and not has_kwargs_splat(node):
        edits = keyword_line_edits(ctx.lines, node, _EXPIRE_ON_COMMIT)
        if isinstance(edits, str):  # the fixer declines for the call's syntax
            ctx.report(node, XFA504, call=tail, declined=edits)
        else:
            ctx.report(node, XFA504, call=tail, edits=edits)


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
    ctx.state(SyncConstructions).sites.append(site)


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


class SyncConstructions:
    """XFA502's facts about the file: the sync engine/session constructions, whether it defines
    an ``async def``, and whether it builds ``create_async_engine``/``async_sessionmaker`` too."""

    __slots__ = ("sites", "async_def", "async_pair")

    def __init__(self) -> None:
        self.sites: list[_SyncSite] = []
        self.async_def: bool = False
        self.async_pair: bool = False


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


@visitor(ast.Module, leave=True, codes=(XFA502,))
def sync_engines_in_async_app(node: ast.Module, ctx: Context) -> None:
    state = ctx.state(SyncConstructions)
    if state.async_def and state.sites and not _example_program(ctx):
        sites = state.sites
        uses = _SyncUses(ctx, pair=state.async_pair)
        named = {s.bound_to: s for s in sites if s.bound_to is not None}
        for site in sites:
            if not uses.off_loop_site(site, named):
                ctx.report(site.node, XFA502, call=site.call, replacement=site.replacement)


@visitor(ast.AsyncFunctionDef, codes=(XFA502,))
def note_async_def(node: ast.AsyncFunctionDef, ctx: Context) -> None:
    ctx.state(SyncConstructions).async_def = True


# -- the fix ---------------------------------------------------------------------------


#: the keyword argument XFA504's fix adds
_EXPIRE_ON_COMMIT = "expire_on_commit=False"


@fixes(XFA504)
def fix_expire_on_commit(src: Source, finding: Finding) -> Fix:
    for call in src.ast_at(finding, ast.Call):
        assert isinstance(call, ast.Call)
        break
    else:
        raise Skip("no call at the reported position")
    if any(k.arg is None or k.arg == "expire_on_commit" for k in call.keywords):
        raise Skip("**kwargs or expire_on_commit= already given")
    return Fix([keyword_edit(src, call, _EXPIRE_ON_COMMIT)])
