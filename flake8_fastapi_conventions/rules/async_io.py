"""XFA1xx: async and blocking I/O."""

from __future__ import annotations

import ast

from ..context import Context
from ..registry import rule, visitor

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
    ),
    fix="safe",
)

_HTTPX_SYNC = frozenset(
    f"httpx.{m}" for m in ("get", "post", "put", "patch", "delete", "head", "options", "request", "stream", "Client")
)
_URLLIB = frozenset({"urllib.request.urlopen", "urllib.request.urlretrieve"})
_HTTP_CLIENT = frozenset({"http.client.HTTPConnection", "http.client.HTTPSConnection"})


def blocking_http_call(name: str) -> bool:
    if name.startswith("requests."):
        return True
    return name in _HTTPX_SYNC or name in _URLLIB or name in _HTTP_CLIENT


@visitor(ast.Call, codes=(XFA101, XFA102))
def blocking_calls(node: ast.Call, ctx: Context) -> None:
    if not ctx.in_async_scope:
        return
    name = ctx.call_name(node)
    if name is None:
        return
    if name == "time.sleep" and ctx.imported_from(node.func, "time"):
        ctx.report(node, XFA102)
    elif blocking_http_call(name) and ctx.imported_from(node.func, "requests", "httpx", "urllib", "http"):
        method = name.rsplit(".", 1)[-1]
        if method in ("Client", "Session", "request", "urlopen", "urlretrieve") or method[0].isupper():
            method = "get"
        ctx.report(node, XFA101, call=name, method=method.lower())
