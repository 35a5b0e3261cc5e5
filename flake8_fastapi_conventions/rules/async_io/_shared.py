"""What the XFA1xx rules share: the names of blocking calls, what a name is bound to where it is
used, and whether the code runs in a command-line program or a lifespan rather than per request."""

from __future__ import annotations

import ast
import sys

from ...context import Binding, Context, dotted_name, is_main_test, target_names
from ...project import Symbol
from ..security._shared import benchmark_module
from ...registry import Hook

#: the calls in a function's body that the blocking-call rules did not report as blocking:
#: ``check(node, name, frame, ctx)`` (key "call"; ``name`` the resolved callee or None)
UNREPORTED_CALLS = Hook()

_STDLIB = frozenset(getattr(sys, "stdlib_module_names", ())) | {"__future__"}


_HTTP_VERBS = ("get", "post", "put", "patch", "delete", "head", "options", "request")
_HTTPX_SYNC = frozenset(f"httpx.{m}" for m in (*_HTTP_VERBS, "stream", "Client"))
_REQUESTS = frozenset(
    {f"requests.{m}" for m in _HTTP_VERBS}
    | {f"requests.api.{m}" for m in _HTTP_VERBS}
    | {"requests.Session", "requests.session", "requests.sessions.Session"}
)
_URLLIB = frozenset({"urllib.request.urlopen", "urllib.request.urlretrieve"})
_HTTP_CLIENT = frozenset({"http.client.HTTPConnection", "http.client.HTTPSConnection"})


_SUBPROCESS = frozenset(
    {
        "subprocess.run",
        "subprocess.call",
        "subprocess.check_call",
        "subprocess.check_output",
        "subprocess.Popen",
        "subprocess.getoutput",
        "subprocess.getstatusoutput",
        "os.system",
        "os.popen",
    }
)

#: sync client constructor -> (library label, async alternative)
_SYNC_DB_CLIENTS: dict[str, tuple[str, str]] = {}
for _q in ("redis.Redis", "redis.StrictRedis", "redis.client.Redis", "redis.client.StrictRedis",
           "redis.from_url", "redis.Redis.from_url", "redis.StrictRedis.from_url"):
    _SYNC_DB_CLIENTS[_q] = ("redis", "redis.asyncio.Redis and await its calls")
for _q in ("pymongo.MongoClient", "pymongo.mongo_client.MongoClient"):
    _SYNC_DB_CLIENTS[_q] = ("pymongo", "motor's AsyncIOMotorClient (or pymongo.AsyncMongoClient) and await its calls")
_SYNC_DB_CLIENTS["psycopg2.connect"] = ("psycopg2", "asyncpg or psycopg's AsyncConnection and await its calls")
_SYNC_DB_CLIENTS["pymysql.connect"] = ("pymysql", "aiomysql and await its calls")
_SYNC_DB_CLIENTS["sqlite3.connect"] = ("sqlite3", "aiosqlite and await its calls")


_CACHE_DECORATORS = frozenset(
    {"functools.cache", "functools.lru_cache", "functools.cached_property", "async_lru.alru_cache", "alru_cache"}
)
_ASYNC_CM = frozenset({"contextlib.asynccontextmanager", "asynccontextmanager"})


_CLI_LIBRARIES = frozenset({"typer", "click", "argparse", "cyclopts", "fire"})
_EVENT_LOOP_RUNNERS = frozenset({"asyncio.run", "anyio.run", "uvloop.run", "trio.run"})
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_SCOPE_NODES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def blocking_http_call(name: str) -> bool:
    return name in _REQUESTS or name in _HTTPX_SYNC or name in _URLLIB or name in _HTTP_CLIENT


def _comprehension_binds(ctx: Context, name: str) -> bool:
    """``name`` is a variable of a comprehension around the current node."""
    for ancestor in reversed(ctx.ancestors):
        if isinstance(ancestor, _COMPREHENSIONS):
            for generator in ancestor.generators:
                if name in target_names(generator.target):
                    return True
        elif isinstance(ancestor, _SCOPE_NODES):
            return False
    return False


