"""XFA101-XFA105: a blocking HTTP, sleep, file, subprocess or sync database call made directly
in an ``async def``."""

from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING

from ... import lazy_re
from ...context import Binding, Context, dotted_name
from ...fixes import Edit, Finding, Fix, Skip, fixes, past_parens, text_of
from ...line_budget import LineEdit, LineText
from ...registry import back_on, moved_off, rule, visitor
from ._shared import (
    UNREPORTED_CALLS,
    _HTTP_VERBS,
    _SUBPROCESS,
    _SYNC_DB_CLIENTS,
    _binding,
    _comprehension_binds,
    _dotted_call,
    _in_program,
    _locally_bound,
    _module_binding,
    _one_shot,
    sequential_program_step,
    blocking_http_call,
)

if TYPE_CHECKING:  # the fix engine, on ast-grep, is imported only when fixing
    from ...fixer.engine import Source

XFA101 = rule(
    "XFA101",
    "blocking-http-call-in-async",
    default=True,
    precision=back_on("14 of 14", reading="tenth"),
    seeds=("000", "001", "002", "003", "004"),
    message="blocking HTTP call {call}() inside async def",
    fix_hint="use a shared httpx.AsyncClient: await client.{method}(...)",
    what="""
        Reports a synchronous HTTP call made in the body of an `async def`: `requests.*`,
        `urllib.request.urlopen`, `http.client.HTTPConnection`/`HTTPSConnection`, the
        module-level `httpx.get/post/.../request/stream` helpers and `httpx.Client(...)`.
    """,
    why="""
        A blocking call inside a coroutine stops the event loop: every other request the
        worker is serving waits until the remote server answers. The guides say it
        plainly: "`requests.get()` inside async kills the event loop" (seed 002) and "Use
        `httpx.AsyncClient` for outbound HTTP calls (never `requests`)" (seed 003).
    """,
    bad="""
        import requests

        async def fetch_profile(user_id: str) -> dict:
            response = requests.get(f"https://profiles.example.com/{user_id}")
            return response.json()
    """,
    good="""
        import httpx

        client = httpx.AsyncClient(timeout=10)

        async def fetch_profile(user_id: str) -> dict:
            response = await client.get(f"https://profiles.example.com/{user_id}")
            return response.json()
    """,
    not_flagged=(
        "The same calls in a plain `def`, including a sync function nested inside an `async def`.",
        "A blocking function passed, not called, to `run_in_threadpool`, `asyncio.to_thread` or `loop.run_in_executor`.",
        "Calls on an `httpx.AsyncClient`.",
        "A one-shot program that does one thing at a time: the module starts its own loop in its "
        "`__main__` block (`asyncio.run(main())`), defines no route handlers and starts no concurrent "
        "work (`gather`, `create_task`, `TaskGroup`…), and the call is not inside an `async with` or "
        "`async for` (an open async client has its own tasks on the loop). Nothing else waits for it.",
        "Tests (`tests/`, `test_*.py`, `conftest.py`): an async test or fixture serves no requests, so a "
        "blocking call in it only slows that test down.",
        "A line that already silences flake8-async's (or ruff's) code for the same call (`# noqa: ASYNC210`, the older `ASYNC10x`, also as `# type: ignore[ASYNC101]`): the team kept the call on purpose.",
    ),
)

XFA102 = rule(
    "XFA102",
    "blocking-sleep-in-async",
    default=True,
    seeds=("004",),
    message="time.sleep() blocks the event loop inside async def",
    fix_hint="use await asyncio.sleep(...)",
    what="Reports `time.sleep(...)` (however it was imported) in the body of an `async def`.",
    why="""
        `time.sleep` suspends the whole thread, so the event loop serves nothing while it
        waits. Seed 004: never block the event loop in async routes; `asyncio.sleep`
        yields to other tasks instead.
    """,
    bad="""
        import time

        async def poll_job() -> None:
            time.sleep(1)
    """,
    good="""
        import asyncio

        async def poll_job() -> None:
            await asyncio.sleep(1)
    """,
    not_flagged=(
        "`asyncio.sleep` and `anyio.sleep`.",
        "`time.sleep` in a plain `def` (FastAPI runs sync handlers in a thread pool).",
        "Tests (`tests/`, `test_*.py`, `conftest.py`): an async test or fixture serves no requests, so a "
        "blocking call in it only slows that test down.",
        "A line that already silences flake8-async's (or ruff's) code for the same call (`# noqa: ASYNC251`, the older `ASYNC10x`, also as `# type: ignore[ASYNC101]`): the team kept the call on purpose.",
        "A one-shot program that does one thing at a time, as for XFA101 (the twelfth reading's agno "
        "cookbook programs: `time.sleep(10)` in the coroutine `asyncio.run()` starts, waiting for a "
        "database to sync or a worker process to checkpoint). Waiting for a subprocess "
        "(`worker.wait()`) is not concurrent work on the loop.",
        "An `async def` that calls the builtin `input()` itself: an interactive console step that holds "
        "the loop while the user types, so nothing runs beside it (the thirteenth reading's "
        "open-interpreter CLI `main()`). The same holds for XFA101 and XFA103-XFA105.",
        "An `async def` whose docstring says it blocks the event loop on purpose (\"Deliberately blocks the "
        "main asyncio event loop\"): a chaos or diagnostic endpoint that exists to show what blocking "
        "does (the tenth reading's OpenHands `/lock-main-runloop`). The same holds for XFA101 and "
        "XFA103-XFA105.",
    ),
    fix="safe",
)

