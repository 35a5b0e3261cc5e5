"""XFA112: a blocking call reached through a sync project function called from an ``async def``."""

from __future__ import annotations

import ast

from ...context import Context, string_value
from ...project import Symbol
from ...registry import rule, visitor
from ._shared import (
    _EVENT_LOOP_RUNNERS,
    _SUBPROCESS,
    _SYNC_DB_CLIENTS,
    _app_scoped_function,
    _command_line_module,
    _dotted_call,
    _project_function,
    blocking_http_call,
)

XFA112 = rule(
    "XFA112",
    "blocking-call-via-helper",
    default=False,
    seeds=("000", "003", "004"),
    message="{call}() blocks the event loop: {chain}",
    fix_hint="{fix}",
    what="""
        Reports, in the body of an `async def`, a call of a sync function of the project — of
        this module, or of another one found through the imports (`from app.utils import
        render_welcome`, `from app import utils` then `utils.render_welcome()`) — that makes a
        blocking call of [[blocking-http-call-in-async]]–[[sync-client-library-in-async]] itself or through further sync functions of the project:
        `requests.*`, `urllib.request.urlopen`, sync `httpx` calls, `time.sleep`, the builtin
        `open`, `subprocess.*`, `os.system`/`os.popen`, `psycopg2`/`pymysql`/`sqlite3`
        `connect()`. The message names the shortest chain: `render_welcome() → open()`.
        Off by default (`extend-select = XFA112`): on the projects its author read after its
        fixes it held 92.6 % (75 of 81), under the 95 % a default-on rule needs, and it costs
        up to a third more time on async-heavy code bases (docs/precision.md).
    """,
    why="""
        Moving a blocking call into a helper does not move it off the event loop: the helper
        runs in the coroutine's thread, and every other request waits. Seed 004: "Never
        perform blocking operations inside an async def function — this freezes the entire
        event loop"; seed 003: "Use `aiofiles` for file I/O inside async contexts"; seed 000:
        async/await everywhere, `httpx.AsyncClient` rather than `requests`.
    """,
    bad="""
        from fastapi import APIRouter

        router = APIRouter()


        def render_welcome(name: str) -> str:
            with open("templates/welcome.txt") as f:
                return f.read().format(name=name)


        @router.get("/welcome")
        async def welcome(name: str) -> str:
            return render_welcome(name)
    """,
    good="""
        import asyncio

        from fastapi import APIRouter

        router = APIRouter()


        def render_welcome(name: str) -> str:
            with open("templates/welcome.txt") as f:
                return f.read().format(name=name)


        @router.get("/welcome")
        async def welcome(name: str) -> str:
            return await asyncio.to_thread(render_welcome, name)
    """,
    not_flagged=(
        "A helper passed, not called, to `asyncio.to_thread`, `run_in_threadpool`, "
        "`loop.run_in_executor` or `BackgroundTasks.add_task` (it runs in a thread), or called inside a "
        "lambda or nested `def` handed to one.",
        "Sync helpers that make no blocking call (pure functions), `async def` helpers, and the blocking "
        "calls themselves ([[blocking-http-call-in-async]]–[[sync-client-library-in-async]] report those).",
        "Helpers that are route handlers, generators (`StreamingResponse(iterfile())` iterates a sync "
        "generator in a thread), cached (`functools.cache`/`lru_cache`) or lazy singletons (`global _x` / "
        "`if _x is None: _x = ...`) whose blocking call happens once, defined twice, or decorated with anything but `contextlib.contextmanager`/`tenacity.retry` (a "
        "decorator may change what the call does); a chain does not go through such functions either.",
        "Methods (`self.render()`, `service.render()`) and names that cannot be followed to a function "
        "of the project with certainty; calls through a function's own parameters and local variables.",
        "Calls made in a lifespan, a startup handler or a cached factory (they run once, before the app "
        "serves requests), in scripts and in tests, in the coroutine a program starts with "
        "`asyncio.run(main())`/`anyio.run(main)`, and anywhere in a command-line module (one that imports "
        "`typer`, `click` or `argparse` and defines no route handlers).",
        "Constructors that do no I/O: `requests.Session()`, `httpx.Client()`, "
        "`http.client.HTTPConnection()`, `redis.Redis()`, `pymongo.MongoClient()` (the client's calls "
        "are what block, and a call on a client returned by a helper is not followed).",
        "Limitation: a helper's summary holds all its direct calls, so a helper whose blocking call sits "
        "in a branch its async callers never take (`if sync: ...`) is still reported; pass the helper "
        "to `asyncio.to_thread` or split it.",
    ),
    example_path="app/api/routes/welcome.py",
)


#: constructors that open no connection: the client's calls block, not building it
_LAZY_CLIENTS = frozenset(
    {"requests.Session", "requests.session", "requests.sessions.Session", "httpx.Client",
     "http.client.HTTPConnection", "http.client.HTTPSConnection"}
)
#: sync database calls that connect when called (the other sync constructors connect lazily)
_CONNECTING_DB_CALLS = frozenset(q for q in _SYNC_DB_CLIENTS if q.endswith(".connect"))
_OPEN_NAMES = frozenset({"open", "io.open", "builtins.open"})


#: decorators after which a project function still runs its body, in the caller, per call
_TRANSPARENT_DECORATORS = frozenset(
    {"contextlib.contextmanager", "tenacity.retry", "typing.no_type_check", "typing_extensions.deprecated",
     "warnings.deprecated", "deprecated.deprecated"}
)


