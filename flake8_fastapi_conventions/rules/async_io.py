"""XFA1xx: async and blocking I/O."""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Callable

from .. import lazy_re
from ..context import Binding, Context, dotted_name, string_value, target_names
from ..project import Symbol
from ..registry import moved_off, rule, visitor
from .security._shared import benchmark_module

_STDLIB = frozenset(getattr(sys, "stdlib_module_names", ())) | {"__future__"}

XFA101 = rule(
    "XFA101",
    "blocking-http-call-in-async",
    default=True,
    seeds=("000", "001", "002", "003", "004"),
    message="blocking HTTP call {call}() inside async def; use a shared httpx.AsyncClient: await client.{method}(...)",
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
    message="time.sleep() blocks the event loop inside async def; use await asyncio.sleep(...)",
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
    ),
    fix="safe",
)

XFA103 = rule(
    "XFA103",
    "blocking-file-io-in-async",
    default=False,
    precision=moved_off("15 of 20", reading="fifth"),
    seeds=("003", "004"),
    message="blocking file I/O {call}() inside async def; {fix}",
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
    message="blocking subprocess call {call}() inside async def; use await asyncio.create_subprocess_exec(...) and await proc.communicate()",
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
    message="sync {lib} call {call}() inside async def blocks the event loop; use {alt}",
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

XFA106 = rule(
    "XFA106",
    "async-call-not-awaited",
    default=True,
    seeds=("004",),
    message="coroutine {call}() is called but never awaited, so it never runs; add await: await {call}(...)",
    what="""
        Reports an expression statement that calls a coroutine function and drops the result:
        (a) an `async def` defined at module level in the same file (called by name, or as
        `self.<name>()` when the enclosing class defines `async def <name>`) or in another
        module of the project, found through the imports (`from app.services import notify`
        then `notify(user)`, or `from app import services` then `services.notify(user)`), (b) one of
        `execute, scalar, scalars, get, flush, commit, rollback, refresh, delete, close, merge,
        stream, run_sync` on a parameter annotated `AsyncSession`/`AsyncConnection`,
        (c) `asyncio.sleep(...)` (and `anyio.sleep`).
    """,
    why="""
        Calling a coroutine function only creates the coroutine; without `await` its body
        never runs and Python warns "coroutine ... was never awaited" at garbage
        collection. Seed 004: "Forgetting to await async function calls. This silently
        returns a coroutine object instead of the actual result."
    """,
    bad="""
        from sqlalchemy.ext.asyncio import AsyncSession

        async def close_account(db: AsyncSession, account) -> None:
            account.closed = True
            db.commit()
    """,
    good="""
        from sqlalchemy.ext.asyncio import AsyncSession

        async def close_account(db: AsyncSession, account) -> None:
            account.closed = True
            await db.commit()
    """,
    not_flagged=(
        "Calls that are awaited, returned, assigned, or passed to `asyncio.gather`, `create_task`, "
        "`TaskGroup.start_soon` and the like.",
        "`AsyncSession.add`/`add_all`/`expunge` (synchronous methods).",
        "An `async def` that has decorators other than route decorators (a decorator may make it "
        "synchronous), an async generator, or a name shadowed by a local binding, a parameter, "
        "an import or a later sync `def`.",
        "Methods of classes of other modules (`service.notify()` on an instance), and imported names "
        "the project index cannot follow to an `async def` (a re-export it cannot read, a module "
        "defining the name twice).",
        "Tests are in scope: a coroutine a test never awaits means the test checks nothing.",
    ),
)

XFA107 = rule(
    "XFA107",
    "dangling-task",
    default=True,
    seeds=("002", "004"),
    message=(
        "task from {call}() is discarded, so it can be garbage-collected mid-run and its exception is lost; "
        "keep a reference (tasks.add(task); task.add_done_callback(tasks.discard)) or use asyncio.TaskGroup"
    ),
    what="""
        Reports `asyncio.create_task(...)`, `asyncio.ensure_future(...)` (also spelled
        `asyncio.tasks.create_task`) and `loop.create_task(...)` (on an event loop: `asyncio.get_event_loop()`,
        `asyncio.get_running_loop()`, or a variable named `loop`) used as a statement, the
        returned task thrown away.
    """,
    why="""
        The event loop keeps only a weak reference to a task: an unreferenced task can be
        garbage-collected before it finishes, and an exception it raises is never
        retrieved. Seed 002: "asyncio.create_task() exceptions silently dropped"; seed
        004: "Using asyncio.create_task() inside route handlers without retaining
        references. Orphaned tasks can be garbage collected, silently dropped".
    """,
    bad="""
        import asyncio

        async def notify(user_id: int) -> None: ...

        async def on_signup(user_id: int) -> None:
            asyncio.create_task(notify(user_id))
    """,
    good="""
        import asyncio

        background_tasks: set[asyncio.Task] = set()

        async def notify(user_id: int) -> None: ...

        async def on_signup(user_id: int) -> None:
            task = asyncio.create_task(notify(user_id))
            background_tasks.add(task)
            task.add_done_callback(background_tasks.discard)
    """,
    not_flagged=(
        "A task that is stored, returned, added to a set, passed on or awaited.",
        "`TaskGroup.create_task` (`async with asyncio.TaskGroup() as tg: tg.create_task(...)`) and anyio "
        "task groups: the group holds the reference.",
        "`create_task` on a receiver that is not known to be an event loop.",
        "In tests, a call inside `with pytest.raises(...)`/`self.assertRaises(...)` (it is expected to fail).",
        "In tests, a task running a coroutine function the test defines inside itself "
        "(`async def _release_after_delay(): ...`, then `asyncio.create_task(_release_after_delay())`): "
        "that test's scaffolding, which it waits for and asserts on.",
    ),
)

XFA108 = rule(
    "XFA108",
    "sync-route-handler",
    default=False,
    precision=moved_off("3 of 20"),
    seeds=("003",),
    message="route handler {name}() is a plain def; {fix}",
    what="""
        Reports a route handler (`@router.get(...)`, `@app.post(...)`, …) defined with a plain
        `def`. When the handler makes a blocking call (one XFA101–XFA105 recognise, directly or
        through sync functions of the project as XFA112 follows them; or a query through a sync
        SQLAlchemy/SQLModel `Session` parameter, `session.commit()`, also by handing that session
        to a call, `TicketLogic(session)`), the message names it: an
        `async def` that keeps that call would block the event loop, so the call has to be
        offloaded (`await run_in_threadpool(...)`) or replaced by an async API — or the handler
        stays a plain `def`, which FastAPI already runs in its thread pool.
    """,
    why="""
        Seed 003: "All route handlers MUST be `async def` -- never use sync `def` for
        endpoints". A sync handler runs in the thread pool (40 threads by default), hides
        blocking calls from the async rules and mixes two concurrency models in one code
        base. Seed 004 takes the opposite view for CPU-only handlers: disable this rule
        and enable XFA109 to follow it instead.
    """,
    bad="""
        from fastapi import APIRouter
        from pydantic import BaseModel

        router = APIRouter()

        class Health(BaseModel):
            ok: bool

        @router.get("/health")
        def health() -> Health:
            return Health(ok=True)
    """,
    good="""
        from fastapi import APIRouter
        from pydantic import BaseModel

        router = APIRouter()

        class Health(BaseModel):
            ok: bool

        @router.get("/health")
        async def health() -> Health:
            return Health(ok=True)
    """,
    not_flagged=(
        "`async def` handlers; plain functions that are not route handlers (dependencies, helpers).",
        "Route handlers defined in test files (test apps often declare sync handlers on purpose).",
        "A plain `def` under a decorator (placed right below the route decorators) that turns it "
        "into a coroutine function, so FastAPI registers an `async def`: one of this module whose "
        "`return` hands back a nested `async def`, or one of the project annotated to return "
        "`Callable[..., Awaitable[...]]` (`Coroutine`; for a decorator factory, a `Callable` "
        "returning that).",
    ),
    example_path="app/api/routes/items.py",
)

XFA109 = rule(
    "XFA109",
    "async-route-without-await",
    default=False,
    seeds=("004",),
    message="async route handler {name}() never awaits, so its work runs on the event loop; make it a plain def (FastAPI runs it in the thread pool) or await async I/O",
    what="""
        Reports an `async def` route handler whose own body contains no `await`, `async for`
        or `async with`. Off by default: it follows seed 004 where XFA108 follows seed 003.
    """,
    why="""
        Seed 004: "Defining a route as async def but only doing sync/CPU work inside. Use
        plain def instead — FastAPI runs it in a threadpool automatically." An async handler
        that never awaits runs all its work on the event loop, in front of every other
        request.
    """,
    bad="""
        from fastapi import APIRouter
        from pydantic import BaseModel

        router = APIRouter()

        class Report(BaseModel):
            total: int

        @router.get("/report")
        async def build_report() -> Report:
            return Report(total=sum(i * i for i in range(1_000_000)))
    """,
    good="""
        from fastapi import APIRouter
        from fastapi.concurrency import run_in_threadpool
        from pydantic import BaseModel

        router = APIRouter()

        class Report(BaseModel):
            total: int

        def compute_total() -> int:
            return sum(i * i for i in range(1_000_000))

        @router.get("/report")
        async def build_report() -> Report:
            # or, with XFA108 disabled: a plain `def build_report()`
            return Report(total=await run_in_threadpool(compute_total))
    """,
    not_flagged=(
        "Handlers that await anything (including `async for`/`async with` and async comprehensions).",
        "Websocket handlers, and handlers that call `asyncio.*`/`anyio.*` (they need the event loop's thread).",
        "Async generator handlers (streaming responses).",
        "Handlers that make no call at all (`return current_user`, `return True`): there is no work to move "
        "to a thread, and the thread-pool hop would cost more than it saves.",
        "Route handlers in test files.",
    ),
    example_path="app/api/routes/reports.py",
)

XFA110 = rule(
    "XFA110",
    "http-client-per-request",
    default=False,
    precision=moved_off("13 of 15"),
    seeds=("001", "004"),
    message="{call}() is created per call inside {where}; create one client at startup (lifespan/app.state or a module-level lazy singleton) and reuse it",
    what="""
        Reports `httpx.AsyncClient(...)`, `httpx.Client(...)` and `aiohttp.ClientSession(...)`
        constructed inside a route handler, or inside any function of a routes, services or
        repositories file — also as `async with httpx.AsyncClient() as client:`.
    """,
    why="""
        A new client opens a new connection pool (and TLS handshakes) on every call and throws
        it away. Seed 001: "**Never** create `httpx.AsyncClient()` per request—use a shared
        module-level client with lazy init"; seed 004: "Always use connection pooling.
        Opening a new connection per request is extremely expensive."
    """,
    bad="""
        import httpx

        async def fetch_rates(base: str) -> dict:
            async with httpx.AsyncClient(timeout=10) as client:
                response = await client.get(f"https://rates.example.com/{base}")
                return response.json()
    """,
    good="""
        import httpx

        _client: httpx.AsyncClient | None = None

        def get_client() -> httpx.AsyncClient:
            global _client
            if _client is None:
                _client = httpx.AsyncClient(timeout=10)
            return _client

        async def fetch_rates(base: str) -> dict:
            response = await get_client().get(f"https://rates.example.com/{base}")
            return response.json()
    """,
    not_flagged=(
        "Clients built at module level.",
        "Construction inside a lifespan (`@asynccontextmanager` function taking `app`, or one passed "
        "to `lifespan=`), an `on_event(\"startup\")` handler, or a `functools.cache`/`lru_cache` factory.",
        "Lazy initialisation that stores the client in a module global (`global _client`), on "
        "`app.state`/`request.app.state`, or on `self`.",
        "A client whose connection settings come from the call (`verify=delivery.verify_ssl`, "
        "`transport=httpx.AsyncHTTPTransport(uds=socket_path)`, `cert=`/`proxy=`/`mounts=` from a parameter or "
        "local): httpx fixes them per client, so one shared client cannot serve every call.",
        "Functions outside route handlers in other layers (main, dependencies, models), and all tests and scripts.",
    ),
    example_path="app/services/rates_service.py",
)

XFA111 = rule(
    "XFA111",
    "upload-read-unbounded",
    default=True,
    seeds=("004",),
    message="await {name}.read() loads the whole upload into memory; read it in chunks (while chunk := await {name}.read(1024 * 1024): ...) or, to parse it whole, cap it: data = await {name}.read(MAX_BYTES + 1) and reject len(data) > MAX_BYTES",
    what="""
        Reports `await <p>.read()` without a size argument where `<p>` is a parameter of the
        route handler annotated `UploadFile` (also `Annotated[UploadFile, File()]` and
        `UploadFile | None`).
    """,
    why="""
        `read()` without a size pulls the whole upload into memory; a few large or malicious
        uploads exhaust the worker. Seed 004 warns against unbounded reads into memory
        ("Fetching entire collections into memory without limits"); reading fixed-size chunks
        keeps memory flat whatever the client sends.
    """,
    bad="""
        from fastapi import APIRouter, UploadFile
        from pydantic import BaseModel

        router = APIRouter()

        class Stored(BaseModel):
            size: int

        @router.post("/avatars")
        async def upload_avatar(file: UploadFile) -> Stored:
            data = await file.read()
            return Stored(size=len(data))
    """,
    good="""
        from fastapi import APIRouter, UploadFile
        from pydantic import BaseModel

        router = APIRouter()

        class Stored(BaseModel):
            size: int

        @router.post("/avatars")
        async def upload_avatar(file: UploadFile) -> Stored:
            size = 0
            while chunk := await file.read(1024 * 1024):
                size += len(chunk)
            return Stored(size=size)
    """,
    not_flagged=(
        "`read(size)` (chunked reading), `shutil.copyfileobj(file.file, ...)` in a thread.",
        "A handler that checks `<p>.size` before reading.",
        "Items of a `list[UploadFile]` parameter, and `UploadFile` objects that are not parameters of the handler.",
        "Test files (test apps read small fixture uploads).",
    ),
    example_path="app/api/routes/avatars.py",
)


XFA112 = rule(
    "XFA112",
    "blocking-call-via-helper",
    default=False,
    seeds=("000", "003", "004"),
    message="{call}() blocks the event loop: {chain}; {fix}",
    what="""
        Reports, in the body of an `async def`, a call of a sync function of the project — of
        this module, or of another one found through the imports (`from app.utils import
        render_welcome`, `from app import utils` then `utils.render_welcome()`) — that makes a
        blocking call of XFA101–XFA105 itself or through further sync functions of the project:
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
        "calls themselves (XFA101–XFA105 report those).",
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

# -- name tables -------------------------------------------------------------------

_HTTP_VERBS = ("get", "post", "put", "patch", "delete", "head", "options", "request")
_HTTPX_SYNC = frozenset(f"httpx.{m}" for m in (*_HTTP_VERBS, "stream", "Client"))
_REQUESTS = frozenset(
    {f"requests.{m}" for m in _HTTP_VERBS}
    | {f"requests.api.{m}" for m in _HTTP_VERBS}
    | {"requests.Session", "requests.session", "requests.sessions.Session"}
)
_URLLIB = frozenset({"urllib.request.urlopen", "urllib.request.urlretrieve"})
_HTTP_CLIENT = frozenset({"http.client.HTTPConnection", "http.client.HTTPSConnection"})
#: constructors of sync HTTP clients whose method calls block (XFA101 on a module-level one)
_SYNC_HTTP_CLIENTS = frozenset(
    {"requests.Session", "requests.session", "requests.sessions.Session", "httpx.Client"}
)
_SYNC_HTTP_METHODS = frozenset((*_HTTP_VERBS, "send", "stream"))

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

_ASYNC_SESSION_METHODS = frozenset(
    {"execute", "scalar", "scalars", "get", "flush", "commit", "rollback", "refresh", "delete", "close",
     "merge", "stream", "run_sync"}
)
_ASYNC_SESSION_TAILS = frozenset({"AsyncSession", "AsyncConnection"})
#: sync ``Session`` methods that talk to the database
_SYNC_SESSION_IO = frozenset(
    {"execute", "exec", "scalar", "scalars", "get", "query", "flush", "commit", "rollback", "refresh", "merge",
     "delete", "close", "connection"}
)
_ASYNC_SLEEPS = frozenset({"asyncio.sleep", "anyio.sleep"})

_TASK_SPAWNERS = frozenset(
    {"asyncio.create_task", "asyncio.ensure_future", "asyncio.tasks.create_task", "asyncio.tasks.ensure_future"}
)
_LOOP_GETTERS = frozenset({"asyncio.get_event_loop", "asyncio.get_running_loop", "asyncio.new_event_loop"})
_LOOP_NAMES = frozenset({"loop", "event_loop", "_loop"})

_PER_REQUEST_CLIENTS = frozenset({"httpx.AsyncClient", "httpx.Client", "aiohttp.ClientSession"})
_CLIENT_LAYERS = frozenset({"routes", "services", "repositories"})
_CACHE_DECORATORS = frozenset(
    {"functools.cache", "functools.lru_cache", "functools.cached_property", "async_lru.alru_cache", "alru_cache"}
)
_ASYNC_CM = frozenset({"contextlib.asynccontextmanager", "asynccontextmanager"})

_UPLOAD_TYPES = frozenset(
    {"fastapi.UploadFile", "fastapi.datastructures.UploadFile", "starlette.datastructures.UploadFile", "UploadFile"}
)

#: constructors that open no connection: the client's calls block, not building it
_LAZY_CLIENTS = frozenset(
    {"requests.Session", "requests.session", "requests.sessions.Session", "httpx.Client",
     "http.client.HTTPConnection", "http.client.HTTPSConnection"}
)
#: sync database calls that connect when called (the other sync constructors connect lazily)
_CONNECTING_DB_CALLS = frozenset(q for q in _SYNC_DB_CLIENTS if q.endswith(".connect"))
_OPEN_NAMES = frozenset({"open", "io.open", "builtins.open"})
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
#: decorators after which a project function still runs its body, in the caller, per call
_TRANSPARENT_DECORATORS = frozenset(
    {"contextlib.contextmanager", "tenacity.retry", "typing.no_type_check", "typing_extensions.deprecated",
     "warnings.deprecated", "deprecated.deprecated"}
)
_CLI_LIBRARIES = frozenset({"typer", "click", "argparse", "cyclopts", "fire"})
_EVENT_LOOP_RUNNERS = frozenset({"asyncio.run", "anyio.run", "uvloop.run", "trio.run"})
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_SCOPE_NODES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def blocking_http_call(name: str) -> bool:
    return name in _REQUESTS or name in _HTTPX_SYNC or name in _URLLIB or name in _HTTP_CLIENT


def blocking_label(qualname: str) -> str | None:
    """A label for a call of the external name ``qualname`` that blocks (the calls
    XFA101-XFA105 recognise by resolved name, less the constructors that do no I/O), as a
    project summary spells it (the builtin ``open`` is ``"open"``); else ``None``."""
    if qualname in _OPEN_NAMES:
        return "open()"
    if qualname == "time.sleep" or qualname in _SUBPROCESS or qualname in _CONNECTING_DB_CALLS:
        return f"{qualname}()"
    if blocking_http_call(qualname) and qualname not in _LAZY_CLIENTS:
        return f"{qualname}()"
    return None


# -- helpers -----------------------------------------------------------------------


def _head_name(expr: ast.expr) -> ast.Name | None:
    """The name at the bottom of an attribute/subscript chain (``a`` of ``a.b["c"].d``)."""
    while isinstance(expr, (ast.Attribute, ast.Subscript)):
        expr = expr.value
    return expr if isinstance(expr, ast.Name) else None


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
    early = ctx.frames[-1].data.get("xfa103_self_paths", {}).get(id(found.node))
    if early is not None:
        return early
    evaluating = ctx.frames[-1].data.setdefault("xfa103_evaluating", set())
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
    if rule_ is XFA104 and (ctx.is_script or _in_program(ctx)):
        return True  # a one-shot command waits for its child processes on purpose
    if rule_ is XFA105 and (ctx.is_script or _in_program(ctx)):
        return True  # a one-shot command's own database / scratch file serves no requests
    if _acknowledged_for_flake8_async(node, ctx, rule_.code):
        return True  # recognised (so XFA103 does not look at it again), not reported
    ctx.report(node, rule_, **kwargs)
    return True


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


def _dotted_call(func: ast.expr) -> str:
    try:
        text = ast.unparse(func)
    except Exception:  # pragma: no cover - unparse of odd nodes
        return "client"
    return text if len(text) <= 60 else text[:57] + "..."


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
        frame.data.setdefault("xfa103_self_paths", {})[id(node)] = is_path


# -- XFA103: a file whose reads and writes are handed to a thread -------------------------


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


# -- XFA101-XFA105, XFA110: calls ------------------------------------------------------


@visitor(ast.Call, codes=(XFA101, XFA102, XFA103, XFA104, XFA105, XFA109, XFA110))
def blocking_calls(node: ast.Call, ctx: Context) -> None:
    frame = ctx.frames[-1]
    if frame.kind == "module" or frame.kind == "class":
        return
    func = node.func
    name = ctx.call_name(node)
    if name is not None and name in _PER_REQUEST_CLIENTS:
        _per_request_client(node, ctx, name)
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
        if frame.route is not None:
            frame.data["xfa109_calls"] = True
            if name is not None and name.startswith(("asyncio.", "anyio.")):
                frame.data["xfa109_loop"] = True


# -- XFA112 (and XFA108's hint): blocking calls through sync project functions -----------


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


@visitor(ast.Call, codes=(XFA112, XFA108))
def blocking_helper_calls(node: ast.Call, ctx: Context) -> None:
    frame = ctx.frames[-1]
    func = node.func
    called = getattr(func, "attr", None) or getattr(func, "id", None)
    if called == "run" and node.args:
        _note_event_loop_run(node, ctx)
    elif called == "add_event_handler" and len(node.args) == 2 and isinstance(node.args[1], ast.Name):
        if string_value(node.args[0]) == "startup":  # app.add_event_handler("startup", warm_up)
            ctx.memo("xfa112_lifespans", set).add(node.args[1].id)
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
        pending = ctx.memo("xfa112_pending", list)
        pending.append((node, outer, dict(call=written, chain=" → ".join(chain), fix=fix)))
    elif frame.route is not None and "xfa108_blocking" not in frame.data and ctx.wants(XFA108):
        name = ctx.call_name(node)
        label = None
        if name is not None:
            direct = _classify_blocking(node, ctx, name)
            if direct is not None:
                label = direct[2]
            elif name == "open" and isinstance(node.func, ast.Name) and ctx.is_builtin(node.func):
                label = "open()"
        if label is None:
            helper = _helper_chain(node, ctx)
            if helper is not None:
                label = " → ".join(helper[1])
        if label is None:
            label = _sync_session_use(node, ctx)
        if label is not None:
            frame.data["xfa108_blocking"] = label


def _sync_session_use(node: ast.Call, ctx: Context) -> str | None:
    """XFA108's hint: the handler queries through a sync SQLAlchemy/SQLModel ``Session`` of its
    own (``session.commit()``), or hands one to a call that will (``IncidentLogic(session)``):
    each query would block an ``async def``."""
    func = node.func
    candidates: list[tuple[ast.Name, str]] = []
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.attr in _SYNC_SESSION_IO:
        candidates.append((func.value, f"{func.value.id}.{func.attr}() on the sync Session {func.value.id}"))
    callee = _dotted_call(func)
    for arg in (*node.args, *(kw.value for kw in node.keywords)):
        if isinstance(arg, ast.Name):
            candidates.append((arg, f"{callee}() with the sync Session {arg.id}"))
    for name, label in candidates:
        is_param, _annotation = ctx.annotation_of(name.id)
        if is_param and ctx.session_verdict(name) is True and ctx.session_flavour(name) == "sync":
            return label
    return None


def _note_event_loop_run(node: ast.Call, ctx: Context) -> None:
    """``asyncio.run(main())``, ``anyio.run(main)``: ``main`` is a program's entry."""
    if ctx.call_name(node) not in _EVENT_LOOP_RUNNERS:
        return
    target = node.args[0]
    if isinstance(target, ast.Call):
        target = target.func
    if isinstance(target, ast.Name):
        ctx.memo("xfa112_entries", set).add(target.id)


@visitor(ast.Module, leave=True, codes=(XFA112,))
def report_blocking_helpers(node: ast.Module, ctx: Context) -> None:
    pending = ctx.memo("xfa112_pending", list)
    if not pending:
        return
    if _command_line_module(ctx):
        return
    entries = ctx.memo("xfa112_entries", set)
    lifespans = ctx.memo("xfa112_lifespans", set)
    for call, outer, kwargs in pending:
        if getattr(outer[0], "name", None) in entries:
            continue  # the coroutine a command-line run starts serves no requests
        if any(_app_scoped_function(ctx, fn, lifespans) for fn in outer):
            continue  # a lifespan or startup handler: runs before the app serves requests
        ctx.report(call, XFA112, **kwargs)


@visitor(ast.keyword, codes=(XFA112,))
def lifespan_keyword(node: ast.keyword, ctx: Context) -> None:
    """``lifespan=name``, ``on_startup=[name, ...]``: functions that run before the app serves."""
    if node.arg == "lifespan" and isinstance(node.value, ast.Name):
        ctx.memo("xfa112_lifespans", set).add(node.value.id)
    elif node.arg == "on_startup" and isinstance(node.value, (ast.List, ast.Tuple)):
        names = ctx.memo("xfa112_lifespans", set)
        names.update(e.id for e in node.value.elts if isinstance(e, ast.Name))


def _one_shot(ctx: Context) -> bool:
    """XFA105: a script, or (inside) the coroutine of a command-line program (see
    :func:`_in_program`): its sync database calls block a loop that serves no requests."""
    return ctx.is_script or _in_program(ctx)


def _in_program(ctx: Context) -> bool:
    """XFA103, XFA104, XFA105: the current function is (inside) the coroutine this module starts as a
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


def _command_line_module(ctx: Context) -> bool:
    """A module that imports a command-line library (typer, click, argparse) and defines
    no route handlers: its coroutines are a command's, not a server's."""
    cli = any(q.partition(".")[0] in _CLI_LIBRARIES for q in ctx.module_imports.values())
    return cli and not ctx.top_level_routes()


# -- XFA106, XFA107: discarded results ----------------------------------------------------


@visitor(ast.Expr, codes=(XFA106, XFA107))
def discarded_calls(node: ast.Expr, ctx: Context) -> None:
    call = node.value
    if not isinstance(call, ast.Call):
        return
    func = call.func
    if ctx.is_test and _expects_exception(ctx):
        return
    if isinstance(func, ast.Name):
        name = func.id
        if name in ctx.functions:
            _unawaited_module_function(call, ctx, name)
            return
        found = ctx.lookup(name)
        if found is None or found.kind != "import":
            return
    elif isinstance(func, ast.Attribute):
        attr = func.attr
        if attr == "create_task" and _is_event_loop(func.value, ctx):
            if not _test_local_helper_task(call, ctx):
                ctx.report(call, XFA107, call=f"{_dotted_call(func.value)}.create_task")
            return
        if attr in _ASYNC_SESSION_METHODS and isinstance(func.value, ast.Name):
            if _is_async_session_param(ctx, func.value.id):
                ctx.report(call, XFA106, call=f"{func.value.id}.{attr}")
                return
        if isinstance(func.value, ast.Name) and func.value.id in ("self", "cls"):
            _unawaited_method(call, ctx, func)
            return
    else:
        return
    qualname = ctx.call_name(call)
    if qualname in _TASK_SPAWNERS and ctx.imported_from(func, "asyncio"):
        if not _test_local_helper_task(call, ctx):
            ctx.report(call, XFA107, call=qualname)
    elif qualname in _ASYNC_SLEEPS and ctx.imported_from(func, "asyncio", "anyio"):
        ctx.report(call, XFA106, call=qualname)
    elif ctx.wants(XFA106):
        _unawaited_project_coroutine(call, ctx)


def _unawaited_project_coroutine(call: ast.Call, ctx: Context) -> None:
    """XFA106: an ``async def`` of another module of the project, reached through an
    import (``notify(user)``, ``services.notify(user)``), whose coroutine is dropped."""
    sym = _project_function(call, ctx)
    if sym is None:
        return
    info = sym.info or {}
    if not info.get("async") or info.get("gen") or info.get("dec") or info.get("dup"):
        return
    ctx.report(call, XFA106, call=_dotted_call(call.func))


def _test_local_helper_task(call: ast.Call, ctx: Context) -> bool:
    """XFA107 in a test file: the task runs a coroutine function the test defines inside
    itself (``async def _release_after_delay(): ...`` then
    ``asyncio.create_task(_release_after_delay())``): scaffolding of that one test, whose
    effect the test waits for and asserts; nothing outlives the test, and a failing helper
    fails it. A module-level coroutine (``job()``) is still reported."""
    if not ctx.is_test or not call.args:
        return False
    coro = call.args[0]
    if not isinstance(coro, ast.Call) or not isinstance(coro.func, ast.Name):
        return False
    name = coro.func.id
    found = ctx.lookup(name)
    if found is not None:
        return (
            found.kind == "def"
            and isinstance(found.node, ast.AsyncFunctionDef)
            and ctx.functions.get(name) is not found.node
            and ctx.function is not None
        )
    # not bound yet at this point of the walk: a helper the test defines further down
    # (``async def _hold(): create_task(_observe())`` then ``async def _observe(): ...``)
    for frame in reversed(ctx.frames):
        if frame.kind == "function":
            for stmt in getattr(frame.node, "body", ()):
                if isinstance(stmt, ast.AsyncFunctionDef) and stmt.name == name:
                    return True
    return False


def _expects_exception(ctx: Context) -> bool:
    """Inside ``with pytest.raises(...)`` / ``with self.assertRaises(...)``: the call is
    expected to fail, its result is never meant to be used."""
    for ancestor in reversed(ctx.ancestors):
        if isinstance(ancestor, (ast.With, ast.AsyncWith)):
            for item in ancestor.items:
                expr = item.context_expr
                if isinstance(expr, ast.Call):
                    func = expr.func
                    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                    if name in ("raises", "assertRaises", "assertRaisesRegex", "assertWarns", "assertWarnsRegex", "warns"):
                        return True
        elif isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            return False
    return False


def _is_event_loop(expr: ast.expr, ctx: Context) -> bool:
    if isinstance(expr, ast.Call):
        return ctx.call_name(expr) in _LOOP_GETTERS and ctx.imported_from(expr.func, "asyncio")
    if isinstance(expr, ast.Name):
        name = expr.id
        is_param, annotation = ctx.annotation_of(name)
        if is_param:
            if annotation is None:
                return name in _LOOP_NAMES
            return (ctx.resolve(annotation) or "").endswith("AbstractEventLoop")
        return name in _LOOP_NAMES or _assigned_loop(ctx, name)
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id == "self":
        return expr.attr in _LOOP_NAMES
    return False


def _assigned_loop(ctx: Context, name: str) -> bool:
    fn = ctx.function
    scope = fn.node if fn is not None else None
    loops = _loop_names(ctx, scope) if scope is not None else ()
    if name in loops:
        return True
    value = ctx.assignments.get(name)
    return isinstance(value, ast.Call) and ctx.call_name(value) in _LOOP_GETTERS


def _loop_names(ctx: Context, scope: ast.AST) -> frozenset[str]:
    def compute() -> frozenset[str]:
        names = set()
        for stmt in ast.walk(scope):
            if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
                if ctx.call_name(stmt.value) in _LOOP_GETTERS:
                    names.update(t.id for t in stmt.targets if isinstance(t, ast.Name))
        return frozenset(names)

    return ctx.memo(f"xfa107_loops_{id(scope)}", compute)


def _is_async_session_param(ctx: Context, name: str) -> bool:
    is_param, annotation = ctx.annotation_of(name)
    if not is_param or annotation is None:
        return False
    base, _ = ctx.unwrap_annotation(annotation)
    if base is None or isinstance(base, ast.Subscript):
        return False
    qualname = ctx.resolve(base) or ""
    return qualname.rsplit(".", 1)[-1] in _ASYNC_SESSION_TAILS


def _plain_coroutine_function(ctx: Context, fn: ast.AST) -> bool:
    """An ``async def`` (not an async generator) whose decorators, if any, are routes."""
    if not isinstance(fn, ast.AsyncFunctionDef):
        return False
    if fn.decorator_list and len(ctx.routes_of(fn)) != len(fn.decorator_list):
        return False
    return not ctx.memo(f"xfa106_gen_{id(fn)}", lambda: _is_generator(fn))


def _is_generator(fn: ast.AST) -> bool:
    stack = list(fn.body)  # type: ignore[attr-defined]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        stack.extend(ast.iter_child_nodes(node))
    return False


def _unawaited_module_function(call: ast.Call, ctx: Context, name: str) -> None:
    found = ctx.lookup(name)
    # the module's own ``async def`` (not a parameter, a local binding or an import that
    # shadows it, nor a later module-level ``name = wrap(name)``)
    if not _module_binding(ctx, name, found) or found.kind != "def":  # type: ignore[union-attr]
        return
    if not _plain_coroutine_function(ctx, found.node):  # type: ignore[union-attr]
        return
    if ctx.memo(f"xfa106_toplevel_{name}", lambda: _defined_once_async(ctx, name)) is False:
        return
    ctx.report(call, XFA106, call=name)


def _defined_once_async(ctx: Context, name: str) -> bool:
    """No other top-level statement (a sync ``def`` under ``if``/``try``, an assignment)
    binds ``name``."""
    tree = ctx.tree
    count = 0
    for stmt in getattr(tree, "body", ()):
        for node in ast.walk(stmt) if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) else (stmt,):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
                count += 1
            elif isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store):
                return False
    return count == 1


def _unawaited_method(call: ast.Call, ctx: Context, func: ast.Attribute) -> None:
    frames = ctx.frames
    if len(frames) < 3 or frames[-1].kind != "function" or frames[-2].kind != "class":
        return
    method = frames[-1].node
    args = method.args  # type: ignore[attr-defined]
    first = (args.posonlyargs + args.args)[:1]
    if not first or first[0].arg != func.value.id:  # type: ignore[attr-defined]
        return
    if any(ctx.resolve(d) in ("staticmethod",) for d in method.decorator_list):  # type: ignore[attr-defined]
        return
    cls = frames[-2].node
    target = None
    for stmt in cls.body:  # type: ignore[attr-defined]
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == func.attr:
            if target is not None:
                return  # defined twice (overloads, property setters): not sure
            target = stmt
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            if any(isinstance(t, ast.Name) and t.id == func.attr for t in targets):
                return
    if target is None or not isinstance(target, ast.AsyncFunctionDef) or target.decorator_list:
        return
    if ctx.memo(f"xfa106_gen_{id(target)}", lambda: _is_generator(target)):
        return
    ctx.report(call, XFA106, call=f"{func.value.id}.{func.attr}")  # type: ignore[attr-defined]


# -- XFA108, XFA109: handler kind ---------------------------------------------------------


@visitor(ast.FunctionDef, leave=True, codes=(XFA108,))
def sync_route_handler(node: ast.FunctionDef, ctx: Context) -> None:
    if ctx.is_test:
        return
    routes = ctx.routes_of(node)
    if not routes or any(r.is_websocket for r in routes):
        return
    if _registered_as_coroutine(node, routes, ctx):
        return
    frame = ctx.frames[-1]
    blocking = frame.data.get("xfa108_blocking") if frame.node is node else None
    if blocking is None:
        fix = "make it async def and await async I/O inside (all route handlers are async def)"
    else:
        fix = (
            f"it calls blocking {blocking}: in an async def that call must be offloaded "
            "(await run_in_threadpool(...)) or made async, or keep the def, which FastAPI runs in its "
            "threadpool, and disable XFA108"
        )
    ctx.report(node, XFA108, name=node.name, fix=fix)


_CALLABLES = frozenset({"typing.Callable", "collections.abc.Callable"})
_AWAITABLES = frozenset(
    {"typing.Awaitable", "typing.Coroutine", "collections.abc.Awaitable", "collections.abc.Coroutine"}
)
_UNIONS = frozenset({"typing.Union", "typing.Optional"})


def _registered_as_coroutine(node: ast.FunctionDef, routes: list, ctx: Context) -> bool:
    """The route decorators receive a coroutine function: the decorator right below the
    lowest of them wraps the plain ``def`` into an ``async def`` (zenml's
    ``@async_fastapi_endpoint_wrapper``, which runs the sync body in the thread pool)."""
    decorators = node.decorator_list
    route_nodes = {id(r.decorator) for r in routes}
    lowest = max((i for i, d in enumerate(decorators) if id(d) in route_nodes), default=None)
    if lowest is None or lowest + 1 >= len(decorators):
        return False
    deco = decorators[lowest + 1]
    factory = isinstance(deco, ast.Call)
    target = deco.func if isinstance(deco, ast.Call) else deco
    if isinstance(target, ast.Name):
        binding = ctx.lookup(target.id)
        if binding is not None and binding.kind == "def":
            # a decorator of this module: read its body (its annotation may say more)
            fn = binding.node
            if isinstance(fn, ast.FunctionDef) and _returns_async_def(fn, 2 if factory else 1):
                return True
    sym = ctx.symbol(target)
    if sym is None or sym.kind != "function" or not isinstance(sym.info, dict) or sym.info.get("async"):
        return False
    returned = sym.info.get("rt")
    if not isinstance(returned, dict):
        return False
    if factory:
        return any(
            _callable_returning(m, lambda r: any(_callable_returning(x, _is_awaitable) for x in _union_members(r)))
            for m in _union_members(returned)
        )
    return any(_callable_returning(m, _is_awaitable) for m in _union_members(returned))


def _union_members(desc: dict) -> list[dict]:
    if desc.get("k") == "sub" and desc.get("of") in _UNIONS:
        return [d for d in desc.get("items", ()) if isinstance(d, dict)]
    return [desc]


def _is_awaitable(desc: dict) -> bool:
    return desc.get("k") == "sub" and desc.get("of") in _AWAITABLES


def _callable_returning(desc: dict, returns: Callable[[dict], bool]) -> bool:
    """``Callable[<params>, R]`` where ``returns(R)`` holds."""
    if desc.get("k") != "sub" or desc.get("of") not in _CALLABLES:
        return False
    items = desc.get("items") or []
    return len(items) == 2 and isinstance(items[1], dict) and bool(returns(items[1]))


def _returns_async_def(fn: ast.FunctionDef, depth: int) -> bool:
    """Every ``return`` of ``fn`` (nested scopes left out) hands back a function ``fn``
    defines in its own body: an ``async def`` (``depth`` 1), or a plain ``def`` that does so
    itself (``depth`` 2: a decorator factory)."""
    nested = {s.name: s for s in fn.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))}
    returns: list[ast.expr | None] = []
    stack: list[ast.AST] = list(fn.body)
    while stack:
        current = stack.pop()
        if isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(current, ast.Return):
            returns.append(current.value)
        stack.extend(ast.iter_child_nodes(current))
    if not returns:
        return False
    for value in returns:
        inner = nested.get(value.id) if isinstance(value, ast.Name) else None
        if inner is None:
            return False
        if depth == 1 and not isinstance(inner, ast.AsyncFunctionDef):
            return False
        if depth == 2 and not (isinstance(inner, ast.FunctionDef) and _returns_async_def(inner, 1)):
            return False
    return True


@visitor(ast.AsyncFunctionDef, leave=True, codes=(XFA109,))
def async_route_without_await(node: ast.AsyncFunctionDef, ctx: Context) -> None:
    frame = ctx.frames[-1]
    route = frame.route
    if route is None or frame.has_await or frame.node is not node or ctx.is_test:
        return
    if any(r.is_websocket for r in ctx.routes_of(node)) or frame.data.get("xfa109_loop"):
        return
    if not frame.data.get("xfa109_calls") or frame.data.get("xfa109_yield"):
        return  # no work (returns a dependency's value or a constant), or a streaming generator
    ctx.report(node, XFA109, name=node.name)


@visitor(ast.Yield, ast.YieldFrom, codes=(XFA109,))
def route_generator(node: ast.AST, ctx: Context) -> None:
    frame = ctx.frames[-1]
    if frame.route is not None:
        frame.data["xfa109_yield"] = True


# -- XFA110: client per request -------------------------------------------------------------


def _per_request_client(node: ast.Call, ctx: Context, name: str) -> None:
    if ctx.is_test or ctx.is_script:
        return
    if not ctx.imported_from(node.func, "httpx", "aiohttp"):
        return
    functions = [f for f in ctx.frames if f.kind == "function"]
    if not functions:
        return
    handler = next((f for f in reversed(functions) if f.route is not None), None)
    if handler is None and ctx.layer not in _CLIENT_LAYERS:
        return
    for frame in functions:
        if _app_scoped_function(ctx, frame.node):
            return
    if _stored_for_reuse(ctx, functions[-1].node):
        return
    if _per_call_connection_setting(node, ctx):
        return
    where = f"route handler {handler.node.name}()" if handler is not None else (
        f"{functions[-1].node.name}() in a {ctx.layer} file"  # type: ignore[attr-defined]
    )
    ctx.report(node, XFA110, call=name, where=where)


#: client settings fixed at construction that no request can override (httpx sets ``verify``,
#: ``cert``, the transport and proxies per client; aiohttp its connector)
_CLIENT_CONNECTION_SETTINGS = frozenset({"verify", "cert", "transport", "proxy", "proxies", "mounts", "connector"})


def _per_call_connection_setting(node: ast.Call, ctx: Context) -> bool:
    """A connection setting of the client comes from this call's own values
    (``verify=delivery.verify_ssl``, ``transport=AsyncHTTPTransport(uds=socket_path)`` with a
    parameter or local): one shared client cannot serve every call, so building it per call is
    the design, not a missed pool."""
    for keyword in node.keywords:
        if keyword.arg not in _CLIENT_CONNECTION_SETTINGS:
            continue
        for sub in ast.walk(keyword.value):
            if isinstance(sub, ast.Name) and _locally_bound(ctx, sub.id):
                return True
    return False


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


def _stored_for_reuse(ctx: Context, fn: ast.AST) -> bool:
    """The client is assigned to a module global, to ``*.state.*`` or to ``self``."""
    stmt = None
    for ancestor in reversed(ctx.ancestors):
        if isinstance(ancestor, ast.stmt):
            stmt = ancestor
            break
    if isinstance(stmt, ast.Assign):
        targets = stmt.targets
    elif isinstance(stmt, (ast.AnnAssign, ast.AugAssign)):
        targets = [stmt.target]
    else:
        return False
    if isinstance(stmt, ast.AnnAssign) and stmt.value is None:
        return False
    for target in targets:
        if isinstance(target, ast.Name):
            if target.id in _globals_of(ctx, fn):
                return True
        elif isinstance(target, (ast.Attribute, ast.Subscript)):
            node = target
            while isinstance(node, (ast.Attribute, ast.Subscript)):
                if isinstance(node, ast.Attribute) and node.attr == "state":
                    return True
                node = node.value
            if isinstance(node, ast.Name) and node.id in ("self", "cls"):
                return True
    return False


def _globals_of(ctx: Context, fn: ast.AST) -> frozenset[str]:
    def compute() -> frozenset[str]:
        names: set[str] = set()
        stack = list(getattr(fn, "body", ()))
        while stack:
            node = stack.pop()
            if isinstance(node, ast.Global):
                names.update(node.names)
            elif not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                stack.extend(ast.iter_child_nodes(node))
        return frozenset(names)

    return ctx.memo(f"xfa110_globals_{id(fn)}", compute)


# -- XFA111: unbounded upload read ------------------------------------------------------------


@visitor(ast.Attribute, codes=(XFA111,))
def upload_size_checked(node: ast.Attribute, ctx: Context) -> None:
    if node.attr != "size":
        return
    frame = ctx.frames[-1]
    if frame.route is not None and isinstance(node.value, ast.Name):
        frame.data.setdefault("xfa111_sized", set()).add(node.value.id)


@visitor(ast.Await, codes=(XFA111,))
def upload_read(node: ast.Await, ctx: Context) -> None:
    call = node.value
    if not isinstance(call, ast.Call) or call.args or call.keywords:
        return
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == "read" and isinstance(func.value, ast.Name)):
        return
    frame = ctx.frames[-1]
    if frame.route is None or ctx.is_test:
        return
    name = func.value.id
    if name not in frame.params or name in frame.data.get("xfa111_sized", ()):
        return
    base, _ = ctx.unwrap_annotation(frame.params[name])
    if base is None or isinstance(base, ast.Subscript):
        return
    qualname = ctx.resolve(base)
    if qualname in _UPLOAD_TYPES and (qualname != "UploadFile" or "UploadFile" not in ctx.classes):
        ctx.report(node, XFA111, name=name)