XFA103 = rule(
    "XFA103",
    "blocking-file-io-in-async",
    default=False,
    precision=moved_off("15 of 20", reading="fifth"),
    seeds=("003", "004"),
    message="blocking file I/O {call}() inside async def",
    fix_hint="{fix}",
    what="""
        Reports synchronous file I/O in the body of an `async def`: the builtin `open()` and
        the `read_text`/`read_bytes`/`write_text`/`write_bytes`/`open` methods of a
        `pathlib.Path` (built inline as `Path(...)`, derived from one with `/`, `.parent`,
        `.resolve()`…, or a name assigned from one or annotated `Path`).
    """,
    why="""
        Disk reads and writes block the thread; inside a coroutine they block the event loop
        and every request the worker is serving. Seed 003: "Use `aiofiles` for file I/O
        inside async contexts"; seed 004 lists "sync file I/O inside an async def route"
        among the async mistakes.
    """,
    bad="""
        async def load_template(name: str) -> str:
            with open(f"templates/{name}.html") as f:
                return f.read()
    """,
    good="""
        import aiofiles

        async def load_template(name: str) -> str:
            async with aiofiles.open(f"templates/{name}.html") as f:
                return await f.read()
    """,
    not_flagged=(
        "`aiofiles.open`, `anyio.open_file` and `anyio.Path` methods.",
        "`open` passed, not called, to `run_in_threadpool`/`asyncio.to_thread`, and file I/O in a plain `def` "
        "(also one nested inside an `async def`).",
        "Methods called on a receiver that is not provably a `pathlib.Path` (an unannotated parameter, "
        "an attribute, a call's result).",
        "A local function or parameter named `open` that shadows the builtin.",
        "`open()` whose file object is only used through calls handed to a thread "
        "(`f = open(p)` then `await asyncio.to_thread(f.read)`, or "
        "`await run_in_threadpool(shutil.copyfileobj, upload.file, f)`): the reads and writes are "
        "offloaded and opening the file alone is not worth a finding.",
        "Scripts (`scripts/`, migrations, root `manage.py`…): a one-shot command reading its input or "
        "writing its report serves no requests. The same for the coroutine a module starts as a program "
        "(`asyncio.run(main())`/`anyio.run(main)` in it; coroutines it awaits are still checked), and for "
        "command-line modules (they import `typer`, `click` or `argparse` and define no route handlers; "
        "the methods of their classes too), and benchmark or load-test harnesses (`benchmarks/`, "
        "`acme-benchmark/`, `locustfile.py`).",
        "Tests: an async test writing its fixture files serves no requests.",
        "A line that already silences flake8-async's (or ruff's) code for the same call (`# noqa: ASYNC230`, the older `ASYNC10x`, also as `# type: ignore[ASYNC101]`): the team kept the call on purpose.",
    ),
)

