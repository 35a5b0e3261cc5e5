"""XFA601: ``app.on_event(...)`` / ``add_event_handler(...)``, deprecated for a lifespan."""

from __future__ import annotations

import ast
import re

from ... import lazy_re
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
        "Either branch of an `if` on the installed FastAPI version (`if _FASTAPI_VERSION >= "
        "\"0.109.1\":`, `fastapi.__version__`, `metadata.version(\"fastapi\")`, or a name bound "
        "to one of them): a library supporting FastAPI releases older than lifespan "
        "(the tenth reading's DB-GPT `register_event_handler`).",
    ),
    fix="unsafe",
)


def _implements(ctx: Context, method: str) -> bool:
    """The call is inside a function of the same name: a wrapper forwarding the API."""
    frame = ctx.function
    return frame is not None and getattr(frame.node, "name", None) == method


#: a name that says it holds the FastAPI version (``_FASTAPI_VERSION``, ``fastapi_version``)
_FASTAPI_VERSION_NAME = lazy_re.compile(r"fastapi.*version|version.*fastapi", re.I)


def _fastapi_version_test(ctx: Context, test: ast.expr, follow: bool = True) -> bool:
    for node in ast.walk(test):
        if isinstance(node, ast.Name):
            if _FASTAPI_VERSION_NAME.search(node.id):
                return True
            bound = ctx.lookup(node.id) if follow else None
            if bound is not None and bound.kind == "assign" and bound.value is not None:
                if _fastapi_version_test(ctx, bound.value, follow=False):
                    return True
        elif isinstance(node, ast.Attribute) and node.attr in ("__version__", "VERSION"):
            if (ctx.resolve(node) or "").startswith("fastapi."):
                return True
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and node.args[0].value == "fastapi"
            and (ctx.resolve(node.func) or "").endswith("metadata.version")
        ):
            return True
    return False


def in_fastapi_version_branch(ctx: Context) -> bool:
    """Inside either branch of an ``if`` (or ``x if ... else y``) on the installed FastAPI
    version: a compatibility layer for releases without lifespan support."""
    return any(
        isinstance(ancestor, (ast.If, ast.IfExp)) and _fastapi_version_test(ctx, ancestor.test)
        for ancestor in ctx.ancestors
    )
