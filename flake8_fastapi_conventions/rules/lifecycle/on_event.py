"""XFA601: ``app.on_event(...)`` / ``add_event_handler(...)``, deprecated for a lifespan."""

from __future__ import annotations

from ...context import Context
from ...registry import rule


XFA601 = rule(
    "XFA601",
    "on-event-deprecated",
    default=True,
    seeds=("002", "003", "004"),
    message="{form} is deprecated",
    fix_hint="move the startup/shutdown code into a lifespan context manager (setup before `yield`, teardown after it) and pass FastAPI(lifespan=lifespan)",
    what="""
        Reports the deprecated start-up/shut-down hooks of a FastAPI app or router: the
        `@app.on_event("startup")`/`@app.on_event("shutdown")` decorator (at the
        decorator), `app.add_event_handler(...)` and `FastAPI(on_startup=..., on_shutdown=...)`
        / `APIRouter(on_startup=...)` (at the call). The receiver must be a FastAPI app or
        router: assigned `FastAPI()`/`APIRouter()` in this file, or named `*app`/`*router`
        and not provably an object of another framework.

        Scope: test files (the tests layer) are not checked; scripts are, CI scripts
        included (`scripts/`, `.github/scripts/`, `ci/`).
    """,
    why="""
        `on_event` is deprecated in FastAPI and Starlette; start-up and shut-down code
        belongs in one lifespan context manager, where the resources created before
        `yield` are in scope for the clean-up after it. Seed 004: "Never use the
        deprecated @app.on_event("startup") or @app.on_event("shutdown") decorators.
        Always use the lifespan async context manager"; seed 002: lifespan "replaces
        @app.on_event — startup/shutdown with yield".
    """,
    bad="""
        from fastapi import FastAPI

        from app.db import engine

        app = FastAPI()


        @app.on_event("shutdown")
        async def close_engine() -> None:
            await engine.dispose()
    """,
    good="""
        from contextlib import asynccontextmanager

        from fastapi import FastAPI

        from app.db import engine


        @asynccontextmanager
        async def lifespan(app: FastAPI):
            yield
            await engine.dispose()


        app = FastAPI(lifespan=lifespan)
    """,
    not_flagged=(
        "Test files (the tests layer): test apps configure middleware, handlers and events on purpose.",
        "`on_event`/`add_event_handler` on objects that are not a FastAPI app or router "
        "(a `socketio` server, an object created by another framework, `self` inside a library).",
        "`FastAPI(on_startup=None)` and empty `on_startup=[]` lists.",
    ),
    fix="unsafe",
)


def _implements(ctx: Context, method: str) -> bool:
    """The call is inside a function of the same name: a wrapper forwarding the API."""
    frame = ctx.function
    return frame is not None and getattr(frame.node, "name", None) == method