XFA104 = rule(
    "XFA104",
    "blocking-subprocess-in-async",
    default=False,
    precision=moved_off("0 of 8", reading="fifth", earlier="0 of 2"),
    seeds=("004",),
    message="blocking subprocess call {call}() inside async def",
    fix_hint="use await asyncio.create_subprocess_exec(...) and await proc.communicate()",
    what="""
        Reports `subprocess.run/call/check_call/check_output/Popen/getoutput/getstatusoutput`,
        `os.system` and `os.popen` (however they were imported) in the body of an `async def`.
    """,
    why="""
        These calls wait for the child process in the calling thread, so the event loop
        stops until the command finishes. Seed 004: "Never perform blocking operations
        inside an async def function — this freezes the entire event loop and blocks ALL
        concurrent requests."
    """,
    bad="""
        import subprocess

        async def render_pdf(path: str) -> bytes:
            return subprocess.check_output(["wkhtmltopdf", path, "-"])
    """,
    good="""
        import asyncio

        async def render_pdf(path: str) -> bytes:
            proc = await asyncio.create_subprocess_exec(
                "wkhtmltopdf", path, "-", stdout=asyncio.subprocess.PIPE
            )
            stdout, _ = await proc.communicate()
            return stdout
    """,
    not_flagged=(
        "`asyncio.create_subprocess_exec` / `asyncio.create_subprocess_shell`.",
        "The same calls in a plain `def` or passed, not called, to `run_in_threadpool`/`asyncio.to_thread`.",
        "`subprocess.Popen(...)` that starts a long-running process the function does not wait for: "
        "dropped, or bound to a name or `self.<attr>` that the `async def` never waits on (`.wait()`, "
        "`.communicate()`, `with`) nor reads or writes through its pipes (`.stdout`/`.stderr`/`.stdin`); "
        "`proc.poll()`, `proc.pid`, `return proc`, and `.communicate()` under `if proc.poll() is not None:` "
        "(the child has exited) do not block.",
        "Tests (`tests/`, `test_*.py`, `conftest.py`): an async test or fixture serves no requests, so a "
        "blocking call in it only slows that test down.",
        "Scripts (`scripts/`, migrations, root `manage.py`…), the coroutine a module starts as a program "
        "(`asyncio.run(main())`/`anyio.run(main)` in it) and command-line modules (they import `typer`, "
        "`click` or `argparse` and define no route handlers, methods of their classes included), benchmark "
        "and load-test harnesses: a one-shot command waits for its `pg_dump` or `docker exec` on purpose and serves no requests meanwhile.",
        "A line that already silences flake8-async's (or ruff's) code for the same call (`# noqa: ASYNC220`, the older `ASYNC10x`, also as `# type: ignore[ASYNC101]`): the team kept the call on purpose.",
    ),
)

XFA105 = rule(
    "XFA105",
    "sync-client-library-in-async",
    default=True,
    seeds=("004",),
    message="sync {lib} call {call}() inside async def blocks the event loop",
    fix_hint="use {alt}",
    what="""
        Reports, in the body of an `async def`, calls through a synchronous client library:
        constructing `redis.Redis`/`redis.StrictRedis` (also `redis.from_url`),
        `pymongo.MongoClient`, `psycopg2.connect`, `pymysql.connect`, `sqlite3.connect`, and
        method calls on a module-level name bound to one of those, or on a parameter
        annotated `redis.Redis`/`pymongo.MongoClient`/`sqlite3.Connection`.
    """,
    why="""
        Every call of a synchronous driver waits on the network or the disk in the event
        loop's thread. Seed 004: "Using synchronous database drivers in an async FastAPI
        application. Always use their async counterparts."
    """,
    bad="""
        import redis

        cache = redis.Redis(host="localhost")

        async def get_cached(key: str) -> bytes | None:
            return cache.get(key)
    """,
    good="""
        import redis.asyncio as redis

        cache = redis.Redis(host="localhost")

        async def get_cached(key: str) -> bytes | None:
            return await cache.get(key)
    """,
    not_flagged=(
        "The async variants: `redis.asyncio`, `motor`, `pymongo.AsyncMongoClient`, `asyncpg`, `aiosqlite`, `aiomysql`.",
        "Sync clients built and used in a plain `def` (for example at module level or in a script).",
        "Method calls on a local variable that holds a sync client (its constructor is reported once instead), "
        "and on names this file cannot tie to a sync client.",
        "Tests (`tests/`, `test_*.py`, `conftest.py`): an async test or fixture serves no requests, so a "
        "blocking call in it only slows that test down.",
        "Scripts, command-line modules (argparse/click/typer imported, no route handlers) and the "
        "coroutine a module starts with `asyncio.run(main())`: a one-shot run (a migration keeping a "
        "scratch SQLite workspace) serves no requests.",
    ),
)


#: constructors of sync HTTP clients whose method calls block (XFA101 on a module-level one)
_SYNC_HTTP_CLIENTS = frozenset(
    {"requests.Session", "requests.session", "requests.sessions.Session", "httpx.Client"}
)
_SYNC_HTTP_METHODS = frozenset((*_HTTP_VERBS, "send", "stream"))


#: parameter annotations that are sync clients
_SYNC_DB_CLIENT_TYPES = {
    "redis.Redis": "redis.Redis",
    "redis.StrictRedis": "redis.Redis",
    "redis.client.Redis": "redis.Redis",
    "redis.client.StrictRedis": "redis.Redis",
    "pymongo.MongoClient": "pymongo.MongoClient",
    "pymongo.mongo_client.MongoClient": "pymongo.MongoClient",
    "sqlite3.Connection": "sqlite3.connect",
}
_SYNC_DB_MODULES = ("redis", "pymongo", "psycopg2", "pymysql", "sqlite3")