def _binding(ctx: Context, name: str) -> tuple[Binding | None, bool]:
    """``(binding, local)``: what ``name`` refers to here (the shared model's
    ``ctx.lookup``), and whether it is bound by the innermost function itself — one of its
    parameters, or an assignment, loop, ``with``, ``except``, nested ``def`` of its own (an
    assignment that rebinds a parameter wins over the parameter)."""
    frame = ctx.frames[-1]
    if len(ctx.frames) > 1:
        own = frame.bindings.get(name)
        if own is not None and own.kind not in ("global", "nonlocal"):
            return own, True
    found = ctx.lookup(name)
    local = found is not None and found.kind == "param" and found.node is frame.node
    return found, local


def _locally_bound(ctx: Context, name: str) -> bool:
    """``name`` is a parameter of, or was bound in, the innermost scope, or a comprehension
    variable (a local import is not: ``ctx.resolve`` already follows it)."""
    if _comprehension_binds(ctx, name):
        return True
    found, local = _binding(ctx, name)
    return local and found is not None and found.kind != "import"


def _module_binding(ctx: Context, name: str, found: Binding | None) -> bool:
    return found is not None and found is ctx.bindings.get(name)


def _dotted_call(func: ast.expr) -> str:
    try:
        text = ast.unparse(func)
    except Exception:  # pragma: no cover - unparse of odd nodes
        return "client"
    return text if len(text) <= 60 else text[:57] + "..."


def _project_function(call: ast.Call, ctx: Context) -> Symbol | None:
    """The project function symbol a call's callee is: a sync-or-async ``def`` at module
    level in this file called by name, or a function of another module of the project
    reached through an import (``render()``, ``utils.render()``, ``app.utils.render()``
    after ``import app.utils``).  ``None`` otherwise — and without asking the index about
    names that cannot be project functions (the standard library, packages that are not in
    the project, attribute chains through a value: ``app.state.db.get()``)."""
    func = call.func
    if isinstance(func, ast.Name):
        head = func
    elif isinstance(func, ast.Attribute):
        head = func.value
        depth = 1
        while isinstance(head, ast.Attribute):
            head = head.value
            depth += 1
        if not isinstance(head, ast.Name):
            return None
    else:
        return None
    if _comprehension_binds(ctx, head.id):
        return None
    found = ctx.lookup(head.id)
    if found is None:
        return None
    if found.kind == "def":
        if func is not head or not _module_binding(ctx, head.id, found) or not isinstance(found.node, ast.FunctionDef):
            return None
    elif found.kind == "import":
        qualname = found.qualname or ""
        if func is not head and depth > 1 and qualname != head.id:
            return None  # ``from x import app; app.state.db.get()``: not a module path
        if not qualname.startswith("."):
            top = qualname.partition(".")[0]
            if top in _STDLIB or not ctx.memo(
                f"xfa1_project_package_{top}", lambda: ctx.index.module_path(ctx.filename, top) is not None
            ):
                return None
    else:
        return None
    sym = ctx.symbol(func)
    if sym is None or sym.kind != "function":
        return None
    return sym


def _one_shot(ctx: Context) -> bool:
    """A script, or (inside) the coroutine of a command-line program (see
    :func:`_in_program`): its sync database calls block a loop that serves no requests."""
    return ctx.is_script or _in_program(ctx)


def _in_program(ctx: Context) -> bool:
    """The current function is (inside) the coroutine this module starts as a
    program (``asyncio.run(main())`` anywhere in the module), or the module is a command-line one
    or part of a benchmark / load-test harness: like a script, a one-shot run reading its input or
    writing its report serves no requests."""
    functions = [f for f in ctx.frames if f.kind == "function"]
    if not functions:
        return False
    if ctx.memo("xfa103_cli", lambda: _command_line_module(ctx) or benchmark_module(ctx.filename)):
        return True  # also the methods of its classes (a collector's sampling loops)
    if ctx.frames[1] is not functions[0]:
        return False
    entries = ctx.memo("xfa103_entries", lambda: _module_event_loop_entries(ctx))
    return getattr(functions[0].node, "name", None) in entries


