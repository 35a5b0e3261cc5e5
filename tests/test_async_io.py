"""XFA1xx on odd syntax (no crash, sensible findings) and message wording."""

from __future__ import annotations

import sys

import pytest

from harness import check, messages

ALL_XFA1 = ["XFA103", "XFA104", "XFA108", "XFA109", "XFA110", "XFA112"]  # the off rules of the group; the others are on by default


def xfa1(source: str, path: str = "app/api/routes/odd.py"):
    return sorted(f for f in check(source, path, select=ALL_XFA1) if f[2].startswith("XFA1"))


def test_match_walrus_except_star_and_async_comprehensions(capsys):
    source = '''
import asyncio
import subprocess
from pathlib import Path

from fastapi import APIRouter

router = APIRouter()


async def job(): ...


@router.get("/odd")
async def odd(cmd: str, source):
    match cmd:
        case "ls":
            subprocess.run(["ls"])
        case {"path": p}:
            (p := Path(p)).read_text()
        case [first, *rest]:
            asyncio.create_task(job())
    try:
        pass
    except* ValueError:
        job()
    if (n := len(cmd)) > 3:
        asyncio.sleep(n)
    return [x async for x in source if await x]
'''
    found = xfa1(source)
    assert capsys.readouterr().err == ""
    assert found == [
        (18, 13, "XFA104"),
        (22, 13, "XFA107"),
        (26, 9, "XFA106"),
        (28, 9, "XFA106"),
    ]


def test_walrus_bound_path_is_not_tracked_but_does_not_crash(capsys):
    # `p := Path(p)` rebinds p inside the expression: the receiver is the walrus itself,
    # which is not one of the provable forms -> silent.
    source = '''
from pathlib import Path

async def f(p):
    (p := Path(p)).read_text()
    p.read_text()
'''
    assert xfa1(source, "app/services/x_service.py") == []
    assert capsys.readouterr().err == ""


def test_decorators_of_any_expression_and_starred_arguments(capsys):
    source = '''
import asyncio
import httpx

handlers = {}


@handlers["x"].register
@(lambda f: f)
async def decorated(*args, **kwargs):
    await asyncio.sleep(0)


async def plain(*args):
    httpx.AsyncClient(*args, **{})
    decorated(*args)
    asyncio.create_task(*args)
    open(*args)
'''
    found = xfa1(source, "app/services/x_service.py")
    assert capsys.readouterr().err == ""
    assert found == [(15, 5, "XFA110"), (17, 5, "XFA107"), (18, 5, "XFA103")]


@pytest.mark.skipif(sys.version_info < (3, 12), reason="PEP 695 syntax")
def test_pep695_generics_and_type_aliases(capsys):
    source = '''
import asyncio
type Pair[T] = tuple[T, T]


async def first[T](items: list[T]) -> T:
    asyncio.sleep(0)
    return items[0]


class Box[T]:
    async def get(self) -> T: ...

    async def use(self):
        self.get()
'''
    found = xfa1(source)
    assert capsys.readouterr().err == ""
    assert found == [(7, 5, "XFA106"), (15, 9, "XFA106")]


def test_messages_name_the_problem_and_the_fix():
    source = '''
import asyncio
import subprocess
import httpx
import redis
from fastapi import APIRouter, UploadFile
from sqlalchemy.ext.asyncio import AsyncSession

router = APIRouter()
cache = redis.Redis()


@router.post("/x")
async def handler(file: UploadFile, db: AsyncSession):
    open("x")
    subprocess.run(["ls"])
    cache.get("k")
    db.commit()
    asyncio.create_task(handler(file, db))
    async with httpx.AsyncClient() as client:
        await client.get("https://example.com")
    return len(await file.read())
'''
    found = [m for _, _, m in messages(source, "app/api/routes/x.py", select=ALL_XFA1) if m.startswith("XFA1")]
    assert found == [
        "XFA103 blocking file I/O open() inside async def; use aiofiles: async with aiofiles.open(...) as f",
        "XFA104 blocking subprocess call subprocess.run() inside async def; "
        "use await asyncio.create_subprocess_exec(...) and await proc.communicate()",
        "XFA105 sync redis call cache.get() inside async def blocks the event loop; "
        "use redis.asyncio.Redis and await its calls",
        "XFA106 coroutine db.commit() is called but never awaited, so it never runs; add await: await db.commit(...)",
        "XFA107 task from asyncio.create_task() is discarded, so it can be garbage-collected mid-run and its "
        "exception is lost; keep a reference (tasks.add(task); task.add_done_callback(tasks.discard)) "
        "or use asyncio.TaskGroup",
        "XFA110 httpx.AsyncClient() is created per call inside route handler handler(); create one client at "
        "startup (lifespan/app.state or a module-level lazy singleton) and reuse it",
        "XFA111 await file.read() loads the whole upload into memory; read it in chunks "
        "(while chunk := await file.read(1024 * 1024): ...) or, to parse it whole, cap it: "
        "data = await file.read(MAX_BYTES + 1) and reject len(data) > MAX_BYTES",
    ]