_PATH_TYPES = frozenset({"pathlib.Path", "pathlib.PosixPath", "pathlib.WindowsPath"})
_PATH_FACTORIES = frozenset({"pathlib.Path.cwd", "pathlib.Path.home"})
_PATH_IO_METHODS = frozenset({"read_text", "read_bytes", "write_text", "write_bytes", "open"})
_PATH_DERIVING_METHODS = frozenset(
    {"resolve", "absolute", "expanduser", "with_name", "with_suffix", "with_stem", "joinpath", "relative_to"}
)


#: calls that run the callable they are given in a worker thread
_OFFLOADERS = frozenset(
    {
        "asyncio.to_thread",
        "fastapi.concurrency.run_in_threadpool",
        "starlette.concurrency.run_in_threadpool",
        "anyio.to_thread.run_sync",
        "asyncer.asyncify",
    }
)


def _head_name(expr: ast.expr) -> ast.Name | None:
    """The name at the bottom of an attribute/subscript chain (``a`` of ``a.b["c"].d``)."""
    while isinstance(expr, (ast.Attribute, ast.Subscript)):
        expr = expr.value
    return expr if isinstance(expr, ast.Name) else None


class _PathAssignments:
    """XFA103's facts about a function's assignments that may bind a ``pathlib.Path``."""

    __slots__ = ("self_referential", "evaluating")

    def __init__(self) -> None:
        #: id of ``p = p / "sub"`` -> whether it binds a Path, read when the walk met it
        self.self_referential: dict[int, bool] = {}
        #: ids of the assignments being evaluated (a value that leads back to itself is no Path)
        self.evaluating: set[int] = set()


def _module_path_names(ctx: Context) -> frozenset[str]:
    def compute() -> frozenset[str]:
        names: set[str] = set()
        changed = True
        while changed:
            changed = False
            for name, value in ctx.assignments.items():
                if name not in names and name not in ctx.imports and _is_path_expr(
                    value, ctx, lambda n: n in names
                ):
                    names.add(name)
                    changed = True
        return frozenset(names)

    return ctx.memo("xfa103_module_paths", compute)


def _is_path_type(ctx: Context, node: ast.expr | None) -> bool:
    return node is not None and ctx.resolve(node) in _PATH_TYPES and ctx.imported_from(node, "pathlib")


def _is_path_expr(expr: ast.expr, ctx: Context, is_path_name) -> bool:
    """``expr`` is provably a ``pathlib.Path``."""
    for _ in range(32):
        if isinstance(expr, ast.Call):
            func = expr.func
            if _is_path_type(ctx, func):
                return True
            if isinstance(func, ast.Attribute):
                if func.attr in ("cwd", "home") and _is_path_type(ctx, func.value):
                    return True
                if func.attr in _PATH_DERIVING_METHODS:
                    expr = func.value
                    continue
            return False
        if isinstance(expr, ast.BinOp):
            if not isinstance(expr.op, ast.Div):
                return False
            expr = expr.left
            continue
        if isinstance(expr, ast.Attribute):
            if expr.attr != "parent":
                return False
            expr = expr.value
            continue
        if isinstance(expr, ast.Subscript):
            if isinstance(expr.value, ast.Attribute) and expr.value.attr == "parents":
                expr = expr.value.value
                continue
            return False
        if isinstance(expr, ast.Name):
            return bool(is_path_name(expr.id))
        return False
    return False


def _path_name_in_scope(ctx: Context, name: str) -> bool:
    """``name`` holds a ``pathlib.Path`` here: a parameter of this function annotated
    ``Path``, a local assigned (or annotated) a Path, or a module-level Path."""
    if _comprehension_binds(ctx, name):
        return False
    found, local = _binding(ctx, name)
    if found is None:
        return False
    if local:
        if found.kind == "param":
            base, _ = ctx.unwrap_annotation(found.annotation)
            return _is_path_type(ctx, base)
        return found.kind == "assign" and _assigned_path(ctx, found)
    if _module_binding(ctx, name, found):
        return name in _module_path_names(ctx)
    return False  # an enclosing function's variable: not followed