def _module_event_loop_entries(ctx: Context) -> frozenset[str]:
    """Names ``N`` of ``asyncio.run(N(...))`` / ``anyio.run(N)`` calls anywhere in the module
    (the runner resolved through the module's imports)."""
    names: set[str] = set()
    for node in ast.walk(ctx.tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        written = dotted_name(node.func)
        if written is None:
            continue
        head, _, rest = written.partition(".")
        imported = ctx.module_imports.get(head)
        if imported is None or (f"{imported}.{rest}" if rest else imported) not in _EVENT_LOOP_RUNNERS:
            continue
        target = node.args[0]
        if isinstance(target, ast.Call):
            target = target.func
        if isinstance(target, ast.Name):
            names.add(target.id)
    return frozenset(names)


#: what starts work that runs beside the current coroutine on the same loop
_CONCURRENCY_CALLS = frozenset(
    {"gather", "create_task", "ensure_future", "TaskGroup", "wait", "as_completed", "start_soon",
     "create_task_group", "open_nursery", "run_coroutine_threadsafe", "call_soon", "call_later"}
)


def sequential_program_step(ctx: Context) -> bool:
    """The current coroutine belongs to a one-shot program that runs one thing at a
    time: the module starts its own event loop in its ``__main__`` block
    (``asyncio.run(main())``), defines no route handlers, starts no concurrent work anywhere
    (no ``gather``/``create_task``/``TaskGroup``…), and the call is not inside an ``async with``
    or ``async for`` (an open async client or crawler has its own tasks on the loop). A
    blocking call there delays nothing else (ninth reading: crawl4ai's example and demo
    programs posting to a local server between demos)."""
    if not ctx.memo("xfa101_sequential_program", lambda: _sequential_program(ctx)):
        return False
    return ctx.enclosing(ast.AsyncWith, ast.AsyncFor, cross_scopes=True) is None


def _sequential_program(ctx: Context) -> bool:
    runs_loop = False
    for stmt in ctx.tree.body:
        if isinstance(stmt, ast.If) and is_main_test(stmt.test):
            runs_loop = runs_loop or any(
                isinstance(node, ast.Call) and _event_loop_runner(node.func, ctx) for node in ast.walk(stmt)
            )
    if not runs_loop or ctx.top_level_routes():
        return False
    for node in ast.walk(ctx.tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
            if name in _CONCURRENCY_CALLS and not _waits_for_a_process(func, name, ctx):
                return False
    return True


def _waits_for_a_process(func: ast.expr, name: str, ctx: Context) -> bool:
    """``worker.wait()`` of a ``subprocess.Popen`` (or any object that is not an async
    library): waiting for another process, not running tasks side by side on the loop."""
    if name not in ("wait", "as_completed") or not isinstance(func, ast.Attribute):
        return False
    qualname = ctx.resolve(func) or ""
    return not qualname.startswith(("asyncio.", "anyio.", "trio.", "concurrent."))


def _event_loop_runner(func: ast.expr, ctx: Context) -> bool:
    written = dotted_name(func)
    if written is None:
        return False
    head, _, rest = written.partition(".")
    imported = ctx.module_imports.get(head)
    return imported is not None and (f"{imported}.{rest}" if rest else imported) in _EVENT_LOOP_RUNNERS


def _command_line_module(ctx: Context) -> bool:
    """A module that imports a command-line library (typer, click, argparse) and defines
    no route handlers: its coroutines are a command's, not a server's."""
    cli = any(q.partition(".")[0] in _CLI_LIBRARIES for q in ctx.module_imports.values())
    return cli and not ctx.top_level_routes()


def _app_scoped_function(ctx: Context, fn: ast.AST, lifespans: frozenset[str] | set[str] | None = None) -> bool:
    """A lifespan, a startup handler or a cached factory: runs once per app.  ``lifespans``:
    the names passed as ``lifespan=`` when the caller collected them during the walk."""
    name = getattr(fn, "name", "")
    if "lifespan" in name.lower() or name in (_lifespan_names(ctx) if lifespans is None else lifespans):
        return True
    for decorator in getattr(fn, "decorator_list", ()):
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        qualname = ctx.resolve(target) or ""
        if qualname in _CACHE_DECORATORS:
            return True
        if qualname in _ASYNC_CM or qualname.endswith(".asynccontextmanager"):
            args = fn.args  # type: ignore[attr-defined]
            params = args.posonlyargs + args.args
            if params and (
                params[0].arg in ("app", "_app", "application")
                or (ctx.resolve(params[0].annotation) or "").endswith("FastAPI")
            ):
                return True
        if isinstance(target, ast.Attribute) and target.attr == "on_event":
            return True
    return False


def _lifespan_names(ctx: Context) -> frozenset[str]:
    def compute() -> frozenset[str]:
        names = set()
        for node in ast.walk(ctx.tree):
            if isinstance(node, ast.keyword) and node.arg == "lifespan" and isinstance(node.value, ast.Name):
                names.add(node.value.id)
        return frozenset(names)

    return ctx.memo("xfa110_lifespans", compute)
