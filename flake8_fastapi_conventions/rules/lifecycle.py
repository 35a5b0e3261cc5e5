"""XFA6xx: lifecycle, settings, middleware."""

from __future__ import annotations

import ast
import os
import re
from http import HTTPStatus
from typing import Any

from .. import lazy_re
from ..context import FASTAPI_APP_FACTORIES, FUNCTION_TYPES, NON_FASTAPI_FRAMEWORKS, Context, Frame, comment_of, keyword, dotted_name, last_name
from ..settings import normalize_path
from ..registry import back_on, moved_off, rule, visitor
from ..project import http_middleware_passes_through

XFA601 = rule(
    "XFA601",
    "on-event-deprecated",
    default=True,
    seeds=("002", "003", "004"),
    message="{form} is deprecated; move the startup/shutdown code into a lifespan context manager (setup before `yield`, teardown after it) and pass FastAPI(lifespan=lifespan)",
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

XFA602 = rule(
    "XFA602",
    "lifespan-swallows-errors",
    default=True,
    seeds=("002",),
    message="lifespan start-up swallows {exception}; re-raise it (`raise`) so a failed start-up stops the app instead of serving without the resource",
    what="""
        Inside a lifespan function, before its first `yield`: an `except` whose body only
        passes, logs (`logger.*`, `logging.*`, `print`, `traceback.print_exc`,
        `sentry_sdk.capture_exception`) or continues, without re-raising. A lifespan is a
        function passed as `lifespan=` to a call (`FastAPI(...)`, `APIRouter(...)`,
        `Starlette(...)`) in this file, or an `@asynccontextmanager` function whose first
        parameter is the app (annotated `FastAPI`/`Starlette` or named `app`/`_app`/`application`).
        Not reported: handlers that say start-up goes on without the integration — a
        comment on the `except` line, in the handler, in the comment lines right above
        the `except` or right above the `try` (or above an `if`/`with` whose body opens
        with that `try`), or the handler's log message (also on
        `logging.getLogger(...).warning(...)`), with words
        like "continue", "optional", "non-fatal", "best effort", "without", "degraded",
        "skip", "fallback" (not negated: "no fallback" does not count) — and a `try` that
        only prints a banner or version line (output calls, and local names only they
        read). Comments are read from the file's lines; when only the tree is given,
        comments do not count. Test files (the tests layer) are not checked; scripts are.

        Scope: test files (the tests layer) are not checked; scripts are, CI scripts
        included (`scripts/`, `.github/scripts/`, `ci/`).
    """,
    why="""
        Start-up is the one moment where a missing database or cache can stop a
        deployment before it takes traffic. Seed 002: "init in dependency order — raise
        on failure, don't swallow". A swallowed error lets the worker start and fail every
        request instead (and the load balancer keeps routing traffic to it).
    """,
    bad="""
        import logging
        from contextlib import asynccontextmanager

        from fastapi import FastAPI

        from app.cache import redis

        logger = logging.getLogger(__name__)


        @asynccontextmanager
        async def lifespan(app: FastAPI):
            try:
                await redis.ping()
            except ConnectionError:
                logger.warning("redis.unavailable")
            yield
            await redis.aclose()
    """,
    good="""
        import logging
        from contextlib import asynccontextmanager

        from fastapi import FastAPI

        from app.cache import redis

        logger = logging.getLogger(__name__)


        @asynccontextmanager
        async def lifespan(app: FastAPI):
            try:
                await redis.ping()
            except ConnectionError:
                logger.exception("redis.unavailable")
                raise
            yield
            await redis.aclose()
    """,
    not_flagged=(
        "Test files (the tests layer): test apps configure middleware, handlers and events on purpose.",
        "Handlers after the `yield` (shut-down), and the handlers of a `try` whose body holds the `yield`.",
        "Handlers that do anything besides passing, logging or continuing (a fallback assignment, a retry "
        "`await asyncio.sleep(...)`), and handlers in a retry loop whose `else:` clause exists (it raises).",
        "`@asynccontextmanager` functions that do not take the app (ordinary resource managers).",
        "Optional integrations whose failure is logged with a comment (or log message) saying start-up "
        "continues: `# optional: runs without error tracking`, `# non-fatal`, "
        "`logger.warning(\"redis unavailable, continuing without cache\")`; the comment may "
        "also stand above an `if settings.bucket:` (or a `with`) whose body opens with the `try`.",
        "Cosmetic start-up output: a `try` that only prints or logs a banner or version line.",
        "Start-up housekeeping: a `try` whose body is one call cleaning up an earlier run's leftovers (`await sessions.cleanup_stale_sessions()`, `purge_expired_tokens()`: a clean-up verb and a word such as `stale`, `expired`, `orphaned`); starting a reaper or scheduler is still reported.",
    ),
)

XFA603 = rule(
    "XFA603",
    "base-http-middleware",
    default=True,
    seeds=("000",),
    message="{form} runs the app inside BaseHTTPMiddleware's call_next task group; write pure ASGI middleware instead: a class with __init__(self, app) and async __call__(self, scope, receive, send)",
    what="""
        Reports `BaseHTTPMiddleware`-based middleware: a class deriving
        `starlette.middleware.base.BaseHTTPMiddleware` (also through an import alias or a
        class of this file that derives it; reported at the first class of the chain),
        `app.add_middleware(BaseHTTPMiddleware, dispatch=...)` /
        `Middleware(BaseHTTPMiddleware, ...)`, and the `@app.middleware("http")` decorator
        (which wraps the function in `BaseHTTPMiddleware`).

        Scope: test files (the tests layer) are not checked; scripts are, CI scripts
        included (`scripts/`, `.github/scripts/`, `ci/`).
    """,
    why="""
        Seed 000: "Use pure ASGI middleware only (class with __init__(self, app) and async
        def __call__(self, scope, receive, send)). Do not use
        starlette.middleware.base.BaseHTTPMiddleware: its call_next() wraps the response
        body in an internal task group, which breaks AsyncSession lifecycle in FastAPI
        dependency-injected routes". It also buffers streaming responses and cancels
        background work when the client disconnects.
    """,
    bad="""
        import time

        from starlette.middleware.base import BaseHTTPMiddleware


        class TimingMiddleware(BaseHTTPMiddleware):
            async def dispatch(self, request, call_next):
                started = time.perf_counter()
                try:
                    response = await call_next(request)
                except Exception:
                    raise
                response.headers["x-elapsed"] = str(time.perf_counter() - started)
                return response
    """,
    good="""
        import time

        from starlette.types import ASGIApp, Message, Receive, Scope, Send


        class TimingMiddleware:
            def __init__(self, app: ASGIApp) -> None:
                self.app = app

            async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
                if scope["type"] != "http":
                    await self.app(scope, receive, send)
                    return
                started = time.perf_counter()

                async def send_with_timing(message: Message) -> None:
                    if message["type"] == "http.response.start":
                        elapsed = str(time.perf_counter() - started).encode()
                        message.setdefault("headers", []).append((b"x-elapsed", elapsed))
                    await send(message)

                await self.app(scope, receive, send_with_timing)
    """,
    not_flagged=(
        "Test files (the tests layer): test apps configure middleware, handlers and events on purpose.",
        "Pure ASGI middleware classes (`__init__(self, app)`, `async __call__(self, scope, receive, send)`).",
        "`app.add_middleware(SomeMiddleware)` with any class other than `BaseHTTPMiddleware` "
        "(a subclass defined here is reported at its `class` statement).",
        "`@x.middleware(...)` on objects that are not a FastAPI/Starlette app.",
    ),
)

XFA604 = rule(
    "XFA604",
    "call-next-unguarded",
    default=False,
    precision=moved_off("6 of 7", reading="fifth", earlier="3 of 6"),
    seeds=("004",),
    message="`await {call_next}(...)` in middleware is not inside try, so the code after it is skipped when the route raises; wrap it in try/except (log the exception, then re-raise or return a 500) or move that work into finally, so failed requests get it too",
    what="""
        Reports `await call_next(request)` that is not inside the body of a `try` in
        Starlette/FastAPI HTTP middleware, when code runs after it that an exception in
        the route would skip. Middleware is the `dispatch` method of a
        `BaseHTTPMiddleware` subclass (of this file), a function decorated
        `@app.middleware("http")`, or a function `(request, call_next)` whose first
        parameter is a Starlette/FastAPI `Request` (annotated so, or unannotated and named
        `request`; a method must be annotated). A pass-through — `return await
        call_next(request)`, or `response = await call_next(request)` followed only by
        `return response` — is not reported: Starlette's error middleware still answers
        with a 500. Test files (the tests layer) are not checked; scripts are.

        Headers and cookies are a decision (the catalog says "work after it that an error
        would skip"; the third reading left headers open, the fourth decided): setting
        headers or cookies on the response `call_next` returned (`response.headers[k] =
        v`, `.headers.update(...)`, `del response.headers[k]`, `set_cookie`), also under an
        `if` and with local values computed for them from builtins, `time`/`datetime` and
        value methods, is not reported. When the route raises there is no such response:
        Starlette's error middleware answers with a 500 of its own, outside this middleware,
        and the try/except fix would not put those headers on it either. A header whose
        value comes from another call (`request_id_for(request)`), or any other statement
        (logging, metrics, telemetry, cleanup), is reported: the rule cannot tell whether
        that work must also run for failed requests.

        Scope: test files (the tests layer) are not checked; scripts are, CI scripts
        included (`scripts/`, `.github/scripts/`, `ci/`).
    """,
    why="""
        Seed 004: "If middleware calls call_next(request) without a try/except, an
        unhandled exception in a route will crash the middleware chain instead of
        returning a proper error response" — and the middleware's own bookkeeping
        (timing, request-id headers, logging) is skipped for exactly the requests that failed.
    """,
    bad="""
        import logging
        import time

        from fastapi import FastAPI, Request

        app = FastAPI()
        logger = logging.getLogger(__name__)


        async def log_timing(request: Request, call_next):
            started = time.perf_counter()
            response = await call_next(request)
            logger.info("request.done", extra={"elapsed": time.perf_counter() - started})
            return response
    """,
    good="""
        import logging
        import time

        from fastapi import FastAPI, Request
        from fastapi.responses import JSONResponse

        app = FastAPI()
        logger = logging.getLogger(__name__)


        async def log_timing(request: Request, call_next):
            started = time.perf_counter()
            try:
                response = await call_next(request)
            except Exception:
                logger.exception("request.failed", extra={"elapsed": time.perf_counter() - started})
                return JSONResponse({"detail": "Internal Server Error"}, status_code=500)
            logger.info("request.done", extra={"elapsed": time.perf_counter() - started})
            return response
    """,
    not_flagged=(
        "Test files (the tests layer): test apps configure middleware, handlers and events on purpose.",
        "`call_next` awaited anywhere inside a `try` body (including `try`/`finally`).",
        "A call named `call_next` in a function that is not middleware (its second parameter is not the callee).",
        "A pass-through `return await call_next(request)` (also in an `if`/`with` block), or "
        "`response = await call_next(request)` followed only by `return response`.",
        "Cookie and header updates of the response only: `response = await call_next(request)` "
        "followed by `response.set_cookie(...)`/`response.delete_cookie(...)`, "
        "`response.headers[k] = v`/`.headers.update(...)`/`del response.headers[k]` (also under an "
        "`if`, with local values computed from builtins, `time`/`datetime` and value methods "
        "such as string methods and a separator's `\"; \".join(parts)`) and "
        "`return response` — they belong on a response the route produced, and when it raises "
        "there is none. Other work after `call_next` (logging, metrics, telemetry, cleanup, a "
        "header whose value another call computes) is reported.",
        "Middleware of other frameworks: a class deriving a FastMCP `Middleware` (or any class "
        "imported from another framework), a `call_next` that takes a context "
        "(`on_message(self, context, call_next)`) rather than a Request.",
        "A failure callback handed off before `call_next`: a callable (`partial(...)`, a lambda, "
        "a function of the module) stored in a module `ContextVar` that another function of the "
        "module reads back (`.get()`), as an exception handler does for a request whose route "
        "raised. A `ContextVar` set to a plain value, or never read elsewhere, is no hand-off.",
    ),
)

XFA605 = rule(
    "XFA605",
    "cors-not-outermost",
    default=True,
    seeds=("002", "004"),
    message="{other} wraps CORSMiddleware ({why}), so its early responses and preflight rejections get no CORS headers; {fix}",
    what="""
        Reports a `CORSMiddleware` that is not the outermost middleware of its app. With
        `app.add_middleware(...)` the last one added is the outermost, so CORS followed by
        another `add_middleware` call on the same app object in the same scope is reported
        (at the CORS call). In a `middleware=[Middleware(...), ...]` list passed to
        `FastAPI(...)`/`Starlette(...)` the first entry is the outermost, so a
        `Middleware(CORSMiddleware, ...)` that is not first is reported; so is an
        `add_middleware` call on an app whose `middleware=[...]` list holds CORS (added
        middleware wraps the list). A later middleware that is itself a CORS handler (its
        name says CORS: `CustomCORSMiddleware`) does not count, nor one that never answers a
        request itself: `GZipMiddleware`, `SessionMiddleware`, `BrotliMiddleware`
        (brotli_asgi), `PrometheusMiddleware` (starlette_exporter) and project classes
        deriving only from them, and any middleware of the project whose code shows it (a
        `dispatch`, or a `__call__(self, request, call_next)`, whose every `return` gives
        `call_next`'s response, headers set on it or not; a pure ASGI `__call__` that calls
        `self.app` and only wraps `send`, never sending a message itself). A middleware
        added with `app.middleware("http")(f)` (a function or an instance) wraps CORS like
        `add_middleware` and is named as the culprit. A library middleware not in that list,
        or a class the project index cannot follow (one of another package root), cannot be
        read from here and still counts; the message names the first middleware added after
        CORS that is not known to pass requests through, which may be such an unread one
        rather than a later one that does answer early. Test files (the tests layer) are not checked; scripts are (CI
        scripts included: an app they build is configured like the real one).

        Scope: test files (the tests layer) are not checked; scripts are, CI scripts
        included (`scripts/`, `.github/scripts/`, `ci/`).
    """,
    why="""
        Seed 002: "ordering trap › last registered = outermost = runs first on request".
        Seed 004: "If auth middleware runs before CORS middleware, preflight OPTIONS
        requests will get 401 errors because they do not carry auth tokens. The browser
        then shows a CORS error instead of the actual 401."
    """,
    bad="""
        from fastapi import FastAPI
        from fastapi.middleware.cors import CORSMiddleware
        from fastapi.middleware.trustedhost import TrustedHostMiddleware

        app = FastAPI()
        app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], max_age=600)
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=["api.example.com"])
    """,
    good="""
        from fastapi import FastAPI
        from fastapi.middleware.cors import CORSMiddleware
        from fastapi.middleware.trustedhost import TrustedHostMiddleware

        app = FastAPI()
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=["api.example.com"])
        app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], max_age=600)
    """,
    not_flagged=(
        "Test files (the tests layer): test apps configure middleware, handlers and events on purpose.",
        "`add_middleware` calls on different app objects, or in different functions.",
        "A CORS call and a later call in mutually exclusive branches (`if`/`else`) of the same `if`.",
        "`Middleware(CORSMiddleware)` first in a `middleware=[...]` list; lists that are not passed as `middleware=`.",
        "A later `add_middleware` (or an earlier list entry) that is itself a CORS handler: "
        "`app.add_middleware(CustomCORSMiddleware)` after `CORSMiddleware`.",
        "A later `add_middleware` (or an earlier list entry) that never answers early: "
        "`GZipMiddleware` (it compresses what the app answers), `SessionMiddleware` (it "
        "keeps the session cookie), `BrotliMiddleware`, `PrometheusMiddleware`, a project class deriving only "
        "from them (`class SelectiveGZip(GZipMiddleware)`), and a project middleware that only sets headers "
        "on `call_next`'s response or only wraps `send`.",
    ),
)

XFA606 = rule(
    "XFA606",
    "cors-wildcard-origin",
    default=True,
    seeds=("004",),
    message="CORSMiddleware allows every origin (allow_origins=[\"*\"]); list the exact front-end origins, e.g. allow_origins=settings.cors_origins",
    what="""
        Reports `allow_origins` given as a literal list/tuple/set holding `"*"` on
        `CORSMiddleware`: in `app.add_middleware(CORSMiddleware, ...)`,
        `Middleware(CORSMiddleware, ...)` and `CORSMiddleware(app, ...)`. Test files are
        not checked.

        Scope: test files (the tests layer) are not checked; scripts are, CI scripts
        included (`scripts/`, `.github/scripts/`, `ci/`).
    """,
    why="""
        Seed 004: "Using allow_origins=["*"] in CORS middleware in production. Always
        specify exact allowed origins." A wildcard lets any web page call the API from a
        user's browser.
    """,
    bad="""
        from fastapi import FastAPI
        from fastapi.middleware.cors import CORSMiddleware

        app = FastAPI()
        app.add_middleware(CORSMiddleware, allow_origins=["*"], max_age=600)
    """,
    good="""
        from fastapi import FastAPI
        from fastapi.middleware.cors import CORSMiddleware

        from app.config import settings

        app = FastAPI()
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, max_age=600)
    """,
    not_flagged=(
        "Origins from settings, variables or any non-literal expression.",
        "A wildcard in the body of an `if` whose condition mentions `debug`, `dev` or `local` "
        "(`if settings.ENVIRONMENT == \"local\":`).",
        "Literal lists of exact origins.",
    ),
)

XFA607 = rule(
    "XFA607",
    "cors-wildcard-with-credentials",
    default=True,
    seeds=("004",),
    message="CORSMiddleware combines {wildcard} with allow_credentials=True, so it echoes the request's Origin and every site can make credentialed requests; list the exact origins in allow_origins when credentials are allowed",
    what="""
        Reports `allow_credentials=True` on a `CORSMiddleware` (in `add_middleware`,
        `Middleware(...)` or a direct `CORSMiddleware(app, ...)`) whose `allow_origins` is
        a literal holding `"*"` or whose `allow_origin_regex` is a match-everything
        literal (`.*`, `^.*$`, `.+`). Reported at the `True`. Test files are not checked.

        Scope: test files (the tests layer) are not checked; scripts are, CI scripts
        included (`scripts/`, `.github/scripts/`, `ci/`).
    """,
    why="""
        Seed 004: "Using allow_origins=["*"] with allow_credentials=True simultaneously.
        Browsers reject this combination — you cannot use wildcard origins when
        credentials are enabled. List specific origins explicitly." Starlette's
        `CORSMiddleware` papers over it: with credentials allowed it answers a wildcard
        with the request's own `Origin` (preflights, and requests that carry cookies; every
        request for a match-everything regex), so the browser accepts it and any site can
        make credentialed requests.
    """,
    bad="""
        from fastapi import FastAPI
        from fastapi.middleware.cors import CORSMiddleware

        app = FastAPI()
        app.add_middleware(CORSMiddleware, allow_origin_regex=".*", allow_credentials=True, max_age=600)
    """,
    good="""
        from fastapi import FastAPI
        from fastapi.middleware.cors import CORSMiddleware

        app = FastAPI()
        app.add_middleware(
            CORSMiddleware,
            allow_origins=["https://app.example.com"],
            allow_credentials=True,
            max_age=600,
        )
    """,
    not_flagged=(
        "`allow_credentials` from settings or any non-literal value.",
        "Exact origins, or origin regexes that constrain the host.",
    ),
)

XFA608 = rule(
    "XFA608",
    "cors-without-max-age",
    default=False,
    seeds=("004",),
    message="CORSMiddleware without max_age leaves the preflight cache time implicit (Starlette's default is 600 seconds); set max_age= explicitly to the cache time you want (e.g. max_age=3600)",
    what="""
        Reports a `CORSMiddleware` configured (in `add_middleware`, `Middleware(...)` or
        a direct `CORSMiddleware(app, ...)`) without a `max_age=` keyword. Calls that pass
        `**options` are not reported. Test files are not checked.

        Scope: test files (the tests layer) are not checked; scripts are, CI scripts
        included (`scripts/`, `.github/scripts/`, `ci/`).
    """,
    why="""
        Seed 004: "Not setting max_age on CORS middleware. Without it, browsers send a
        preflight OPTIONS request before every single non-simple request, adding latency.
        Set a reasonable cache duration (e.g., 600 seconds)." Starlette's implicit default
        is 600 seconds; making the value explicit documents the choice and keeps it from
        changing with the library.
    """,
    bad="""
        from fastapi import FastAPI
        from fastapi.middleware.cors import CORSMiddleware

        app = FastAPI()
        app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"])
    """,
    good="""
        from fastapi import FastAPI
        from fastapi.middleware.cors import CORSMiddleware

        app = FastAPI()
        app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], max_age=3600)
    """,
    not_flagged=("Calls that pass `**cors_options` (the value may be in there).",),
)

XFA609 = rule(
    "XFA609",
    "auth-in-middleware",
    default=False,
    seeds=("002",),
    message="middleware reads {what}; authenticate in a dependency (Depends(get_current_user)) on the routes that need it instead of in middleware",
    what="""
        Reports middleware that reads the `Authorization` header or a token cookie:
        `request.headers.get("authorization")`, `request.headers["Authorization"]`,
        `headers.get(b"authorization")`, `request.cookies.get("access_token")` (a cookie
        whose name contains `token` or `session`). Middleware is the `dispatch` method of a
        `BaseHTTPMiddleware` subclass, a function decorated `@app.middleware("http")` or
        whose parameters are `(request, call_next)` with a Starlette/FastAPI `Request`
        first (not a context of another framework), or the
        `__call__(self, scope, receive, send)` of a class.

        Scope: test files (the tests layer) are not checked; scripts are, CI scripts
        included (`scripts/`, `.github/scripts/`, `ci/`).
    """,
    why="""
        Seed 002: middleware is for "logging · CORS · request ID · timing — never auth":
        it runs on every request including 404s and preflights, its exclusion list of
        public routes drifts ("new public route silently requires auth"), and its error
        responses bypass CORS. A dependency is opt-in per route and testable with
        `dependency_overrides`.
    """,
    bad="""
        from fastapi import Request


        async def require_token(request: Request, call_next):
            if not request.headers.get("authorization"):
                return None
            try:
                return await call_next(request)
            except Exception:
                raise
    """,
    good="""
        from typing import Annotated

        from fastapi import Depends, Header


        async def get_current_user(authorization: Annotated[str, Header()]) -> str:
            return authorization.removeprefix("Bearer ")


        CurrentUser = Annotated[str, Depends(get_current_user)]
    """,
    not_flagged=(
        "Test files (the tests layer): test apps configure middleware, handlers and events on purpose.",
        "Reading other headers (request id, tracing, `x-forwarded-for`).",
        "Authorization headers read in dependencies, routes or plain functions.",
    ),
)

XFA610 = rule(
    "XFA610",
    "settings-secret-default",
    default=True,
    seeds=("002", "004"),
    message="settings field {field} falls back to a hard-coded secret; remove the default (e.g. `{field}: SecretStr`) so a missing environment variable fails at start-up",
    what="""
        Reports a field of a `BaseSettings` class (from `pydantic_settings`, or
        `pydantic.BaseSettings` in v1 code; also through subclasses defined in this file)
        whose name contains `secret`, `password`/`passwd`, `token`, `api_key`/`apikey`,
        `private_key`, `database_url`/`db_url` or `dsn` and whose default is a non-empty
        string literal: `= "..."`, `Field("...")`, `Field(default="...")`,
        `SecretStr("...")` (also inside `Field`), and the fallback of an environment
        lookup (`os.getenv("X", "...")`, a Starlette `config("X", default="...")`). The
        class may derive from a `*Settings` class imported from another module of the
        project. Names that describe the secret rather
        than hold it are skipped: ones ending in `_url` (other than `database_url`/`db_url`),
        `_prefix`, `_algorithm`, `_expire(s)`, `_minutes`, `_seconds`, `_hours`, `_days`,
        `_ttl`, `_lifetime`, `_name`, `_header`, `_type`, `_scheme`, `_length`,
        `_location`, `_path`, `_endpoint`, `_audience`, `_issuer`, `_file`, `_id`,
        `_patterns`/`_keys`/`_names` (lists of key names to mask) and more,
        names with a `cookie`/`header`/`param`/`query`/`field` part (`COOKIE_REFRESH_TOKEN_KEY`
        names a cookie), and `_private` attributes (not read from the environment). Test files, classes
        named `Test*`/`Dev*`/`Local*` and modules named `test.py`, `testing.py`, `dev.py`,
        `development.py`, `local.py` (per-environment settings) are not checked.

        Scope: test files (the tests layer) are not checked; scripts are, CI scripts
        included (`scripts/`, `.github/scripts/`, `ci/`).
    """,
    why="""
        Seed 002: "BaseSettings — typed env vars, crash on startup if missing" and
        "credential leak › silently falls back to dev credential in production". A
        default secret means a deployment that forgot the variable runs with a
        credential that is in the repository.
    """,
    bad="""
        from pydantic_settings import BaseSettings


        class Settings(BaseSettings):
            jwt_secret: str = "change-me"
    """,
    good="""
        from pydantic import SecretStr
        from pydantic_settings import BaseSettings


        class Settings(BaseSettings):
            jwt_secret: SecretStr
    """,
    not_flagged=(
        "Fields without a default, `Field(...)`, `None` and empty-string defaults.",
        "`model_config = SettingsConfigDict(...)` and `ClassVar` attributes.",
        "Defaults computed at run time (`secrets.token_urlsafe(32)`, f-strings, `default_factory`).",
        "Fields of classes that are not settings (`BaseModel`).",
        "Keys that are public by design as defaults: a PostHog project key (`POSTHOG_API_KEY: str = \"phc_…\"`, write-only) or a Stripe publishable key (`pk_live_…`, `pk_test_…`, shipped to browsers).",
    ),
    example_path="app/config.py",
)

XFA611 = rule(
    "XFA611",
    "env-read-outside-settings",
    default=False,
    seeds=("003", "004"),
    message="{read} reads the environment outside the settings module; add a field to the BaseSettings class and read it from settings",
    what="""
        Reports `os.environ[...]`, `os.environ.get(...)`, `os.getenv(...)` (however `os`
        or `environ`/`getenv` were imported) outside the settings/config modules. A
        settings/config module is a file whose name without `.py` is, or ends with,
        `settings`, `config`, `configs`, `conf` or `configuration` (`settings.py`,
        `core/config.py`, `db_config.py`), or any file in a directory named `settings`,
        `config`, `configs` or `conf`. Test and script files (see the layer globs) and files
        under a `tools/` or `bin/` directory are not checked; writes (`os.environ["X"] = ...`)
        are not reads.

        Scope: tests and scripts are not checked. A CI script counts as a script under a
        `scripts/` directory (`.github/scripts/`); elsewhere (`ci/check.py`) it is checked
        like application code unless the layer globs (`fastapi-scripts-paths`) say
        otherwise.
    """,
    why="""
        Seed 004: "Use pydantic-settings with BaseSettings for all configuration";
        seed 003: "Settings via `pydantic-settings` `BaseSettings` with `.env` support".
        Scattered environment reads have no types, no validation at start-up and cannot
        be overridden in tests.
    """,
    bad="""
        import os

        REDIS_URL = os.getenv("REDIS_URL", "redis://localhost")
    """,
    good="""
        from app.config import settings

        REDIS_URL = settings.redis_url
    """,
    not_flagged=(
        "Reads in `settings.py`, `config.py`, `core/config.py`, `*/config/*`, `*/settings/*`.",
        "Tests and scripts; assignments to `os.environ`.",
    ),
    example_path="app/services/cache.py",
)

XFA612 = rule(
    "XFA612",
    "uvicorn-reload",
    default=True,
    seeds=("002", "004"),
    message="uvicorn.run(..., reload=True) enables the file watcher whenever this code runs; take the flag from settings (reload=settings.debug) or pass --reload on the command line in development",
    what="""
        Reports `uvicorn.run(...)` with the literal `reload=True`. Test and script files
        are not checked, nor development commands: a function whose name, or a string
        argument of one of its decorators (`@cli.command("develop")`), mentions `dev` or
        `reload`.

        Scope: tests and scripts are not checked. A CI script counts as a script under a
        `scripts/` directory (`.github/scripts/`); elsewhere (`ci/check.py`) it is checked
        like application code unless the layer globs (`fastapi-scripts-paths`) say
        otherwise.
    """,
    why="""
        Seed 004: "Using --reload flag in production. It's for development only — it
        restarts the server on every file change and adds file-watching overhead."
        Seed 002: "file watchers consume CPU — unexpected restarts under load". A literal
        in the entry point ships the development setting to production.
    """,
    bad="""
        import uvicorn

        if __name__ == "__main__":
            uvicorn.run("app.main:app", reload=True)
    """,
    good="""
        import uvicorn

        from app.config import settings

        if __name__ == "__main__":
            uvicorn.run("app.main:app", reload=settings.debug)
    """,
    not_flagged=(
        "`reload=settings.debug`-style non-literal values; `reload=False`.",
        "Development commands (`def run_dev_server()`, `@cli.command(\"develop\")`), scripts and tests.",
        "Calls in the body of an `if` whose condition mentions `debug`, `dev` or `local` (`if settings.DEBUG:`).",
        "Calls in an `if __name__ == \"__main__\":` block of a package its project starts through "
        "a command of its own: a `[project.scripts]`/`[tool.poetry.scripts]` entry of "
        "`pyproject.toml`, a `console_scripts` entry of `setup.cfg`/`setup.py` (or of an unpacked "
        "wheel's `entry_points.txt`) points into the same top-level package. Running the module "
        "directly is then a developer's shortcut; the command is what ships. A `reload=True` "
        "inside the command's own function is still reported.",
        "Calls in an `if __name__ == \"__main__\":` block of a module under an `examples/` "
        "(`example/`, `demos/`, `samples/`, `tutorials/`) directory, of its project or of the "
        "tree flake8 runs on: the example's runner on a developer's machine. A call in a "
        "function of the example is still reported.",
    ),
)

XFA613 = rule(
    "XFA613",
    "exception-handler-leaks",
    default=True,
    seeds=("002", "004"),
    message="exception handler {handler}() {problem}; {fix}",
    what="""
        Looks at the responses an exception handler returns (`return JSONResponse(...)`,
        `ORJSONResponse`, `UJSONResponse`, `Response`, `PlainTextResponse`,
        `HTMLResponse`). Handlers are functions decorated `@app.exception_handler(X)` or
        registered with `app.add_exception_handler(X, handler)` /
        `FastAPI(exception_handlers={X: handler})` and defined in this file. Reports a
        returned response without `status_code` (it defaults to 200), and, in a handler
        for `Exception` or a 5xx status (or returning a 5xx response), a response body
        that holds `str(exc)`, `repr(exc)`, `f"{exc}"` or `traceback.*(...)` — not as a key
        into a table of fixed messages (`MESSAGES.get(str(exc), "...")`,
        `MESSAGES[str(exc)]`). Test files (the tests layer) are not checked; scripts are.

        Scope: test files (the tests layer) are not checked; scripts are, CI scripts
        included (`scripts/`, `.github/scripts/`, `ci/`).
    """,
    why="""
        Seed 002 on the global handler: "last resort — log traceback, return generic 500"
        and "wrong twice › exposes internals AND returns 200 status". A 200 tells clients
        and monitors the request succeeded; an exception message in a 500 body leaks SQL,
        paths and hostnames to the caller.
    """,
    bad="""
        import logging

        from fastapi import FastAPI, Request
        from fastapi.responses import JSONResponse

        app = FastAPI()
        logger = logging.getLogger(__name__)


        @app.exception_handler(Exception)
        async def unhandled(request: Request, exc: Exception) -> JSONResponse:
            logger.exception("request.unhandled")
            return JSONResponse({"detail": str(exc)}, status_code=500)
    """,
    good="""
        import logging

        from fastapi import FastAPI, Request
        from fastapi.responses import JSONResponse

        app = FastAPI()
        logger = logging.getLogger(__name__)


        @app.exception_handler(Exception)
        async def unhandled(request: Request, exc: Exception) -> JSONResponse:
            logger.exception("request.unhandled")
            return JSONResponse({"detail": "Internal Server Error"}, status_code=500)
    """,
    not_flagged=(
        "Test files (the tests layer): test apps configure middleware, handlers and events on purpose.",
        "Responses with `status_code=` (keyword or second positional argument), or built from `**kwargs`.",
        "The exception's message in a 4xx response of a domain-exception handler.",
        "Responses built in a variable before `return`, and handlers defined in another file.",
        "`str(exc)` used only as a key into fixed messages: `PUBLIC_MESSAGES.get(str(exc), \"Internal Server Error\")`.",
        "An `HTMLResponse(...)` without `status_code` from a handler registered for 404 only "
        "(`exception_handler(404)`, `status.HTTP_404_NOT_FOUND`): a single-page app's fallback "
        "that serves its `index.html` for the client-side router's paths. A handler for every "
        "`HTTPException`, or a JSON body, is still reported.",
    ),
)

XFA614 = rule(
    "XFA614",
    "internal-error-detail",
    default=True,
    precision=back_on("20 of 20"),
    seeds=("004",),
    message="HTTPException({status}) puts the caught exception {name!r} into detail; log it with logger.exception(...) and return a generic detail such as \"Internal server error\"",
    what="""
        Reports `HTTPException` with a 5xx `status_code` (a literal 500-599,
        `status.HTTP_5xx_*` or `HTTPStatus.INTERNAL_SERVER_ERROR`-style members) whose
        `detail` is the exception caught by an enclosing `except ... as e:`: `e`, `str(e)`,
        `repr(e)`, or an f-string that formats `e` — also one level inside a dict literal or
        a wrapper call (`detail={"error": str(e)}`, `detail=Error.respond(exception=str(e))`).
        `str(e)` as a key into a table of fixed messages (`MESSAGES[str(e)]`, the first
        argument of `MESSAGES.get(str(e), "...")`) is not a leak. Test files (the tests
        layer) are not checked; scripts are (CI scripts included).

        A 5xx whose `except` catches one specific exception class of the project
        (`except IndexUnavailable as exc: raise HTTPException(503, detail=str(exc))`) is
        reported too: the message of a project exception is often a wrapped driver or
        client error (`raise IndexUnavailable(str(driver_error))`), which the `except`
        clause does not show, and only 4xx details from domain exceptions are exempt. When
        the message is fixed and meant for clients, pass it explicitly
        (`detail="Search index unavailable"`) or as a key into fixed messages.

        What the rule cannot tell (fourth reading): an internal machine-to-machine server
        whose `detail` is its error channel — a sandbox runtime behind a shared session
        key, whose only client reads `detail` back and already runs commands on the same
        machine. Nothing in the code of the route says who its clients are, so such
        servers are reported; silence them per file with `per-file-ignores`. One sign is
        read (seventh reading): a route that verifies the request's signature before the
        `try` (`_verify_signature(...)` as a statement of its body) answers only a peer
        holding the signing key, and is not reported.

        Scope: test files (the tests layer) are not checked; scripts are, CI scripts
        included (`scripts/`, `.github/scripts/`, `ci/`).
    """,
    why="""
        Seed 004: "No consistent error envelope" and "Logging sensitive data"; exception
        messages of database drivers and HTTP clients carry SQL, hostnames and
        credentials, and a 5xx means the client can do nothing with them anyway. Log the
        exception server-side and return a generic message.
    """,
    bad="""
        from fastapi import HTTPException

        from app.payments import PaymentGatewayError, gateway


        async def charge(order_id: int) -> None:
            try:
                await gateway.charge(order_id)
            except PaymentGatewayError as e:
                raise HTTPException(status_code=502, detail=str(e)) from e
    """,
    good="""
        import logging

        from fastapi import HTTPException

        from app.payments import PaymentGatewayError, gateway

        logger = logging.getLogger(__name__)


        async def charge(order_id: int) -> None:
            try:
                await gateway.charge(order_id)
            except PaymentGatewayError as e:
                logger.exception("payment.failed")
                raise HTTPException(status_code=502, detail="Payment provider unavailable") from e
    """,
    not_flagged=(
        "Test files (the tests layer): test apps configure middleware, handlers and events on purpose.",
        "4xx `HTTPException`s whose detail is a domain exception's message.",
        "Details that use another name than the caught exception, or a status that is not a literal.",
        "`str(e)` used only as a key into fixed messages: `detail=MESSAGES.get(str(e), \"Provider error\")`, "
        "`detail=MESSAGES[str(e)]`.",
        "Functions that verify the request's signature before the `try` (`_verify_signature(...)`, "
        "`verify_webhook_signature(...)`, `check_hmac(...)` as a statement of the function body): "
        "only a peer holding the signing key reaches the `detail`, a machine-to-machine error channel.",
    ),
)

# -- shared facts --------------------------------------------------------------------

_APP_FACTORY_TAILS = frozenset({"FastAPI", "APIRouter", "Starlette", "Router"})
_APP_FACTORIES = FASTAPI_APP_FACTORIES | frozenset(
    {"starlette.applications.Starlette", "starlette.routing.Router"}
)
_LOG_ATTRS = frozenset(
    {
        "debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log",
        "print_exc", "print_exception", "capture_exception", "capture_message", "msg",
    }
)
_RESPONSE_TAILS = frozenset(
    {"JSONResponse", "ORJSONResponse", "UJSONResponse", "Response", "PlainTextResponse", "HTMLResponse"}
)
_WILDCARD_REGEXES = frozenset({".*", "^.*$", "^.*", ".*$", ".+", "^.+$", "^.+", ".+$", "(.*)", "^(.*)$"})


def _str(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _resolved_tail(ctx: Context, node: ast.AST | None) -> str | None:
    qualname = ctx.resolve(node) if node is not None else None
    return qualname.rsplit(".", 1)[-1] if qualname else None


def _is_app_factory(ctx: Context, call: ast.Call) -> bool:
    tail = last_name(call.func)
    if tail not in _APP_FACTORY_TAILS and ctx.resolve(call.func) not in _APP_FACTORIES:
        return False
    qualname = ctx.resolve(call.func) or ""
    if qualname in _APP_FACTORIES:
        return True
    # an un-imported ``FastAPI``/``APIRouter`` (star import, re-export): trust the name
    return tail in ("FastAPI", "APIRouter") and "." not in qualname.strip(".")


def _local_apps(ctx: Context) -> set[str]:
    """Names assigned an app/router factory call in the enclosing function scopes."""
    names: set[str] = set()
    for frame in ctx.frames:
        apps = frame.data.get("xfa6_apps")
        if apps:
            names |= apps
    return names


def _is_app(ctx: Context, expr: ast.expr) -> bool:
    """``expr`` is a FastAPI/Starlette app or router."""
    if isinstance(expr, ast.Name):
        if expr.id in _local_apps(ctx):
            return True
        is_param, annotation = ctx.annotation_of(expr.id)
        if is_param and annotation is not None:
            base, _ = ctx.unwrap_annotation(annotation)
            tail = _resolved_tail(ctx, base) if base is not None else None
            if tail in ("FastAPI", "APIRouter", "Starlette"):
                return True
    if isinstance(expr, ast.Name) and expr.id == "application" and expr.id not in ctx.imports:
        # ``application`` is as common a name for the FastAPI app as ``app``
        value = ctx.assignments.get(expr.id)
        if isinstance(value, ast.Call):
            callee = ctx.resolve(value.func) or ""
            head = callee.split(".", 1)[0]
            if head in NON_FASTAPI_FRAMEWORKS and ctx.imported_from(value.func, head):
                return False
        return True
    return ctx.is_router(expr)


def _is_cors(ctx: Context, node: ast.AST | None) -> bool:
    return isinstance(node, (ast.Name, ast.Attribute)) and _resolved_tail(ctx, node) == "CORSMiddleware"


def _is_cors_handler(ctx: Context, node: ast.AST | None) -> bool:
    """``CORSMiddleware`` or another middleware that handles CORS itself (its name says
    so: ``CustomCORSMiddleware``, ``cors.PreflightMiddleware``)."""
    if _is_cors(ctx, node):
        return True
    if not isinstance(node, (ast.Name, ast.Attribute)):
        return False
    names = ((dotted_name(node) or "") + " " + (ctx.resolve(node) or "")).lower()
    return "cors" in names


#: Starlette middleware that never answers a request itself: they transform the response
#: (compression) or keep state (the session cookie), so CORS inside them still sees every
#: request and every response
_NEVER_ANSWERS = frozenset(
    {
        "starlette.middleware.gzip.GZipMiddleware",
        "fastapi.middleware.gzip.GZipMiddleware",
        "starlette.middleware.sessions.SessionMiddleware",
        # compression and metrics of other libraries: they pass every request through
        "brotli_asgi.BrotliMiddleware",
        "starlette_exporter.PrometheusMiddleware",
        "starlette_exporter.middleware.PrometheusMiddleware",
    }
)


def _never_answers(ctx: Context, node: ast.AST | None) -> bool:
    """``node`` is a middleware class that never answers a request itself: one of
    ``_NEVER_ANSWERS`` or a class of the project deriving only from them, or a class of the
    project whose own code shows it (the index's ``pass``: a ``dispatch`` that always
    returns ``call_next``'s response, a pure ASGI ``__call__`` that only wraps ``send``)."""
    if not isinstance(node, (ast.Name, ast.Attribute)):
        return False
    sym = ctx.symbol(node)
    if sym is not None and sym.kind == "class" and isinstance(sym.info, dict) and sym.info.get("pass"):
        return True
    ancestors = ctx.class_ancestors(node)
    return bool(ancestors) and all(a in _NEVER_ANSWERS for a in ancestors)


def _function_never_answers(ctx: Context, node: ast.AST | None) -> bool:
    """``node`` names a ``(request, call_next)`` function of this file that always
    returns ``call_next``'s response (``app.middleware("http")(add_headers)``)."""
    if not isinstance(node, ast.Name):
        return False
    fn = ctx.functions.get(node.id)
    if not isinstance(fn, ast.AsyncFunctionDef):
        return False
    names = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
    return len(names) == 2 and http_middleware_passes_through(fn, names[1])


def _is_base_http(ctx: Context, node: ast.AST | None) -> bool:
    return isinstance(node, (ast.Name, ast.Attribute)) and _resolved_tail(ctx, node) == "BaseHTTPMiddleware"


def _is_middleware_wrapper(ctx: Context, call: ast.Call) -> bool:
    """``Middleware(cls, ...)`` of Starlette/FastAPI."""
    return last_name(call.func) == "Middleware" and _resolved_tail(ctx, call.func) == "Middleware"


def _base_http_classes(ctx: Context) -> frozenset[str]:
    """Classes of this file deriving ``BaseHTTPMiddleware`` (directly or through others here)."""

    def compute() -> frozenset[str]:
        found: set[str] = set()
        classes = list(ctx.classes.values())
        changed = True
        while changed:
            changed = False
            for cls in classes:
                if cls.name in found:
                    continue
                for base in cls.bases:
                    if _is_base_http(ctx, base) or (isinstance(base, ast.Name) and base.id in found):
                        found.add(cls.name)
                        changed = True
                        break
        return frozenset(found)

    return ctx.memo("xfa6_base_http_classes", compute)


def _positional(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.arg]:
    return [*fn.args.posonlyargs, *fn.args.args]


def _middleware_kind(ctx: Context, frame: Frame) -> tuple[str | None, str | None]:
    """``(kind, call_next_name)`` of a function frame that is middleware, cached."""
    cached = frame.data.get("xfa6_mw")
    if cached is not None:
        return cached
    result: tuple[str | None, str | None] = (None, None)
    fn = frame.node
    if isinstance(fn, FUNCTION_TYPES):
        params = _positional(fn)
        names = [a.arg for a in params]
        # the frame below the function: a class body for methods
        idx = next((i for i in range(len(ctx.frames) - 1, -1, -1) if ctx.frames[i] is frame), -1)
        owner = ctx.frames[idx - 1] if idx > 0 else None
        is_method = owner is not None and owner.kind == "class"
        rest = names[1:] if is_method and names and names[0] in ("self", "cls") else names
        if is_method and fn.name == "dispatch" and isinstance(owner.node, ast.ClassDef):
            cls = owner.node
            if any(
                _is_base_http(ctx, b) or (isinstance(b, ast.Name) and b.id in _base_http_classes(ctx))
                for b in cls.bases
            ):
                result = ("dispatch", rest[1] if len(rest) > 1 else None)
        if result[0] is None and _has_http_middleware_decorator(ctx, fn):
            result = ("decorator", rest[1] if len(rest) > 1 else None)
        if result[0] is None and len(rest) > 1 and rest[1] == "call_next" and _http_request_param(ctx, params[len(names) - len(rest)], owner if is_method else None):
            result = ("call_next", "call_next")
        if (
            result[0] is None
            and is_method
            and fn.name == "__call__"
            and isinstance(fn, ast.AsyncFunctionDef)
            and rest[:1] == ["scope"]
            and len(rest) == 3
        ):
            result = ("asgi", None)
    frame.data["xfa6_mw"] = result
    return result


#: unannotated first parameters of a ``(request, call_next)`` function that name an HTTP request
_REQUEST_NAMES = frozenset({"request", "req", "_request", "http_request", "incoming_request"})
_HTTP_FRAMEWORKS = ("starlette.", "fastapi.")


def _http_request_param(ctx: Context, param: ast.arg, owner: Frame | None) -> bool:
    """``param`` (the one before ``call_next``) is a Starlette/FastAPI ``Request``: annotated
    ``Request`` of fastapi/starlette (or an un-imported ``Request``), or, outside classes,
    unannotated and named ``request``. Middleware of other frameworks (a FastMCP
    ``Middleware.on_message(self, context, call_next)``) takes a context instead."""
    if owner is not None and isinstance(owner.node, ast.ClassDef):
        for base in owner.node.bases:
            head = (ctx.resolve(base) or "").split(".", 1)[0]
            if head in NON_FASTAPI_FRAMEWORKS and ctx.imported_from(base, head):
                return False
    annotation = param.annotation
    if annotation is None:
        return owner is None and param.arg in _REQUEST_NAMES
    base, _ = ctx.unwrap_annotation(annotation)
    if not isinstance(base, (ast.Name, ast.Attribute)) or last_name(base) != "Request":
        return False
    qualname = ctx.resolve(base) or ""
    return qualname.startswith(_HTTP_FRAMEWORKS) or "." not in qualname


def _has_http_middleware_decorator(ctx: Context, fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return _http_middleware_decorator(ctx, fn) is not None


def _http_middleware_decorator(ctx: Context, fn: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.Call | None:
    for dec in fn.decorator_list:
        if (
            isinstance(dec, ast.Call)
            and isinstance(dec.func, ast.Attribute)
            and dec.func.attr == "middleware"
            and dec.args
            and _str(dec.args[0]) == "http"
            and _is_app(ctx, dec.func.value)
        ):
            return dec
    return None


def _kw(call: ast.Call, name: str) -> ast.expr | None:
    kw = keyword(call, name)
    return kw.value if kw is not None else None


def _has_splat(call: ast.Call) -> bool:
    return any(kw.arg is None for kw in call.keywords)


def _is_true(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


def _wildcard_origins(node: ast.AST | None) -> bool:
    return isinstance(node, (ast.List, ast.Tuple, ast.Set)) and any(_str(e) == "*" for e in node.elts)


# -- XFA601, XFA603, XFA605-XFA608, XFA612, XFA614: calls -----------------------------

_CALL_TAILS = frozenset(
    {
        "on_event", "add_event_handler", "FastAPI", "APIRouter", "Starlette", "Router",
        "add_middleware", "Middleware", "CORSMiddleware", "HTTPException", "run",
        "add_exception_handler",
    }
)


@visitor(ast.Call, codes=(XFA601, XFA602, XFA603, XFA605, XFA606, XFA607, XFA608, XFA612, XFA613, XFA614))
def calls(node: ast.Call, ctx: Context) -> None:
    func = node.func
    cls = func.__class__
    if cls is ast.Attribute:
        tail = func.attr  # type: ignore[attr-defined]
        if tail not in _CALL_TAILS:
            return
    elif cls is ast.Name:
        tail = func.id  # type: ignore[attr-defined]
        if tail not in _CALL_TAILS:
            # aliased imports of the classes we look at
            qualname = ctx.imports.get(tail)
            if qualname is None:
                return
            tail = qualname.rsplit(".", 1)[-1]
            if tail not in _CALL_TAILS:
                return
    elif cls is ast.Call:
        # ``app.middleware("http")(SetAuthCookie())``: a middleware added by a call
        if not ctx.is_test and node.args and _is_http_middleware_call(ctx, func):  # type: ignore[arg-type]
            _added_http_middleware(node, func.func.value, node.args[0], ctx)  # type: ignore[attr-defined]
        return
    else:
        return
    if ctx.is_test:
        return
    if tail == "on_event" or tail == "add_event_handler":
        if isinstance(func, ast.Attribute) and _is_app(ctx, func.value) and not _implements(ctx, tail):
            form = f"{dotted_name(func.value) or 'app'}.{tail}()"
            ctx.report(node, XFA601, form=form)
    elif tail in _APP_FACTORY_TAILS:
        if _is_app_factory(ctx, node):
            _app_factory(node, ctx)
    elif tail == "add_middleware":
        if isinstance(func, ast.Attribute) and node.args and _is_app(ctx, func.value):
            _add_middleware(node, func.value, ctx)
    elif tail == "Middleware":
        if node.args and _is_middleware_wrapper(ctx, node):
            cls = node.args[0]
            if _is_cors(ctx, cls):
                _cors_options(node, ctx)
            elif _is_base_http(ctx, cls):
                ctx.report(node, XFA603, form="Middleware(BaseHTTPMiddleware, ...)")
    elif tail == "CORSMiddleware":
        if _is_cors(ctx, func) and node.args:  # CORSMiddleware(app, ...)
            _cors_options(node, ctx)
    elif tail == "HTTPException":
        _http_exception(node, ctx)
    elif tail == "run":
        if ctx.resolve(func) == "uvicorn.run" and ctx.imported_from(func, "uvicorn"):
            if (
                not (ctx.is_test or ctx.is_script)
                and _is_true(_kw(node, "reload"))
                and not _in_dev_command(ctx)
                and not _in_dev_branch(ctx)
                and not (ctx.in_main_block and (_started_by_command(ctx) or _in_examples(ctx)))
            ):
                ctx.report(node, XFA612)
    elif tail == "add_exception_handler":
        if isinstance(func, ast.Attribute) and len(node.args) >= 2 and _is_app(ctx, func.value):
            handler = node.args[1]
            if isinstance(handler, ast.Name):
                _register_handler(ctx, handler.id, node.args[0])


def _implements(ctx: Context, method: str) -> bool:
    """The call is inside a function of the same name: a wrapper forwarding the API."""
    frame = ctx.function
    return frame is not None and getattr(frame.node, "name", None) == method


def _in_dev_command(ctx: Context) -> bool:
    """Inside a function that is a development command: its name, or a string argument
    of one of its decorators (``@cli.command("develop")``), mentions ``dev``/``reload``."""
    for frame in ctx.frames:
        fn = frame.node
        if not isinstance(fn, FUNCTION_TYPES):
            continue
        if "dev" in fn.name.lower() or "reload" in fn.name.lower():
            return True
        for dec in fn.decorator_list:
            if isinstance(dec, ast.Call):
                for arg in dec.args:
                    text = _str(arg)
                    if text and ("dev" in text.lower() or "reload" in text.lower()):
                        return True
    return False


_DEV_WORDS = ("debug", "dev", "local")
_SCRIPT_SECTIONS = lazy_re.compile(
    r"^\s*\[(?:project\.scripts|tool\.poetry\.scripts|project\.entry-points\.console_scripts"
    r"|options\.entry_points|console_scripts)\]\s*$((?:\n(?!\s*\[).*)*)",
    re.M,
)
#: ``name = "package.module:function"`` (TOML), ``name = package.module:function`` (INI)
_SCRIPT_TARGET = lazy_re.compile(r"=\s*[\"']?\s*([A-Za-z_][\w.]*)\s*:")
_console_scripts: dict[str, frozenset[str]] = {}


def _script_packages(root: str) -> frozenset[str]:
    """The top-level packages that the project at ``root`` starts through commands of its
    own: the targets of ``[project.scripts]``/``[tool.poetry.scripts]`` in
    ``pyproject.toml``, of ``console_scripts`` in ``setup.cfg``/``setup.py``, or (an unpacked
    wheel) of ``[console_scripts]`` in a ``*.dist-info/entry_points.txt``."""
    found = _console_scripts.get(root)
    if found is not None:
        return found
    packages: set[str] = set()
    candidates = [os.path.join(root, "pyproject.toml"), os.path.join(root, "setup.cfg")]
    try:
        candidates += [
            os.path.join(root, entry, "entry_points.txt") for entry in os.listdir(root) if entry.endswith(".dist-info")
        ]
    except OSError:
        pass  # an unreadable root: no wheel metadata to read
    for path in candidates:
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                text = fh.read(200_000)
        except OSError:
            continue
        for m in _SCRIPT_SECTIONS.finditer(text):
            body = m.group(1)
            if path.endswith("setup.cfg"):
                body = body.split("console_scripts", 1)[1] if "console_scripts" in body else ""
            for line in body.splitlines():
                if line.strip().startswith("#"):
                    continue
                target = _SCRIPT_TARGET.search(line)
                if target:
                    packages.add(target.group(1).split(".", 1)[0])
    try:
        with open(os.path.join(root, "setup.py"), encoding="utf-8", errors="replace") as fh:
            text = fh.read(200_000)
        if "console_scripts" in text:
            for target in re.finditer(r"[\"'][\w-]+\s*=\s*([A-Za-z_][\w.]*)\s*:", text):
                packages.add(target.group(1).split(".", 1)[0])
    except OSError:
        pass  # no setup.py: nothing declared there
    result = _console_scripts[root] = frozenset(packages)
    return result


_wheel_roots: dict[str, str | None] = {}


def _wheel_root(directory: str, depth: int = 0) -> str | None:
    """An unpacked wheel has no project markers: its root is the nearest ancestor
    directory holding a ``*.dist-info`` directory."""
    found = _wheel_roots.get(directory, "")
    if found != "":
        return found
    result: str | None = None
    try:
        if any(entry.endswith(".dist-info") for entry in os.listdir(directory)):
            result = directory
    except OSError:
        result = None
    if result is None and depth < 8:
        parent = os.path.dirname(directory)
        if parent != directory:
            result = _wheel_root(parent, depth + 1)
    _wheel_roots[directory] = result
    return result


def _started_by_command(ctx: Context) -> bool:
    """The checked module belongs to a package that its project starts through a command
    of its own (see :func:`_script_packages`): a ``__main__`` block there is a developer's
    shortcut, not how the product is deployed."""
    root = ctx.index.root or _wheel_root(os.path.dirname(os.path.abspath(ctx.filename)))
    if root is None:
        return False
    packages = _script_packages(root)
    if not packages:
        return False
    relative = os.path.relpath(os.path.abspath(ctx.filename), root).replace(os.sep, "/").split("/")
    if relative[0] == "..":
        return False
    if relative[0] == "src" and len(relative) > 1:
        relative = relative[1:]
    head = relative[0][:-3] if relative[0].endswith(".py") else relative[0]
    return head in packages


_EXAMPLE_DIRS = frozenset({"example", "examples", "demo", "demos", "sample", "samples", "tutorial", "tutorials"})


def _in_examples(ctx: Context) -> bool:
    """The module lives under an ``examples/`` (``demos/``, ``samples/``, ``tutorials/``)
    directory — of its project, or of the tree flake8 runs on (an example that is a small
    project of its own, ``examples/chatbot/pyproject.toml``): its ``__main__`` block runs
    the example on a developer's machine; an example is not what the project deploys."""
    path = os.path.abspath(ctx.filename)
    for base in (ctx.index.root, os.getcwd()):
        if not base:
            continue
        parts = os.path.relpath(path, base).replace(os.sep, "/").split("/")[:-1]
        if parts and parts[0] == "..":
            continue
        if any(part.lower() in _EXAMPLE_DIRS for part in parts):
            return True
    return False


def _in_dev_branch(ctx: Context) -> bool:
    """In the body of an ``if`` whose test mentions debug/dev/local
    (``if settings.ENVIRONMENT == "local":``, ``if settings.DEBUG:``)."""
    chain = ctx.ancestors
    for i in range(len(chain) - 1, -1, -1):
        ancestor = chain[i]
        if isinstance(ancestor, ast.If):
            child = chain[i + 1] if i + 1 < len(chain) else ctx.node
            if any(c is child for c in ancestor.body):
                try:
                    test = ast.unparse(ancestor.test).lower()
                except Exception:  # pragma: no cover - unparse of odd nodes
                    continue
                if any(w in test for w in _DEV_WORDS):
                    return True
    return False


def _app_factory(node: ast.Call, ctx: Context) -> None:
    for kw in node.keywords:
        if kw.arg in ("on_startup", "on_shutdown"):
            value = kw.value
            if isinstance(value, ast.Constant) and value.value is None:
                continue
            if isinstance(value, (ast.List, ast.Tuple)) and not value.elts:
                continue
            if isinstance(value, ast.Name) and any(value.id in f.params for f in ctx.frames):
                continue  # forwarding a parameter (a wrapper around FastAPI)
            name = last_name(node.func) or "FastAPI"
            ctx.report(node, XFA601, form=f"{name}({kw.arg}=...)")
            break
    for kw in node.keywords:
        if kw.arg == "lifespan" and isinstance(kw.value, ast.Name):
            _lifespan_names(ctx).add(kw.value.id)
        elif kw.arg == "middleware":
            items = _middleware_list(ctx, kw.value)
            if items is not None:
                _check_middleware_list(items, ctx)
        elif kw.arg == "exception_handlers" and isinstance(kw.value, ast.Dict):
            for key, value in zip(kw.value.keys, kw.value.values):
                if key is not None and isinstance(value, ast.Name):
                    _register_handler(ctx, value.id, key)


def _middleware_list(ctx: Context, value: ast.expr) -> list[ast.expr] | None:
    if isinstance(value, (ast.List, ast.Tuple)):
        return list(value.elts)
    if isinstance(value, ast.Name):
        for frame in reversed(ctx.frames):
            lists = frame.data.get("xfa6_mw_lists")
            if lists and value.id in lists:
                return lists[value.id]
    return None


def _check_middleware_list(items: list[ast.expr], ctx: Context) -> None:
    """In ``middleware=[...]`` the first entry is the outermost."""
    first: ast.Call | None = None
    for index, item in enumerate(items):
        if not (isinstance(item, ast.Call) and item.args and _is_middleware_wrapper(ctx, item)):
            if index == 0:
                return  # unknown first entry (starred, variable): order unknown
            continue
        if first is None and not _is_cors_handler(ctx, item.args[0]) and not _never_answers(ctx, item.args[0]):
            first = item
        if _is_cors(ctx, item.args[0]) and index > 0 and first is not None:
            other = dotted_name(first.args[0]) or "another middleware"
            ctx.report(
                item,
                XFA605,
                other=other,
                why="it comes first in middleware=[...], and the first entry is the outermost",
                fix="move Middleware(CORSMiddleware, ...) to the front of the list",
            )
            return


def _cors_in_list(ctx: Context, items: list[ast.expr]) -> ast.Call | None:
    for item in items:
        if isinstance(item, ast.Call) and item.args and _is_middleware_wrapper(ctx, item) and _is_cors(ctx, item.args[0]):
            return item
    return None


def _branches(ctx: Context) -> dict[int, str]:
    """The ``if`` statements around the current node (in this scope) and the branch taken."""
    found: dict[int, str] = {}
    chain = ctx.ancestors
    for i in range(len(chain) - 1, -1, -1):
        ancestor = chain[i]
        if isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            break
        if isinstance(ancestor, (ast.If, ast.Try)) or ancestor.__class__.__name__ == "TryStar":
            child = chain[i + 1] if i + 1 < len(chain) else ctx.node
            for name in ("body", "orelse", "handlers", "finalbody"):
                value = getattr(ancestor, name, None)
                if isinstance(value, list) and any(c is child for c in value):
                    found[id(ancestor)] = name
                    break
    return found


def _exclusive(a: dict[int, str], b: dict[int, str]) -> bool:
    for key, branch in a.items():
        other = b.get(key)
        if other is not None and other != branch and "finalbody" not in (branch, other):
            return True
    return False


def _is_http_middleware_call(ctx: Context, func: ast.Call) -> bool:
    """``func`` is ``app.middleware("http")`` on an app."""
    inner = func.func
    return (
        isinstance(inner, ast.Attribute)
        and inner.attr == "middleware"
        and len(func.args) == 1
        and _str(func.args[0]) == "http"
        and _is_app(ctx, inner.value)
    )


def _added_http_middleware(node: ast.Call, receiver: ast.expr, added: ast.expr, ctx: Context) -> None:
    """``app.middleware("http")(added)``: it wraps every middleware added before it."""
    if isinstance(added, ast.Call):  # an instance: ``SetAuthCookieMiddleware()``
        target = added.func
        passes = _never_answers(ctx, target)
    else:
        target = added
        passes = _function_never_answers(ctx, target) or _never_answers(ctx, target)
    if passes or _is_cors_handler(ctx, target):
        return
    name = dotted_name(target) or "another middleware"
    why = f"{dotted_name(receiver) or 'app'}.middleware('http')({name}) is added later"
    _wraps_cors(
        receiver,
        name,
        ctx,
        list_why=f"{why}, and it wraps the middleware=[...] list",
        stack_why=f"{why}, and the middleware added last is the outermost",
    )


def _wraps_cors(
    receiver: ast.expr,
    name: str,
    ctx: Context,
    *,
    list_why: str,
    stack_why: str,
    list_fix: str = "add CORSMiddleware with add_middleware after every other middleware instead of in the list",
    stack_fix: str = "add CORSMiddleware after every other middleware",
) -> None:
    """A middleware ``name`` that answers requests itself is added to ``receiver`` here:
    report the CORS middlewares it wraps (``list_*``: one of ``FastAPI(middleware=[...])``,
    ``stack_*``: one added earlier with ``add_middleware``)."""
    key = dotted_name(receiver)
    if key is None:
        return
    stacks: dict[str, list[Any]] = ctx.frame.data.setdefault("xfa6_stacks", {})
    branches = _branches(ctx)
    for entry in stacks.get(key, []):
        if entry["reported"] or _exclusive(entry["branches"], branches):
            continue
        entry["reported"] = True
        if entry["from_list"]:
            ctx.report(entry["node"], XFA605, other=name, why=list_why, fix=list_fix)
        else:
            ctx.report(entry["node"], XFA605, other=name, why=stack_why, fix=stack_fix)


def _add_middleware(node: ast.Call, receiver: ast.expr, ctx: Context) -> None:
    cls = node.args[0]
    if _is_base_http(ctx, cls):
        ctx.report(node, XFA603, form="add_middleware(BaseHTTPMiddleware, ...)")
    is_cors = _is_cors(ctx, cls)
    if is_cors:
        _cors_options(node, ctx)
    key = dotted_name(receiver)
    if key is None:
        return
    stacks: dict[str, list[Any]] = ctx.frame.data.setdefault("xfa6_stacks", {})
    stack = stacks.setdefault(key, [])
    branches = _branches(ctx)
    if not is_cors:
        if _is_cors_handler(ctx, cls):
            return  # a CORS handler of its own may wrap CORSMiddleware
        if _never_answers(ctx, cls):
            return  # compresses, keeps state or sets headers: every response still passes CORS
        if _is_base_http(ctx, cls) and _function_never_answers(ctx, _kw(node, "dispatch")):
            return  # add_middleware(BaseHTTPMiddleware, dispatch=add_headers)
        name = dotted_name(cls) or "another middleware"
        _wraps_cors(
            receiver,
            name,
            ctx,
            list_why=f"{key}.add_middleware({name}) wraps the middleware=[...] list",
            stack_why="it is added later, and the last add_middleware() is the outermost",
            stack_fix="make add_middleware(CORSMiddleware, ...) the last add_middleware call",
        )
    else:
        stack.append({"node": node, "branches": branches, "reported": False, "from_list": False})


@visitor(ast.Assign, ast.AnnAssign, codes=tuple(r for r in (XFA601, XFA602, XFA603, XFA604, XFA605, XFA606, XFA607, XFA608, XFA609, XFA613)))
def assignments(node: ast.Assign | ast.AnnAssign, ctx: Context) -> None:
    value = node.value
    if value is None:
        return
    vcls = value.__class__
    if vcls is ast.Call:
        if last_name(value.func) not in _APP_FACTORY_TAILS:  # type: ignore[attr-defined]
            return
    elif vcls is ast.List or vcls is ast.Tuple:
        if not any(e.__class__ is ast.Call and last_name(e.func) == "Middleware" for e in value.elts):  # type: ignore[attr-defined]
            return
    else:
        return
    if ctx.is_test:
        return
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    if isinstance(value, ast.Call):
        if _is_app_factory(ctx, value):
            for target in targets:
                if isinstance(target, ast.Name) and ctx.frame.kind == "function":
                    ctx.frame.data.setdefault("xfa6_apps", set()).add(target.id)
            items = None
            mw = _kw(value, "middleware")
            if mw is not None:
                items = _middleware_list(ctx, mw)
            cors = _cors_in_list(ctx, items) if items else None
            if cors is not None:
                for target in targets:
                    key = dotted_name(target)
                    if key:
                        stacks = ctx.frame.data.setdefault("xfa6_stacks", {})
                        stacks[key] = [
                            {"node": cors, "branches": _branches(ctx), "reported": False, "from_list": True}
                        ]
    elif isinstance(value, (ast.List, ast.Tuple)) and value.elts:
        if any(isinstance(e, ast.Call) and _is_middleware_wrapper(ctx, e) for e in value.elts):
            for target in targets:
                if isinstance(target, ast.Name):
                    ctx.frame.data.setdefault("xfa6_mw_lists", {})[target.id] = list(value.elts)


def _cors_options(node: ast.Call, ctx: Context) -> None:
    if ctx.is_test:
        return
    origins = _kw(node, "allow_origins")
    regex = _str(_kw(node, "allow_origin_regex"))
    wildcard = _wildcard_origins(origins)
    if wildcard and not _in_dev_branch(ctx):
        ctx.report(origins, XFA606)
    credentials = keyword(node, "allow_credentials")
    if credentials is not None and _is_true(credentials.value):
        if wildcard:
            ctx.report(credentials.value, XFA607, wildcard='allow_origins=["*"]')
        elif regex is not None and regex.strip() in _WILDCARD_REGEXES:
            ctx.report(credentials.value, XFA607, wildcard=f"allow_origin_regex={regex!r}")
    if keyword(node, "max_age") is None and not _has_splat(node):
        ctx.report(node, XFA608)


# -- XFA601, XFA603: decorators; XFA602, XFA604, XFA613: function bodies -------------


@visitor(ast.FunctionDef, ast.AsyncFunctionDef, codes=(XFA603, XFA613))
def function_decorators(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    if ctx.is_test:
        return
    if not node.decorator_list:
        return
    dec = _http_middleware_decorator(ctx, node)
    if dec is not None:
        ctx.report(dec, XFA603, form=f'@{dotted_name(dec.func) or "app.middleware"}("http")')
    for dec in node.decorator_list:
        if (
            isinstance(dec, ast.Call)
            and isinstance(dec.func, ast.Attribute)
            and dec.func.attr == "exception_handler"
            and dec.args
            and _is_app(ctx, dec.func.value)
        ):
            _decorated_handlers(ctx).setdefault(id(node), []).append(dec.args[0])


@visitor(ast.ClassDef, codes=(XFA603,))
def middleware_classes(node: ast.ClassDef, ctx: Context) -> None:
    if ctx.is_test:
        return
    for base in node.bases:
        if _is_base_http(ctx, base):
            ctx.report(node, XFA603, form=f"class {node.name}(BaseHTTPMiddleware)")
            return


def _lifespan_names(ctx: Context) -> set[str]:
    return ctx.memo("xfa6_lifespan_names", set)


def _lifespan_candidates(ctx: Context) -> list[tuple[str, list[tuple[ast.ExceptHandler, str]]]]:
    return ctx.memo("xfa6_lifespan_candidates", list)


def _decorated_handlers(ctx: Context) -> dict[int, list[ast.expr]]:
    return ctx.memo("xfa6_decorated_handlers", dict)


def _registered_handlers(ctx: Context) -> dict[str, list[ast.expr]]:
    return ctx.memo("xfa6_registered_handlers", dict)


def _handler_candidates(ctx: Context) -> list[tuple[ast.AST, list[ast.Call]]]:
    return ctx.memo("xfa6_handler_candidates", list)


def _register_handler(ctx: Context, name: str, exc_type: ast.expr) -> None:
    _registered_handlers(ctx).setdefault(name, []).append(exc_type)


@visitor(ast.Yield, ast.YieldFrom, codes=(XFA602,))
def yields(node: ast.AST, ctx: Context) -> None:
    frame = ctx.frame
    if frame.kind == "function":
        frame.data.setdefault("xfa6_yield", node)


@visitor(ast.ExceptHandler, codes=(XFA602,))
def except_handlers(node: ast.ExceptHandler, ctx: Context) -> None:
    if ctx.is_test:
        return
    frame = ctx.frame
    if frame.kind != "function" or not frame.is_async or "xfa6_yield" in frame.data:
        return
    if not _swallows(node.body):
        return
    try_node = ctx.parent
    if isinstance(try_node, ast.Try) or try_node.__class__.__name__ == "TryStar":
        if _cosmetic(try_node.body):  # type: ignore[union-attr]
            return  # a start-up banner or version line that could not be printed
        if _housekeeping(try_node.body):  # type: ignore[union-attr]
            return  # cleaning up an earlier run's leftovers: nothing the app serves with
        if _says_startup_continues(node, try_node, ctx):  # type: ignore[arg-type]
            return  # an optional integration: the comment or log says start-up goes on
    loop = ctx.enclosing(ast.For, ast.While, ast.AsyncFor)
    if loop is not None and getattr(loop, "orelse", None):
        return
    exception = "exceptions"
    if node.type is not None:
        exception = ast.unparse(node.type) if hasattr(ast, "unparse") else "the exception"
        if len(exception) > 60:
            exception = "the exception"
    frame.data.setdefault("xfa6_swallowed", []).append((node, exception))


def _swallows(body: list[ast.stmt]) -> bool:
    for stmt in body:
        if isinstance(stmt, (ast.Pass, ast.Continue)):
            continue
        if isinstance(stmt, ast.Expr):
            value = stmt.value
            if isinstance(value, ast.Constant):
                continue
            if isinstance(value, ast.Call):
                tail = last_name(value.func)
                if tail in _LOG_ATTRS and isinstance(value.func, ast.Attribute):
                    continue
                if tail == "print" and isinstance(value.func, ast.Name):
                    continue
        return False
    return True


#: words of a comment (or log message) saying start-up goes on without the integration
_CONTINUES = lazy_re.compile(
    r"\b(?:continu\w*|optional\w*|non[- ]?fatal|not fatal|non[- ]?critical|not critical|"
    r"non[- ]?essential|not essential|not required|best[- ]effort|without|degrad\w*|skip\w*|"
    r"fall(?:s|ing)? ?back|fallback|for debugging|diagnostic\w*)\b",
    re.IGNORECASE,
)
#: calls that only print: ``print``, ``logger.info``, ``console.print``, ``click.echo``
_OUTPUT_TAILS = frozenset({"print", "echo", "secho", "write", "rule", "pprint"}) | _LOG_ATTRS
_OUTPUT_RECEIVERS = frozenset({"logger", "log", "logging", "console", "click", "typer", "rich", "stdout", "stderr", "structlog", "loguru"})


def _output_call(stmt: ast.stmt) -> ast.Call | None:
    """``stmt`` is a call that only writes output: ``print(...)``, ``logger.info(...)``,
    ``console.print(...)``, ``click.echo(...)``, ``sys.stdout.write(...)``."""
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        call = stmt.value
        func = call.func
        if isinstance(func, ast.Name):
            return call if func.id in ("print", "pprint") else None
        if isinstance(func, ast.Attribute) and func.attr in _OUTPUT_TAILS:
            receiver = (last_name(func.value) or "").lower()
            if receiver in _OUTPUT_RECEIVERS or receiver.endswith(("logger", "_log")):
                return call
            if (
                func.attr in _LOG_ATTRS
                and isinstance(func.value, ast.Call)
                and last_name(func.value.func) in ("getLogger", "get_logger")
            ):
                return call  # ``logging.getLogger(__name__).warning(...)``
    return None


_CLEANUP_VERBS = frozenset({"cleanup", "clean", "purge", "prune", "sweep", "reap", "remove", "delete", "close", "clear", "drop", "expire"})
_LEFTOVER_WORDS = frozenset({"stale", "expired", "orphan", "orphaned", "orphans", "leftover", "leftovers", "abandoned", "dangling", "zombie", "zombies"})


def _housekeeping(body: list[ast.stmt]) -> bool:
    """A ``try`` body that is one call cleaning up what an earlier run left behind
    (``await manager.cleanup_stale_sessions()``, ``purge_expired_tokens()``): start-up
    housekeeping, not a resource the app serves with, so a logged failure leaves a working
    app (seventh reading: skyvern). Starting a background reaper is not this: without it
    the leak goes on."""
    if len(body) != 1 or not isinstance(body[0], ast.Expr):
        return False
    value = body[0].value
    if isinstance(value, ast.Await):
        value = value.value
    if not isinstance(value, ast.Call):
        return False
    words = set((last_name(value.func) or "").lower().strip("_").split("_"))
    return bool(words & _CLEANUP_VERBS and words & _LEFTOVER_WORDS)


def _cosmetic(body: list[ast.stmt]) -> bool:
    """A ``try`` body that only prints a banner: output calls, and assignments to local
    names (no ``await``) that only those calls read."""
    printed: set[str] = set()
    assigned: set[str] = set()
    outputs = 0
    for stmt in body:
        call = _output_call(stmt)
        if call is not None:
            outputs += 1
            if any(isinstance(sub, ast.Await) for sub in ast.walk(call)):
                return False
            printed.update(n.id for n in ast.walk(call) if isinstance(n, ast.Name))
            continue
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            continue
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] if isinstance(stmt, ast.AnnAssign) else None
        if targets is None or stmt.value is None or not all(isinstance(t, ast.Name) for t in targets):
            return False
        if any(isinstance(sub, (ast.Await, ast.NamedExpr)) for sub in ast.walk(stmt.value)):
            return False
        assigned.update(t.id for t in targets)  # type: ignore[attr-defined]
    return outputs > 0 and assigned <= printed


def _says_startup_continues(handler: ast.ExceptHandler, try_node: ast.AST, ctx: Context) -> bool:
    """A comment in the handler (from the ``except`` line to its last line), in the comment
    lines right above the ``except`` or right above the ``try``, or the text of a log
    message in the handler, says start-up goes on: "continuing without redis", "optional",
    "non-fatal", "best effort", "degraded", "skip"."""
    for stmt in handler.body:
        call = _output_call(stmt)
        if call is not None:
            for arg in call.args[:1]:
                texts = [arg.value] if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else [
                    v.value for v in getattr(arg, "values", ()) if isinstance(v, ast.Constant) and isinstance(v.value, str)
                ]
                if any(_continues(text) for text in texts):
                    return True
    lines = ctx.lines
    if lines is None:
        return False  # comments are not known: as before
    end = getattr(handler, "end_lineno", None) or handler.lineno
    candidates = list(range(handler.lineno, end + 1))
    starts = [handler.lineno, getattr(try_node, "lineno", 0)]
    # the comment above an ``if``/``with`` whose body opens with the ``try`` (``# best
    # effort`` above ``if settings.bucket:`` holding ``try: ensure_bucket()``)
    chain = ctx.ancestors
    inner: ast.AST = try_node
    for outer in reversed(chain[: next((i for i, a in enumerate(chain) if a is try_node), 0)]):
        if not isinstance(outer, (ast.If, ast.With, ast.AsyncWith)) or not outer.body or outer.body[0] is not inner:
            break
        starts.append(outer.lineno)
        inner = outer
    for start in starts:
        candidates.append(start)
        above = start - 1
        while 0 < above <= len(lines) and lines[above - 1].lstrip().startswith("#"):
            candidates.append(above)
            above -= 1
    for lineno in candidates:
        if 0 < lineno <= len(lines):
            text = comment_of(lines[lineno - 1])
            if text and _continues(text):
                return True
    return False


_NEGATION = lazy_re.compile(r"\b(?:no|not|never|don'?t|do not|cannot|can'?t|must not)\s+$", re.IGNORECASE)


def _continues(text: str) -> bool:
    """``text`` says start-up goes on (and does not negate it: "no fallback")."""
    return any(not _NEGATION.search(text[: m.start()]) for m in _CONTINUES.finditer(text))


def _is_asynccontextmanager(ctx: Context, dec: ast.expr) -> bool:
    return ctx.resolve(dec) in ("contextlib.asynccontextmanager", "asynccontextmanager")


def _takes_app(ctx: Context, fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    params = _positional(fn)
    if not params:
        return False
    first = params[0]
    if first.annotation is not None:
        base, _ = ctx.unwrap_annotation(first.annotation)
        tail = _resolved_tail(ctx, base) if base is not None else None
        if tail in ("FastAPI", "Starlette", "ASGIApp"):
            return True
    return first.arg in ("app", "_app", "application", "fastapi_app", "_application")


@visitor(ast.FunctionDef, ast.AsyncFunctionDef, leave=True, codes=(XFA602, XFA613))
def function_leave(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    frame = ctx.frame
    if frame.node is not node:
        return
    swallowed = frame.data.get("xfa6_swallowed")
    if swallowed and "xfa6_yield" in frame.data:
        before = [(h, e) for h, e in swallowed if h.lineno < frame.data["xfa6_yield"].lineno]
        if before:
            if any(_is_asynccontextmanager(ctx, d) for d in node.decorator_list) and _takes_app(ctx, node):
                for handler, exception in before:
                    ctx.report(handler, XFA602, exception=exception)
            else:
                _lifespan_candidates(ctx).append((node.name, before))
    returns = frame.data.get("xfa6_returns")
    if returns:
        exc_types = _decorated_handlers(ctx).get(id(node))
        if exc_types is not None:
            _check_handler(ctx, node, returns, exc_types)
        else:
            _handler_candidates(ctx).append((node, returns))


@visitor(ast.Return, codes=(XFA613,))
def returns(node: ast.Return, ctx: Context) -> None:
    if ctx.is_test:
        return
    value = node.value
    if value is None:
        return
    # ``return JSONResponse(...)``, ``return render(...) or JSONResponse(...)``, ``a if c else b``
    candidates = [value]
    if isinstance(value, ast.BoolOp):
        candidates = list(value.values)
    elif isinstance(value, ast.IfExp):
        candidates = [value.body, value.orelse]
    frame = ctx.frame
    if frame.kind != "function":
        return
    for candidate in candidates:
        if isinstance(candidate, ast.Call) and last_name(candidate.func) in _RESPONSE_TAILS:
            frame.data.setdefault("xfa6_returns", []).append(candidate)


@visitor(ast.Module, leave=True, codes=(XFA602, XFA613))
def module_leave(node: ast.Module, ctx: Context) -> None:
    names = _lifespan_names(ctx)
    if names:
        for name, handlers in _lifespan_candidates(ctx):
            if name in names:
                for handler, exception in handlers:
                    ctx.report(handler, XFA602, exception=exception)
    registered = _registered_handlers(ctx)
    if registered:
        decorated = _decorated_handlers(ctx)
        for fn, calls_ in _handler_candidates(ctx):
            if id(fn) in decorated:
                continue
            exc_types = registered.get(getattr(fn, "name", ""))
            if exc_types:
                _check_handler(ctx, fn, calls_, exc_types)


def _status_of(call: ast.Call) -> tuple[bool, int | None]:
    """``(given, code)``: whether a status is passed, and its literal value if known."""
    value = _kw(call, "status_code")
    if value is None and len(call.args) >= 2:
        value = call.args[1]
    if value is None:
        return _has_splat(call) or any(isinstance(a, ast.Starred) for a in call.args), None
    return True, _status_literal(value)


def _status_literal(value: ast.AST) -> int | None:
    """The status code of ``500``, ``status.HTTP_500_...``/``HTTP_500_...`` or
    ``HTTPStatus.INTERNAL_SERVER_ERROR``, else ``None``."""
    if isinstance(value, ast.Constant) and isinstance(value.value, int) and not isinstance(value.value, bool):
        return value.value
    name = value.attr if isinstance(value, ast.Attribute) else value.id if isinstance(value, ast.Name) else None
    if name and name.startswith("HTTP_"):
        digits = name[5:8]
        if digits.isdigit():
            return int(digits)
    if name and isinstance(value, ast.Attribute) and last_name(value.value) == "HTTPStatus":
        member = getattr(HTTPStatus, name, None)
        if isinstance(member, HTTPStatus):
            return int(member)
    return None


def _is_server_error_type(ctx: Context, exc_type: ast.expr) -> bool:
    if isinstance(exc_type, ast.Name) and exc_type.id in ("Exception", "BaseException") and ctx.is_builtin(exc_type):
        return True
    status = _status_literal(exc_type)
    return status is not None and status >= 500


def _check_handler(
    ctx: Context, fn: ast.AST, calls_: list[ast.Call], exc_types: list[ast.expr]
) -> None:
    if not isinstance(fn, FUNCTION_TYPES):
        return
    params = _positional(fn)
    exc_name = params[1].arg if len(params) >= 2 else None
    server_handler = any(_is_server_error_type(ctx, t) for t in exc_types)
    for call in calls_:
        if _resolved_tail(ctx, call.func) not in _RESPONSE_TAILS:
            continue
        given, status = _status_of(call)
        if not given and _spa_fallback(ctx, call, exc_types):
            continue
        if not given:
            ctx.report(
                call,
                XFA613,
                handler=fn.name,
                problem=f"returns {last_name(call.func)}(...) without status_code, so the error goes out as 200 OK",
                fix="pass the error status, e.g. status_code=500 (or exc.status_code)",
            )
            continue
        if exc_name is None or not (server_handler or (status is not None and status >= 500)):
            continue
        content = _kw(call, "content")
        if content is None and call.args:
            content = call.args[0]
        leak = _leak(ctx, content, exc_name) if content is not None else None
        if leak:
            ctx.report(
                call,
                XFA613,
                handler=fn.name,
                problem=f"puts {leak} into the body of a 5xx response",
                fix='log the exception (logger.exception(...)) and return a generic body such as {"detail": "Internal Server Error"}',
            )


#: responses that serve a page, not an error body
_PAGE_RESPONSES = frozenset({"HTMLResponse"})


def _spa_fallback(ctx: Context, call: ast.Call, exc_types: list[ast.expr]) -> bool:
    """A handler registered for 404 only (``exception_handler(404)``,
    ``status.HTTP_404_NOT_FOUND``) that answers with a page (``HTMLResponse(...)``): a
    single-page app's fallback, serving its ``index.html`` for
    paths the client-side router knows — the 200 is the point."""
    if _resolved_tail(ctx, call.func) not in _PAGE_RESPONSES or not exc_types:
        return False
    for exc_type in exc_types:
        if isinstance(exc_type, ast.Constant) and exc_type.value == 404:
            continue
        if isinstance(exc_type, ast.Attribute) and exc_type.attr in ("HTTP_404_NOT_FOUND", "NOT_FOUND"):
            continue
        return False
    return True


def _is_lookup(call: ast.Call) -> bool:
    """``table.get(key, ...)``: the first argument is a key into a mapping."""
    return isinstance(call.func, ast.Attribute) and call.func.attr == "get" and bool(call.args)


def _values(node: ast.AST) -> list[ast.AST]:
    """The nodes of ``node`` except the keys of lookups into tables of fixed messages:
    the index of ``MESSAGES[str(exc)]`` and the first argument of ``MESSAGES.get(str(exc), ...)``."""
    found: list[ast.AST] = []
    todo = [node]
    while todo:
        current = todo.pop()
        found.append(current)
        if isinstance(current, ast.Subscript):
            todo.append(current.value)
        elif isinstance(current, ast.Call) and _is_lookup(current):
            todo.append(current.func)
            todo.extend(current.args[1:])
            todo.extend(kw.value for kw in current.keywords)
        else:
            todo.extend(ast.iter_child_nodes(current))
    return found


def _leak(ctx: Context, content: ast.AST, exc_name: str) -> str | None:
    for sub in _values(content):
        if isinstance(sub, ast.Call):
            func = sub.func
            if isinstance(func, ast.Name) and func.id in ("str", "repr") and sub.args:
                arg = sub.args[0]
                if isinstance(arg, ast.Name) and arg.id == exc_name:
                    return f"{func.id}({exc_name})"
            qualname = ctx.resolve(func) or ""
            if qualname.startswith("traceback.") and ctx.imported_from(func, "traceback"):
                return f"{qualname}()"
        elif isinstance(sub, ast.FormattedValue):
            if isinstance(sub.value, ast.Name) and sub.value.id == exc_name:
                return f'f"{{{exc_name}}}"'
    return None


# -- XFA604, XFA609: middleware bodies --------------------------------------------------


@visitor(ast.Await, codes=(XFA604,))
def awaits(node: ast.Await, ctx: Context) -> None:
    if ctx.is_test:
        return
    call = node.value
    if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name):
        return
    frame = ctx.frame
    if frame.kind != "function":
        return
    callee = call.func.id
    if callee not in frame.params:
        return
    kind, call_next = _middleware_kind(ctx, frame)
    if kind is None or call_next != callee:
        return
    if ctx.in_body_of((ast.Try, getattr(ast, "TryStar", ast.Try)), ("body",)) is not None:
        return
    if not _work_after(node, ctx):
        return  # a pass-through: Starlette's error middleware still answers with a 500
    if _failure_handed_off(node, frame, ctx):
        return  # a failure callback left in a ContextVar for the error handler
    ctx.report(node, XFA604, call_next=callee)


def _failure_handed_off(node: ast.Await, frame: Frame, ctx: Context) -> bool:
    """Before ``call_next``, the middleware stores a callable in a module ``ContextVar``
    (``_request_failed_logger.set(partial(_log_failure, ...))``) that another function of
    the module reads back (``.get()``) — the app's exception handler runs it for a request
    whose route raised. The work for failed requests is handed off, not skipped (seventh
    reading: skyvern's raw-request logging)."""
    fn = frame.node
    for sub in ast.walk(fn):
        if not (
            isinstance(sub, ast.Call)
            and isinstance(sub.func, ast.Attribute)
            and sub.func.attr == "set"
            and isinstance(sub.func.value, ast.Name)
            and len(sub.args) == 1
            and sub.lineno < node.lineno
        ):
            continue
        var = sub.func.value.id
        bound = ctx.assignments.get(var)
        if not (isinstance(bound, ast.Call) and (_resolved_tail(ctx, bound.func) == "ContextVar")):
            continue
        value = sub.args[0]
        if isinstance(value, ast.Name) and value.id not in ctx.functions:
            # ``request_logger = partial(...)`` then ``_failure_logger.set(request_logger)``
            value = next(
                (
                    a.value
                    for a in ast.walk(fn)
                    if isinstance(a, ast.Assign)
                    and len(a.targets) == 1
                    and isinstance(a.targets[0], ast.Name)
                    and a.targets[0].id == value.id
                ),
                value,
            )
        callable_value = isinstance(value, ast.Lambda) or (
            isinstance(value, ast.Call) and _resolved_tail(ctx, value.func) == "partial"
        ) or (isinstance(value, ast.Name) and value.id in ctx.functions)
        if not callable_value:
            continue
        for other in ctx.functions.values():
            if other is fn:
                continue
            for inner in ast.walk(other):
                if (
                    isinstance(inner, ast.Call)
                    and isinstance(inner.func, ast.Attribute)
                    and inner.func.attr == "get"
                    and isinstance(inner.func.value, ast.Name)
                    and inner.func.value.id == var
                ):
                    return True
    return False


_LOOPS = (ast.For, ast.AsyncFor, ast.While)


def _work_after(node: ast.Await, ctx: Context) -> bool:
    """Code runs after ``await call_next(...)`` that an exception would skip. Not so for
    ``return await call_next(request)``, and for ``response = await call_next(request)``
    followed only by ``return response`` (also when the await ends a ``with``/``if``
    block whose statement is followed only by that ``return``)."""
    chain = ctx.ancestors
    index = len(chain) - 1
    while index >= 0 and not isinstance(chain[index], ast.stmt):
        index -= 1
    if index < 0:
        return True
    stmt = chain[index]
    response: str | None = None
    if isinstance(stmt, ast.Return) and stmt.value is node:
        return False
    if isinstance(stmt, ast.Assign) and stmt.value is node and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
        response = stmt.targets[0].id
    elif isinstance(stmt, ast.AnnAssign) and stmt.value is node and isinstance(stmt.target, ast.Name):
        response = stmt.target.id
    elif not (isinstance(stmt, ast.Expr) and stmt.value is node):
        return True  # the response is used in the same statement: ``return add_headers(await ...)``
    following = _next_statement(chain, index)
    if response is not None and following is not None and following is not _LOOP_CONTINUES:
        following = _skip_cookie_updates(chain, index, following, response, ctx)
    if following is None:
        return False
    if following is _LOOP_CONTINUES:
        return True
    if isinstance(following, ast.Return):
        value = following.value
        if value is None or isinstance(value, ast.Constant) and value.value is None:
            return False
        return not (response is not None and isinstance(value, ast.Name) and value.id == response)
    return True


_LOOP_CONTINUES = ast.Pass()
_COOKIE_METHODS = frozenset({"set_cookie", "delete_cookie"})


def _skip_cookie_updates(chain: list[ast.AST], index: int, following: ast.AST, response: str, ctx: Context) -> ast.AST | None:
    """The statement after the cookie updates that directly follow ``response = await
    call_next(request)`` in the same block: ``response.set_cookie(...)`` /
    ``response.delete_cookie(...)``, also under an ``if`` whose branches hold only such
    calls (a refreshed session or token cookie). Such work only makes sense on a response
    the route produced, so skipping it when the route raises is right; ``following`` when
    there is none."""
    stmt = chain[index]
    parent = chain[index - 1] if index > 0 else None
    block = None
    for name in ("body", "orelse", "finalbody"):
        candidate = getattr(parent, name, None)
        if isinstance(candidate, list) and any(c is stmt for c in candidate):
            block = candidate
            break
    if block is None:
        return following
    position = next(i for i, c in enumerate(block) if c is stmt)
    rest = block[position + 1:]
    skipped = 0
    while skipped < len(rest) and _cookie_update(rest[skipped], response, ctx):
        skipped += 1
    if skipped == 0:
        return following
    if skipped < len(rest):
        return rest[skipped]
    return _next_statement([*chain[:index], rest[-1]], index)


_HEADER_METHODS = frozenset({"update", "append", "setdefault", "__setitem__", "pop", "__delitem__", "add_vary_header"})
#: methods whose result is a plain value (a header's timing or id)
_PURE_METHODS = frozenset(
    {"total_seconds", "isoformat", "timestamp", "hex", "format", "lower", "upper", "strip",
     "lstrip", "rstrip", "replace", "encode", "decode", "removeprefix", "removesuffix"}
)


def _headers_of(expr: ast.AST, response: str) -> bool:
    """``expr`` is ``response.headers``."""
    return (
        isinstance(expr, ast.Attribute)
        and expr.attr in ("headers", "raw_headers")
        and isinstance(expr.value, ast.Name)
        and expr.value.id == response
    )


def _pure_value(expr: ast.AST | None, ctx: Context) -> bool:
    """``expr`` only computes a value: no ``await``, and its calls are builtins, ``time``
    / ``datetime`` functions or value methods (``.total_seconds()``)."""
    if expr is None:
        return True
    for node in ast.walk(expr):
        if isinstance(node, (ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr, ast.Lambda)):
            return False
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and ctx.is_builtin(func) and func.id not in ("print", "exec", "eval", "open", "setattr", "delattr"):
                continue
            qualname = ctx.resolve(func) if isinstance(func, (ast.Name, ast.Attribute)) else None
            if qualname and qualname.split(".", 1)[0] in ("time", "datetime") and ctx.imported_from(func, "time", "datetime"):
                continue
            if isinstance(func, ast.Attribute) and func.attr in _PURE_METHODS:
                continue
            if isinstance(func, ast.Attribute) and func.attr == "join" and isinstance(func.value, ast.Constant):
                continue  # ``"; ".join(directives)``
            return False
    return True


def _cookie_update(stmt: ast.AST, response: str, ctx: Context) -> bool:
    """``stmt`` only changes the response the route produced: its cookies
    (``set_cookie``/``delete_cookie``) or its headers (``response.headers[k] = v``,
    ``response.headers.update(...)``, ``del response.headers[k]``), or computes a local
    value for them (``elapsed = time.perf_counter() - started``); also an ``if`` whose
    branches do only that. When the route raises there is no such response: nothing is
    lost (the decision for XFA604, see the docs page)."""
    if isinstance(stmt, ast.Expr):
        call = stmt.value
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)):
            return False
        owner = call.func.value
        if call.func.attr in _COOKIE_METHODS and isinstance(owner, ast.Name) and owner.id == response:
            return True
        return (
            call.func.attr in _HEADER_METHODS
            and _headers_of(owner, response)
            and all(_pure_value(a, ctx) for a in [*call.args, *(k.value for k in call.keywords)])
        )
    if isinstance(stmt, ast.Assign):
        if all(isinstance(t, ast.Subscript) and _headers_of(t.value, response) for t in stmt.targets):
            return _pure_value(stmt.value, ctx) and all(_pure_value(t.slice, ctx) for t in stmt.targets)  # type: ignore[attr-defined]
        if len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) and stmt.targets[0].id != response:
            return _pure_value(stmt.value, ctx)
        return False
    if isinstance(stmt, ast.Delete):
        return all(isinstance(t, ast.Subscript) and _headers_of(t.value, response) for t in stmt.targets)
    if isinstance(stmt, ast.If):
        return (
            bool(stmt.body)
            and all(_cookie_update(s, response, ctx) for s in [*stmt.body, *stmt.orelse])
        )
    return False


def _next_statement(chain: list[ast.AST], index: int) -> ast.AST | None:
    """The statement that runs after ``chain[index]`` when it completes normally, up to
    the enclosing function: ``None`` at the end of the function, ``_LOOP_CONTINUES`` in a
    loop body."""
    child = chain[index]
    for i in range(index - 1, -1, -1):
        parent = chain[i]
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return _after(parent.body, child)
        if isinstance(parent, (ast.Lambda, ast.ClassDef)):
            return None
        if isinstance(parent, _LOOPS) and any(c is child for c in parent.body):
            return _LOOP_CONTINUES
        if isinstance(parent, ast.Try) or parent.__class__.__name__ == "TryStar":
            following = _after_in_try(parent, child)
            if following is not None:
                return following
        elif isinstance(parent, (ast.ExceptHandler, ast.match_case)):
            following = _after(parent.body, child)
            if following is not None:
                return following
        else:
            for name in ("body", "orelse"):
                block = getattr(parent, name, None)
                if isinstance(block, list) and any(c is child for c in block):
                    following = _after(block, child)
                    if following is not None:
                        return following
                    break
        child = parent
    return None


def _after_in_try(node: ast.AST, child: ast.AST) -> ast.AST | None:
    body, orelse, final = node.body, node.orelse, node.finalbody  # type: ignore[attr-defined]
    if any(c is child for c in body):
        return _after(body, child) or (orelse[0] if orelse else None) or (final[0] if final else None)
    if any(c is child for c in orelse):
        return _after(orelse, child) or (final[0] if final else None)
    if any(c is child for c in final):
        return _after(final, child)
    return final[0] if final else None  # after a handler


def _after(block: list[ast.AST], child: ast.AST) -> ast.AST | None:
    for position, stmt in enumerate(block):
        if stmt is child:
            return block[position + 1] if position + 1 < len(block) else None
    return None


_AUTH_HEADER = "authorization"


def _auth_key(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, bytes):
            try:
                value = value.decode("latin-1")
            except Exception:  # pragma: no cover
                return None
        if isinstance(value, str):
            return value.lower()
    return None


def _auth_read(container: ast.expr, key: ast.AST | None) -> str | None:
    name = container.attr if isinstance(container, ast.Attribute) else container.id if isinstance(container, ast.Name) else None
    if name not in ("headers", "cookies"):
        return None
    value = _auth_key(key)
    if value is None:
        return None
    if name == "headers" and value == _AUTH_HEADER:
        return "the Authorization header"
    if name == "cookies" and ("token" in value or "session" in value or value in ("jwt", "auth")):
        return f"the {value!r} cookie"
    return None


def _in_middleware(ctx: Context) -> bool:
    frame = ctx.function
    if frame is None:
        return False
    kind, _ = _middleware_kind(ctx, frame)
    return kind is not None


@visitor(ast.Call, codes=(XFA609,))
def auth_header_get(node: ast.Call, ctx: Context) -> None:
    if ctx.is_test:
        return
    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr == "get" and node.args):
        return
    what = _auth_read(func.value, node.args[0])
    if what and _in_middleware(ctx):
        ctx.report(node, XFA609, what=what)


@visitor(ast.Subscript, codes=(XFA609, XFA611))
def subscripts(node: ast.Subscript, ctx: Context) -> None:
    if ctx.is_test:
        return
    if not isinstance(node.ctx, ast.Load):
        return
    value = node.value
    if ctx.wants(XFA609):
        what = _auth_read(value, node.slice)
        if what and _in_middleware(ctx):
            ctx.report(node, XFA609, what=what)
    if ctx.wants(XFA611) and (
        (isinstance(value, ast.Attribute) and value.attr == "environ")
        or (isinstance(value, ast.Name) and value.id == "environ")
    ):
        if ctx.resolve(value) == "os.environ" and ctx.imported_from(value, "os") and _env_checked(ctx):
            ctx.report(node, XFA611, read="os.environ[...]")


# -- XFA610: settings classes -------------------------------------------------------------

_SETTINGS_BASES = frozenset(
    {"pydantic_settings.BaseSettings", "pydantic.BaseSettings", "pydantic.v1.BaseSettings", "pydantic.env_settings.BaseSettings"}
)
_SECRET_PARTS = ("secret", "password", "passwd", "token", "api_key", "apikey", "private_key")
_CONNECTION_PARTS = ("database_url", "db_url", "dsn", "database_uri", "db_uri")
_DESCRIPTIVE_SUFFIXES = frozenset(
    {
        "url", "uri", "prefix", "algorithm", "algorithms", "alg", "expire", "expires", "expiry",
        "expiration", "minutes", "seconds", "hours", "days", "ttl", "lifetime", "name", "header",
        "type", "scheme", "length", "location", "path", "endpoint", "audience", "issuer",
        "file", "dir", "directory", "env", "var", "region", "version", "mode", "policy", "rounds",
        "cost", "field", "param", "cookie", "id", "backend", "provider", "format", "encoding",
        # lists of key names to mask in logs: ``log_secret_patterns = "password,token"``
        "pattern", "patterns", "keys", "fields", "names", "words",
    }
)


def _settings_classes(ctx: Context) -> frozenset[str]:
    def compute() -> frozenset[str]:
        found: set[str] = set()
        classes = list(ctx.classes.values())
        changed = True
        while changed:
            changed = False
            for cls in classes:
                if cls.name in found:
                    continue
                if any(_is_settings_base(ctx, b, frozenset(found)) for b in cls.bases):
                    found.add(cls.name)
                    changed = True
        return frozenset(found)

    return ctx.memo("xfa6_settings_classes", compute)


#: a name with one of these words names where the secret travels, not the secret
_DESCRIPTIVE_WORDS = frozenset({"cookie", "header", "param", "query", "field"})
#: values of keys that are public by design: PostHog project keys (write-only), Stripe
#: publishable keys (shipped to browsers)
_PUBLIC_KEY_PREFIXES = ("phc_", "pk_live_", "pk_test_")


def secret_field_name(name: str) -> bool:
    if name.startswith("_"):  # a private attribute, not a field read from the environment
        return False
    lowered = name.lower()
    if any(p in lowered for p in _CONNECTION_PARTS):
        return True
    if not any(p in lowered for p in _SECRET_PARTS):
        return False
    words = lowered.split("_")
    if any(w in _DESCRIPTIVE_WORDS for w in words):
        return False
    return words[-1] not in _DESCRIPTIVE_SUFFIXES


def _secret_default(ctx: Context, value: ast.AST | None, depth: int = 0) -> bool:
    if value is None or depth > 3:
        return False
    text = _str(value)
    if text is not None:
        # a public key by design (PostHog ``phc_…``, Stripe publishable ``pk_live_…``) is
        # meant to ship as the default: it authorises nothing a visitor could not do
        return bool(text.strip()) and not text.strip().startswith(_PUBLIC_KEY_PREFIXES)
    if isinstance(value, ast.Call):
        tail = _resolved_tail(ctx, value.func)
        if tail == "SecretStr" or tail == "SecretBytes":
            return bool(value.args) and _secret_default(ctx, value.args[0], depth + 1)
        if tail == "Field":
            default = _kw(value, "default")
            if default is None and value.args:
                default = value.args[0]
            return _secret_default(ctx, default, depth + 1)
        qualname = ctx.resolve(value.func)
        if qualname in ("os.getenv", "os.environ.get") and ctx.imported_from(value.func, "os"):
            default = _kw(value, "default")
            if default is None and len(value.args) >= 2:
                default = value.args[1]
            return _secret_default(ctx, default, depth + 1)
        if isinstance(value.func, ast.Name) and _is_starlette_config(ctx, value.func.id):
            return _secret_default(ctx, _kw(value, "default"), depth + 1)
    return False


def _is_starlette_config(ctx: Context, name: str) -> bool:
    """``name`` is a module-level ``starlette.config.Config(...)`` instance."""
    value = ctx.assignments.get(name)
    return isinstance(value, ast.Call) and ctx.resolve(value.func) in (
        "starlette.config.Config",
        "starlette.config.Environ",
    )


_NON_PRODUCTION_PREFIXES = ("Test", "Dev", "Local")
_NON_PRODUCTION_STEMS = frozenset({"test", "tests", "testing", "dev", "development", "local"})


def _is_settings_base(ctx: Context, base: ast.expr, known: frozenset[str]) -> bool:
    target = base.value if isinstance(base, ast.Subscript) else base
    qualname = ctx.resolve(target)
    if qualname in _SETTINGS_BASES:
        return True
    if isinstance(target, ast.Name):
        if target.id in known:
            return True
        # a project settings base imported from another module: ``BaseAppSettings``
        return target.id in ctx.imports and target.id.endswith("Settings") and target.id != "BaseSettings"
    return False


@visitor(ast.ClassDef, codes=(XFA610,))
def settings_fields(node: ast.ClassDef, ctx: Context) -> None:
    if ctx.is_test or not node.bases or node.name.startswith(_NON_PRODUCTION_PREFIXES):
        return
    known = _settings_classes(ctx)
    if node.name not in known and not any(_is_settings_base(ctx, b, known) for b in node.bases):
        return
    if ctx.memo("xfa6_non_production_file", lambda: _file_stem(ctx.filename) in _NON_PRODUCTION_STEMS):
        return
    for stmt in node.body:
        if isinstance(stmt, ast.AnnAssign):
            target, value = stmt.target, stmt.value
            ann = ctx.resolve(stmt.annotation.value if isinstance(stmt.annotation, ast.Subscript) else stmt.annotation)
            if ann and ann.rsplit(".", 1)[-1] == "ClassVar":
                continue
        elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target, value = stmt.targets[0], stmt.value
        else:
            continue
        if not isinstance(target, ast.Name) or target.id == "model_config":
            continue
        if secret_field_name(target.id) and _secret_default(ctx, value):
            ctx.report(value, XFA610, field=target.id)  # type: ignore[arg-type]


def _file_stem(path: str) -> str:
    name = normalize_path(path).rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0].lower()


# -- XFA611: environment reads ------------------------------------------------------------

_CONFIG_STEMS = ("settings", "config", "configs", "conf", "configuration")
_CONFIG_DIRS = frozenset({"settings", "config", "configs", "conf"})
#: directories of stand-alone tools, besides the scripts layer's globs
_TOOL_DIRS = frozenset({"tools", "bin"})


def is_config_module(path: str) -> bool:
    """A settings/config module: the file stem is, or ends with, a config word, or a
    directory on the path is named ``settings``/``config``/``configs``/``conf``."""
    parts = normalize_path(path).strip("/").split("/")
    stem = parts[-1].rsplit(".", 1)[0].lower() if parts else ""
    if any(stem == s or stem.endswith("_" + s) for s in _CONFIG_STEMS):
        return True
    return any(p.lower() in _CONFIG_DIRS for p in parts[:-1])


def _env_checked(ctx: Context) -> bool:
    return ctx.memo(
        "xfa6_env_checked",
        lambda: not (ctx.is_test or ctx.is_script or is_config_module(ctx.filename) or _is_tool(ctx.filename)),
    )


def _is_tool(path: str) -> bool:
    return any(p in _TOOL_DIRS for p in normalize_path(path).strip("/").split("/")[:-1])


@visitor(ast.Call, codes=(XFA611,))
def env_calls(node: ast.Call, ctx: Context) -> None:
    func = node.func
    if isinstance(func, ast.Attribute):
        if func.attr == "getenv":
            pass
        elif func.attr == "get" and (
            (isinstance(func.value, ast.Attribute) and func.value.attr == "environ")
            or (isinstance(func.value, ast.Name) and func.value.id == "environ")
        ):
            pass
        else:
            return
    elif isinstance(func, ast.Name):
        if func.id != "getenv":
            return
    else:
        return
    qualname = ctx.resolve(func)
    if qualname not in ("os.getenv", "os.environ.get") or not ctx.imported_from(func, "os"):
        return
    if _env_checked(ctx):
        ctx.report(node, XFA611, read=f"{qualname}()")


# -- XFA614 -------------------------------------------------------------------------------


def _caught_names(ctx: Context) -> set[str]:
    names: set[str] = set()
    for ancestor in reversed(ctx.ancestors):
        if isinstance(ancestor, ast.ExceptHandler) and ancestor.name:
            names.add(ancestor.name)
        elif isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            break
    return names


def _http_exception(node: ast.Call, ctx: Context) -> None:
    if _resolved_tail(ctx, node.func) != "HTTPException":
        return
    status_node = _kw(node, "status_code")
    if status_node is None and node.args:
        status_node = node.args[0]
    status = _status_literal(status_node) if status_node is not None else None
    if status is None or not 500 <= status <= 599:
        return
    detail = _kw(node, "detail")
    if detail is None and len(node.args) >= 2:
        detail = node.args[1]
    if detail is None:
        return
    names = _caught_names(ctx)
    if not names:
        return
    leaked = _detail_leak(detail, names)
    if leaked and not _signed_peer_only(ctx):
        ctx.report(node, XFA614, status=status, name=leaked)


_SIGNATURE_WORDS = frozenset({"signature", "sig", "hmac"})
_VERIFY_WORDS = frozenset({"verify", "validate", "check"})


def _signed_peer_only(ctx: Context) -> bool:
    """Before the ``try``, the function verifies the request's signature
    (``_verify_signature(path, digest, x_push_signature, ts)``, which answers 401 otherwise):
    the only caller that reads ``detail`` proved it holds the signing key — the backend that
    drives a sandbox sidecar, a webhook sender — so the error channel goes back to a trusted
    peer (seventh reading: onyx's sandbox daemon)."""
    frame = ctx.function
    if frame is None:
        return False
    body = getattr(frame.node, "body", [])
    anchor = next((a for a in ctx.ancestors if any(a is stmt for stmt in body)), None)
    if anchor is None:
        return False
    for stmt in body:
        if stmt is anchor:
            return False
        value = stmt.value if isinstance(stmt, (ast.Expr, ast.Assign, ast.AnnAssign)) else None
        if isinstance(value, ast.Await):
            value = value.value
        if isinstance(value, ast.Call):
            name = last_name(value.func) or ""
            words = set(name.lower().strip("_").split("_"))
            if words & _SIGNATURE_WORDS and words & _VERIFY_WORDS:
                return True
    return False


def _detail_leak(detail: ast.AST, names: set[str], depth: int = 0) -> str | None:
    if isinstance(detail, ast.Name) and detail.id in names:
        return detail.id
    if depth == 0:
        # one level into a dict literal or a wrapper call:
        # detail={"error": str(e)}, detail=ErrorResponse.respond(message=..., exception=str(e))
        parts: list[ast.AST] = []
        if isinstance(detail, ast.Dict):
            parts = [v for v in detail.values if v is not None]
        elif isinstance(detail, ast.Call) and not (
            isinstance(detail.func, ast.Name) and detail.func.id in ("str", "repr")
        ):
            args = detail.args[1:] if _is_lookup(detail) else detail.args  # ``MESSAGES.get(str(e), "...")``: a key
            parts = [*args, *(kw.value for kw in detail.keywords)]
        for part in parts:
            if isinstance(part, ast.Name):
                continue  # a bare name inside a structure may be anything (e.g. a message)
            leaked = _detail_leak(part, names, depth + 1)
            if leaked:
                return leaked
    if (
        isinstance(detail, ast.Call)
        and isinstance(detail.func, ast.Name)
        and detail.func.id in ("str", "repr")
        and detail.args
        and isinstance(detail.args[0], ast.Name)
        and detail.args[0].id in names
    ):
        return detail.args[0].id
    if isinstance(detail, ast.JoinedStr):
        for part in detail.values:
            if isinstance(part, ast.FormattedValue):
                inner = part.value
                if isinstance(inner, ast.Name) and inner.id in names:
                    return inner.id
                if (
                    isinstance(inner, ast.Call)
                    and isinstance(inner.func, ast.Name)
                    and inner.func.id in ("str", "repr")
                    and inner.args
                    and isinstance(inner.args[0], ast.Name)
                    and inner.args[0].id in names
                ):
                    return inner.args[0].id
    return None