def _assigned_path(ctx: Context, found: Binding) -> bool:
    """A local assignment binds a Path (``p = Path(x) / "a"``, ``p: Path = ...``).  The
    value is read where the name is used; a value that reads the name it assigns
    (``p = p / "a"``) was read when the walk met it (:func:`self_referential_paths`), as the
    binding it refers to is gone by now."""
    if found.annotation is not None:
        base, _ = ctx.unwrap_annotation(found.annotation)
        if _is_path_type(ctx, base):
            return True
    if found.value is None:
        return False
    paths = ctx.frames[-1].state(_PathAssignments)
    early = paths.self_referential.get(id(found.node))
    if early is not None:
        return early
    evaluating = paths.evaluating
    key = id(found.node)
    if key in evaluating:
        return False
    evaluating.add(key)
    try:
        return _is_path_expr(found.value, ctx, lambda n: _path_name_in_scope(ctx, n))
    finally:
        evaluating.discard(key)


def _classify_blocking(node: ast.Call, ctx: Context, name: str) -> tuple | None:
    """``(rule, message arguments, label)`` of a direct blocking call of XFA101, XFA102,
    XFA104 or XFA105 recognised by its resolved name ``name``; else ``None``."""
    head = _head_name(node.func)
    if head is not None and _locally_bound(ctx, head.id):
        return None
    if name == "time.sleep":
        if ctx.imported_from(node.func, "time"):
            return XFA102, {}, "time.sleep()"
        return None
    if blocking_http_call(name):
        if ctx.imported_from(node.func, "requests", "httpx", "urllib", "http"):
            method = name.rsplit(".", 1)[-1]
            if method in ("Client", "Session", "session", "request", "urlopen", "urlretrieve") or method[0].isupper():
                method = "get"
            return XFA101, {"call": name, "method": method.lower()}, f"{name}()"
        return None
    if name in _SUBPROCESS:
        if ctx.imported_from(node.func, "subprocess", "os"):
            return XFA104, {"call": name}, f"{name}()"
        return None
    db = _SYNC_DB_CLIENTS.get(name)
    if db is not None:
        if ctx.imported_from(node.func, *_SYNC_DB_MODULES):
            return XFA105, {"lib": db[0], "call": name, "alt": db[1]}, f"{name}()"
        return None
    return None


def _report_blocking(node: ast.Call, ctx: Context, name: str) -> bool:
    """XFA101-XFA105 on a call in an async scope; True when something was reported."""
    found = _classify_blocking(node, ctx, name)
    if found is None:
        return False
    if name == "subprocess.Popen" and _process_left_running(node, ctx):
        return False
    rule_, kwargs, _label = found
    if _blocks_on_purpose(ctx):
        return True  # a chaos/diagnostic endpoint whose docstring says it blocks the loop
    if _interactive_step(ctx):
        return True  # the coroutine already blocks the loop on input() while the user types
    if (rule_ is XFA101 or rule_ is XFA102) and sequential_program_step(ctx):
        return True  # a one-shot program doing one thing at a time: nothing else waits
    if rule_ is XFA104 and (ctx.is_script or _in_program(ctx)):
        return True  # a one-shot command waits for its child processes on purpose
    if rule_ is XFA105 and (ctx.is_script or _in_program(ctx)):
        return True  # a one-shot command's own database / scratch file serves no requests
    if _acknowledged_for_flake8_async(node, ctx, rule_.code):
        return True  # recognised (so XFA103 does not look at it again), not reported
    if rule_ is XFA102:
        ctx.report(node, rule_, edits=_sleep_line_edits(node, ctx), **kwargs)
        return True
    ctx.report(node, rule_, **kwargs)
    return True


#: a docstring saying the function blocks the event loop on purpose ("Deliberately blocks
#: the main asyncio event loop", "intentionally blocking")
_ON_PURPOSE = lazy_re.compile(
    r"\b(deliberately|intentionally|purposely|on purpose)\b[^.]{0,60}\bblock|\bblock[^.]{0,60}\b(deliberately|intentionally|purposely|on purpose)\b",
    re.I,
)


def _interactive_step(ctx: Context) -> bool:
    """The innermost ``async def`` calls the builtin ``input()`` itself: an interactive
    console step that holds the event loop while the user types, so nothing runs beside
    it (the thirteenth reading's open-interpreter CLI ``main()``, prompting for an API key
    and an e-mail address)."""
    fn = ctx.frames[-1].node  # the async def the call is in (only asked in an async scope)

    def compute() -> bool:
        stack = list(fn.body)
        while stack:
            node = stack.pop()
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                continue  # another scope's calls
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "input" and ctx.is_builtin(node.func):
                return True
            stack.extend(ast.iter_child_nodes(node))
        return False

    return ctx.memo(("xfa10x_interactive", id(fn)), compute)


def _blocks_on_purpose(ctx: Context) -> bool:
    """The innermost function's docstring says it blocks the event loop on purpose: a chaos
    or diagnostic endpoint that exists to show what blocking does (OpenHands'
    ``/lock-main-runloop``)."""
    doc = ast.get_docstring(ctx.frames[-1].node, clean=False)  # the async def the call is in
    return bool(doc and _ON_PURPOSE.search(doc))


