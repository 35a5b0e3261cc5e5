"""XFA109: an ``async def`` route handler that never awaits."""

from __future__ import annotations

import ast

from ...context import Context
from ...registry import rule, visitor
from ._shared import UNREPORTED_CALLS

XFA109 = rule(
    "XFA109",
    "async-route-without-await",
    default=False,
    seeds=("004",),
    message="async route handler {name}() never awaits, so its work runs on the event loop",
    fix_hint="make it a plain def (FastAPI runs it in the thread pool) or await async I/O",
    what="""
        Reports an `async def` route handler whose own body contains no `await`, `async for`
        or `async with`. Off by default: it follows seed 004 where [[sync-route-handler]] follows seed 003.
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
            # or, with [[sync-route-handler]] disabled: a plain `def build_report()`
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


class RouteWork:
    """XFA109's facts about a route handler, collected while it is walked."""

    __slots__ = ("calls", "loop", "yields")

    def __init__(self) -> None:
        #: it calls something (blocking_calls: a call that is not reported as blocking)
        self.calls: bool = False
        #: it calls an ``asyncio.``/``anyio.`` function
        self.loop: bool = False
        #: it yields (a streaming generator)
        self.yields: bool = False


@UNREPORTED_CALLS.on("call", rules=(XFA109,))
def _route_call(node: ast.Call, name: str | None, frame, ctx: Context) -> None:
    """An async route handler calls something (not a blocking call, which the blocking-call
    rules report): it does work; an ``asyncio.``/``anyio.`` call uses the event loop."""
    if frame.is_async and frame.route is not None:
        state = frame.state(RouteWork)
        state.calls = True
        if name is not None and name.startswith(("asyncio.", "anyio.")):
            state.loop = True


@visitor(ast.AsyncFunctionDef, leave=True, codes=(XFA109,))
def async_route_without_await(node: ast.AsyncFunctionDef, ctx: Context) -> None:
    frame = ctx.frames[-1]
    route = frame.route
    if route is None or frame.has_await or frame.node is not node or ctx.is_test:
        return
    work = frame.state(RouteWork)
    if any(r.is_websocket for r in ctx.routes_of(node)) or work.loop:
        return
    if not work.calls or work.yields:
        return  # no work (returns a dependency's value or a constant), or a streaming generator
    ctx.report(node, XFA109, name=node.name)


@visitor(ast.Yield, ast.YieldFrom, codes=(XFA109,))
def route_generator(node: ast.AST, ctx: Context) -> None:
    frame = ctx.frames[-1]
    if frame.route is not None:
        frame.state(RouteWork).yields = True