def test_sync_route_message():
    source = '''
from fastapi import APIRouter

router = APIRouter()


@router.get("/x")
def read_x():
    return 1
'''
    found = [m for _, _, m in messages(source, "app/api/routes/x.py", select=["XFA108"]) if m.startswith("XFA108")]
    assert found == [
        "XFA108 route handler read_x() is a plain def; make it async def and await async I/O inside "
        "(all route handlers are async def)"
    ]


def test_sync_route_message_names_a_blocking_call():
    source = '''
import requests
from fastapi import APIRouter

router = APIRouter()


def load_profile(user_id: int) -> dict:
    return requests.get(f"https://profiles.example.com/{user_id}", timeout=5).json()


@router.get("/direct")
def direct():
    return requests.get("https://example.com", timeout=5).json()


@router.get("/helper")
def via_helper(user_id: int):
    return load_profile(user_id)


@router.get("/passed")
def passed(user_id: int):
    return {"loader": load_profile}
'''
    found = [m for _, _, m in messages(source, "app/api/routes/x.py", select=["XFA108"]) if m.startswith("XFA108")]
    tail = (
        ": in an async def that call must be offloaded (await run_in_threadpool(...)) or made async, "
        "or keep the def, which FastAPI runs in its threadpool, and disable XFA108"
    )
    assert found == [
        "XFA108 route handler direct() is a plain def; it calls blocking requests.get()" + tail,
        "XFA108 route handler via_helper() is a plain def; it calls blocking load_profile() → requests.get()"
        + tail,
        "XFA108 route handler passed() is a plain def; make it async def and await async I/O inside "
        "(all route handlers are async def)",
    ]


def test_local_bindings_come_from_the_shared_model():
    # comprehension variables, a parameter rebound to an async client, a path built from
    # itself: the receivers XFA103/XFA105 look at are read from the scoped bindings
    source = '''
from pathlib import Path

import redis.asyncio as aioredis
from redis import Redis

BASE = Path("/srv")


async def comprehension(paths: list[str], open_files):
    texts = [open(p) for open in open_files for p in paths]
    names = [BASE.read_text() for BASE in paths]
    return texts, names


async def rebound(r: Redis, p: str):
    r = aioredis.Redis()
    await r.get("k")
    p = Path(p)
    p.read_text()
    q = Path(p)
    q = q / "sub"
    q.read_text()


async def nested_module_path():
    def sync(): ...

    async def inner():
        BASE.read_text()

    return sync, inner
'''
    assert xfa1(source, "app/services/x_service.py") == [
        (20, 5, "XFA103"),
        (23, 5, "XFA103"),
        (30, 9, "XFA103"),
    ]


def test_helper_message_for_a_context_manager():
    source = '''
from contextlib import contextmanager


@contextmanager
def locked(path: str):
    with open(path + ".lock", "w"):
        yield


async def job() -> None:
    with locked("x"):
        pass
'''
    found = [m for _, _, m in messages(source, "app/services/jobs.py", select=["XFA112"]) if m.startswith("XFA112")]
    assert found == [
        "XFA112 locked() blocks the event loop: locked() → open(); make it an @asynccontextmanager that "
        "awaits async I/O (or asyncio.to_thread) inside"
    ]


def test_xfa102_offers_its_fix_only_where_the_rewritten_line_keeps_to_the_line_length(tmp_path_factory):
    from flake8_fastapi_conventions.fixer import fix_text
    from harness import at_line_length, settings_for

    source = "import time\n\n\nasync def poll() -> None:\n    time.sleep(1)\n"
    # `    time.sleep(1)` becomes `    await asyncio.sleep(1)`: 4 + len("await asyncio.sleep(1)") = 4 + 22 = 26
    reason = "the rewritten line would be 26 characters, over the project's line length of 25 (setup.cfg)"
    found = {}
    for limit in (25, 26):
        path = at_line_length(tmp_path_factory, limit, "app/services/jobs.py")
        [(_, _, found[limit])] = messages(source, path, select=["XFA102"])
        if limit == 25:  # the fixer gives the same reason
            assert [m.reason for m in fix_text(source, path, settings_for(["XFA102"])).manual] == [reason]
    assert found[25] == f"XFA102 time.sleep() blocks the event loop inside async def; use await asyncio.sleep(...) [no automatic fix: {reason}]"
    assert found[26].endswith("(fix: fastapi-conventions fix)")