#: flake8-async / ruff ``ASYNC`` codes for the same blocking calls (the old flake8-async
#: numbering ASYNC100-102 and the current ASYNC210-251), per rule
_FLAKE8_ASYNC_CODES = {
    "XFA101": frozenset({"ASYNC100", "ASYNC210", "ASYNC211", "ASYNC212"}),
    "XFA102": frozenset({"ASYNC101", "ASYNC251"}),
    "XFA103": frozenset({"ASYNC101", "ASYNC230"}),
    "XFA104": frozenset({"ASYNC101", "ASYNC102", "ASYNC220", "ASYNC221", "ASYNC222"}),
}
_SUPPRESSION = lazy_re.compile(r"#\s*(?:noqa\s*:|type:\s*ignore\s*\[)([^#\]]*)", re.IGNORECASE)
_ASYNC_CODE = lazy_re.compile(r"\bASYNC\d{3}\b", re.IGNORECASE)


def _acknowledged_for_flake8_async(node: ast.Call, ctx: Context, code: str) -> bool:
    """The call's line already silences flake8-async's (or ruff's) code for this very call
    (``time.sleep(1)  # noqa: ASYNC251``, ``# type: ignore[ASYNC101]``): the team has seen this
    warning and kept the call on purpose, so reporting it again is noise."""
    codes = _FLAKE8_ASYNC_CODES.get(code)
    lines = ctx.lines
    if codes is None or not lines or node.lineno > len(lines):
        return False
    line = lines[node.lineno - 1]
    if "ASYNC" not in line.upper():
        return False
    for match in _SUPPRESSION.finditer(line):
        if any(c.upper() in codes for c in _ASYNC_CODE.findall(match.group(1))):
            return True
    return False


#: what waits for a ``Popen`` child, or reads / writes its pipes, in the calling thread
_PROCESS_WAITS = frozenset({"wait", "communicate", "stdout", "stderr", "stdin", "__enter__"})


def _process_left_running(call: ast.Call, ctx: Context) -> bool:
    """``Popen(...)`` starts the child and returns: only waiting for it (``.wait()``,
    ``.communicate()``, ``with``) or using its pipes blocks. True when the process is dropped
    (``Popen(...)`` as a statement) or bound to a name or ``self.<attr>`` that the enclosing
    function never waits on, reads or enters (``proc.poll()``, ``proc.pid``, ``return proc``
    are fine)."""
    parent = ctx.parent
    if isinstance(parent, ast.Expr):
        return True
    if not (isinstance(parent, ast.Assign) and len(parent.targets) == 1 and parent.value is call):
        return False
    bound = dotted_name(parent.targets[0])
    function = ctx.function
    if bound is None or function is None or not isinstance(function.node, ast.AsyncFunctionDef):
        return False
    exited: set[int] = set()  # nodes under ``if proc.poll() is not None:``: the child is gone
    for node in ast.walk(function.node):
        if isinstance(node, ast.If) and _tests_exited(node.test, bound):
            exited.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    for node in ast.walk(function.node):
        if id(node) in exited:
            continue
        if isinstance(node, ast.Attribute) and node.attr in _PROCESS_WAITS and dotted_name(node.value) == bound:
            return False
        if isinstance(node, ast.withitem) and dotted_name(node.context_expr) == bound:
            return False
    return True


def _tests_exited(test: ast.expr, bound: str) -> bool:
    """``proc.poll() is not None``: true only once the child has exited, so a ``.wait()`` or
    ``.communicate()`` under it returns at once."""
    return (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.IsNot)
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value is None
        and isinstance(test.left, ast.Call)
        and not test.left.args
        and isinstance(test.left.func, ast.Attribute)
        and test.left.func.attr == "poll"
        and dotted_name(test.left.func.value) == bound
    )