def blocking_label(qualname: str) -> str | None:
    """A label for a call of the external name ``qualname`` that blocks (the calls
    the direct blocking-call rules (``blocking_calls``) recognise by resolved name, less the constructors that do no I/O), as a
    project summary spells it (the builtin ``open`` is ``"open"``); else ``None``."""
    if qualname in _OPEN_NAMES:
        return "open()"
    if qualname == "time.sleep" or qualname in _SUBPROCESS or qualname in _CONNECTING_DB_CALLS:
        return f"{qualname}()"
    if blocking_http_call(qualname) and qualname not in _LAZY_CLIENTS:
        return f"{qualname}()"
    return None


def _followable(sym: Symbol) -> bool:
    """A sync project function whose body runs, in the caller's thread, each time it is
    called: not a route handler, a generator (its body runs when iterated, and
    ``StreamingResponse`` iterates sync generators in a thread), a function defined twice,
    a lazy singleton (``global _x; if _x is None: _x = ...``: the blocking part runs once), or
    one with a decorator that may change the call (a cache, a task wrapper)."""
    info = sym.info or {}
    if info.get("async") or info.get("route") or info.get("dup") or info.get("lazy"):
        return False
    decorators = info.get("dec", ())
    if any(d not in _TRANSPARENT_DECORATORS for d in decorators):
        return False
    if info.get("gen") and "contextlib.contextmanager" not in decorators:
        return False
    return True


def _helper_chain(call: ast.Call, ctx: Context) -> tuple[str, list[str], Symbol] | None:
    """``(callee as written, chain, function symbol)`` when the call runs a sync project function that
    reaches a blocking call."""
    sym = _project_function(call, ctx)
    if sym is None or not _followable(sym):
        return None
    chain = ctx.memo(
        f"xfa112_chain_{sym.qualname}",
        lambda: ctx.index.chain(sym, blocking=blocking_label, follow=_followable),
    )
    if not chain:
        return None
    return _dotted_call(call.func), chain, sym


class _ServedCode:
    """XFA112's facts about the file, collected during the walk and read when it is left."""

    __slots__ = ("pending", "entries", "startup")

    def __init__(self) -> None:
        #: (call, the functions around it, message arguments) of each helper call that blocks
        self.pending: list[tuple[ast.Call, list[ast.AST], dict[str, str]]] = []
        #: ``main`` of ``asyncio.run(main())``: the coroutine a command-line run starts
        self.entries: set[str] = set()
        #: functions passed as ``lifespan=``, ``on_startup=[...]``, ``add_event_handler("startup", f)``
        self.startup: set[str] = set()


@visitor(ast.Call, codes=(XFA112,))
def blocking_helper_calls(node: ast.Call, ctx: Context) -> None:
    frame = ctx.frames[-1]
    func = node.func
    called = getattr(func, "attr", None) or getattr(func, "id", None)
    if called == "run" and node.args:
        _note_event_loop_run(node, ctx)
    elif called == "add_event_handler" and len(node.args) == 2 and isinstance(node.args[1], ast.Name):
        if string_value(node.args[0]) == "startup":  # app.add_event_handler("startup", warm_up)
            ctx.state(_ServedCode).startup.add(node.args[1].id)
    if frame.kind != "function" or ctx.is_test:
        return
    if frame.is_async:
        if ctx.is_script or not ctx.wants(XFA112):
            return
        found = _helper_chain(node, ctx)
        if found is None:
            return
        written, chain, sym = found
        if "contextlib.contextmanager" in (sym.info or {}).get("dec", ()):
            fix = "make it an @asynccontextmanager that awaits async I/O (or asyncio.to_thread) inside"
        else:
            fix = f"run it with `await asyncio.to_thread({written}, ...)` or make it async"
        # reported when the module is left: only then is it known whether the file is a
        # command-line program (``asyncio.run(main())`` in its ``__main__`` block)
        outer = [f.node for f in ctx.frames if f.kind == "function"]
        pending = ctx.state(_ServedCode).pending
        pending.append((node, outer, dict(call=written, chain=" → ".join(chain), fix=fix)))


def _note_event_loop_run(node: ast.Call, ctx: Context) -> None:
    """``asyncio.run(main())``, ``anyio.run(main)``: ``main`` is a program's entry."""
    if ctx.call_name(node) not in _EVENT_LOOP_RUNNERS:
        return
    target = node.args[0]
    if isinstance(target, ast.Call):
        target = target.func
    if isinstance(target, ast.Name):
        ctx.state(_ServedCode).entries.add(target.id)


@visitor(ast.Module, leave=True, codes=(XFA112,))
def blocking_helper_calls_while_serving(node: ast.Module, ctx: Context) -> None:
    pending = ctx.state(_ServedCode).pending
    if not pending:
        return
    if _command_line_module(ctx):
        return
    entries = ctx.state(_ServedCode).entries
    lifespans = ctx.state(_ServedCode).startup
    for call, outer, kwargs in pending:
        if getattr(outer[0], "name", None) in entries:
            continue  # the coroutine a command-line run starts serves no requests
        if any(_app_scoped_function(ctx, fn, lifespans) for fn in outer):
            continue  # a lifespan or startup handler: runs before the app serves requests
        ctx.report(call, XFA112, **kwargs)


@visitor(ast.keyword, codes=(XFA112,))
def startup_functions(node: ast.keyword, ctx: Context) -> None:
    """``lifespan=name``, ``on_startup=[name, ...]``: functions that run before the app serves."""
    if node.arg == "lifespan" and isinstance(node.value, ast.Name):
        ctx.state(_ServedCode).startup.add(node.value.id)
    elif node.arg == "on_startup" and isinstance(node.value, (ast.List, ast.Tuple)):
        names = ctx.state(_ServedCode).startup
        names.update(e.id for e in node.value.elts if isinstance(e, ast.Name))