def _report_client_method(node: ast.Call, ctx: Context, func: ast.Attribute) -> None:
    """XFA101/XFA105: a method call on a module-level sync client or a parameter
    annotated as one, in an async scope."""
    head = _head_name(func.value)
    if head is None:
        return
    name = head.id
    if _comprehension_binds(ctx, name):
        return
    found, local = _binding(ctx, name)
    if found is None:
        return
    if local:
        if found.kind != "param":
            return
        base, _ = ctx.unwrap_annotation(found.annotation)
        if base is None or isinstance(base, ast.Subscript):
            return
        qualname = ctx.resolve(base)
        ctor = _SYNC_DB_CLIENT_TYPES.get(qualname or "")
        if ctor is not None and ctx.imported_from(base, *_SYNC_DB_MODULES) and not _one_shot(ctx):
            lib, alt = _SYNC_DB_CLIENTS.get(ctor, ("", ""))
            ctx.report(node, XFA105, lib=lib, call=_dotted_call(func), alt=alt)
        return
    if not _module_binding(ctx, name, found) or found.kind != "assign":
        return
    value = found.value
    if not isinstance(value, ast.Call):
        return
    callee = ctx.call_name(value)
    db = _SYNC_DB_CLIENTS.get(callee or "")
    if db is not None:
        if ctx.imported_from(value.func, *_SYNC_DB_MODULES) and not _one_shot(ctx):
            ctx.report(node, XFA105, lib=db[0], call=_dotted_call(func), alt=db[1])
        return
    if callee in _SYNC_HTTP_CLIENTS and func.attr in _SYNC_HTTP_METHODS and func.value is head:
        if ctx.imported_from(value.func, "requests", "httpx"):
            method = "get" if func.attr in ("request", "send") else func.attr
            ctx.report(node, XFA101, call=f"{name}.{func.attr}", method=method)


@visitor(ast.Assign, codes=(XFA103,))
def self_referential_paths(node: ast.Assign, ctx: Context) -> None:
    """``p = p / "sub"`` in an async scope: whether it binds a Path is read now, while ``p``
    still refers to its previous binding (visitors run before the walk records the new one)."""
    frame = ctx.frames[-1]
    if not frame.is_async or len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name):
        return
    name = node.targets[0].id
    head = node.value
    while isinstance(head, (ast.BinOp, ast.Attribute, ast.Call, ast.Subscript)):
        head = head.left if isinstance(head, ast.BinOp) else head.func if isinstance(head, ast.Call) else head.value
    if isinstance(head, ast.Name) and head.id == name:
        is_path = _is_path_expr(node.value, ctx, lambda n: _path_name_in_scope(ctx, n))
        frame.state(_PathAssignments).self_referential[id(node)] = is_path


def _opened_name(node: ast.Call, ctx: Context) -> str | None:
    """The name an ``open(...)`` call is bound to: ``f = open(p)``, ``with open(p) as f``."""
    parent = ctx.parent
    if isinstance(parent, ast.Assign) and parent.value is node and len(parent.targets) == 1:
        target = parent.targets[0]
        return target.id if isinstance(target, ast.Name) else None
    if isinstance(parent, ast.withitem) and parent.context_expr is node:
        target = parent.optional_vars
        return target.id if isinstance(target, ast.Name) else None
    return None


def _offloaded_file(node: ast.Call, ctx: Context) -> bool:
    """The file object ``open()`` returns here is used only inside the arguments of calls
    that run it in a thread (``await asyncio.to_thread(f.read)``,
    ``await run_in_threadpool(shutil.copyfileobj, src, f)``)."""
    name = _opened_name(node, ctx)
    fn = ctx.function
    if name is None or fn is None:
        return False
    uses = ctx.memo(f"xfa103_offloaded_{id(fn.node)}", lambda: _file_uses(ctx, fn.node))
    total, offloaded = uses.get(name, (0, 0))
    return total > 0 and total == offloaded


def _file_uses(ctx: Context, fn: ast.AST) -> dict[str, tuple[int, int]]:
    """name -> (loads in the function, loads inside the arguments of an offloading call)."""
    total: dict[str, int] = {}
    offloaded: dict[str, int] = {}
    for node in ast.walk(fn):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            total[node.id] = total.get(node.id, 0) + 1
        elif isinstance(node, ast.Call) and _is_offloader(node, ctx):
            args = list(node.args)
            if isinstance(node.func, ast.Attribute) and node.func.attr == "run_in_executor":
                args = args[1:]
            for arg in [*args, *(kw.value for kw in node.keywords)]:
                for inner in ast.walk(arg):
                    if isinstance(inner, ast.Name) and isinstance(inner.ctx, ast.Load):
                        offloaded[inner.id] = offloaded.get(inner.id, 0) + 1
    return {name: (count, offloaded.get(name, 0)) for name, count in total.items()}


def _is_offloader(call: ast.Call, ctx: Context) -> bool:
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "run_in_executor":
        return True
    qualname = ctx.resolve(func)
    return qualname in _OFFLOADERS or qualname in ("run_in_threadpool", "to_thread")


@visitor(ast.Call, codes=(XFA101, XFA102, XFA103, XFA104, XFA105, UNREPORTED_CALLS))
def blocking_calls(node: ast.Call, ctx: Context) -> None:
    frame = ctx.frames[-1]
    if frame.kind == "module" or frame.kind == "class":
        return
    func = node.func
    name = ctx.call_name(node)
    if frame.is_async:
        if not ctx.is_test:
            if name is not None:
                if _report_blocking(node, ctx, name):
                    return
                if name == "open" and isinstance(func, ast.Name) and not ctx.is_script:
                    if ctx.is_builtin(func) and not _locally_bound(ctx, "open") and not _offloaded_file(node, ctx):
                        if not _acknowledged_for_flake8_async(node, ctx, "XFA103") and not _in_program(ctx):
                            ctx.report(node, XFA103, call="open", fix="use aiofiles: async with aiofiles.open(...) as f")
                        return
            if isinstance(func, ast.Attribute):
                if func.attr in _PATH_IO_METHODS and ctx.wants(XFA103) and not ctx.is_script and not _in_program(ctx):
                    if _is_path_expr(func.value, ctx, lambda n: _path_name_in_scope(ctx, n)):
                        ctx.report(
                            node,
                            XFA103,
                            call=f"Path.{func.attr}",
                            fix=f"use anyio.Path: await anyio.Path(...).{func.attr}(...), or aiofiles",
                        )
                        return
                _report_client_method(node, ctx, func)
    for check in UNREPORTED_CALLS.get("call"):
        check(node, name, frame, ctx)


# -- the fix ---------------------------------------------------------------------------


@fixes(XFA102)
def fix_sleep_to_asyncio(src: Source, finding: Finding) -> Fix:
    for call in src.ast_at(finding, ast.Call):
        assert isinstance(call, ast.Call)
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr == "sleep" or isinstance(func, ast.Name):
            break
    else:
        raise Skip("no time.sleep call at the reported position")
    if call.keywords or len(call.args) != 1 or isinstance(call.args[0], ast.Starred):
        raise Skip("time.sleep is called with other than one positional argument")
    parent = src.parent(call)
    if any(isinstance(a, (ast.GeneratorExp, ast.Lambda)) for a in _fix_up_to_function(src, call)):
        raise Skip("await inside a generator expression would change its meaning")
    if isinstance(parent, ast.Await):
        raise Skip("the call is already awaited")
    src.sg(call, "call")  # the syntax is a call the fix knows
    name, needs = src.use("asyncio")
    start = src.start_of(call)
    edits = sleep_rewrite(text_of(src, call), src.end_of(call.func) - start, name, _needs_parens(parent, call))
    return Fix([Edit(start + a, start + b, text) for a, b, text in edits], needs)


def _needs_parens(parent: ast.AST | None, call: ast.Call) -> bool:
    """``x.attr``, ``x[...]``, ``x(...)`` bind tighter than await: the fix parenthesizes there."""
    return isinstance(parent, (ast.Attribute, ast.Subscript)) or (isinstance(parent, ast.Call) and parent.func is call)


def sleep_rewrite(call: str, func_end: int, name: str, wrap: bool) -> list[tuple[int, int, str]]:
    """The edits of the fix of ``time.sleep(...)``, as ``(start, end, text)`` character
    offsets into the call's source text ``call``, whose called expression ends at
    ``func_end``; ``name`` is the name the fix writes for ``asyncio``. The fixer and the
    rule both build the edits here, so the rule measures the lines the fix writes."""
    head, _ = past_parens(call, func_end, len(call))
    if not wrap:
        return [(0, head, f"await {name}.sleep")]
    rest = call[head:]
    if "\n" not in rest and "\r" not in rest:  # one line: one edit, measured as one
        return [(0, len(call), f"(await {name}.sleep{rest})")]
    return [(0, head, f"(await {name}.sleep"), (len(call), len(call), ")")]


def _sleep_line_edits(call: ast.Call, ctx: Context) -> list[LineEdit] | None:
    """The edits :func:`fix_sleep_to_asyncio` makes, as the rule measures them (only with a
    line length to keep to)."""
    lines = ctx.lines
    if ctx.targets.line_length is None or lines is None or len(call.args) != 1 or call.keywords:
        return None
    view = LineText(lines, call.lineno, call.end_lineno)  # type: ignore[arg-type]
    start = view.offset(call.lineno, call.col_offset)
    end = view.offset(call.end_lineno, call.end_col_offset)  # type: ignore[arg-type]
    func_end = view.offset(call.func.end_lineno, call.func.end_col_offset) - start  # type: ignore[arg-type]
    edits = sleep_rewrite(view.text[start:end], func_end, ctx.written_name("asyncio"), _needs_parens(ctx.parent, call))
    return [(view.position(start + a), view.position(start + b), new) for a, b, new in edits]


def _fix_up_to_function(src: Source, node: ast.AST):
    for ancestor in src.ancestors(node):
        if isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Module)):
            return
        yield ancestor
