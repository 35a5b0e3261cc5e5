"""XFA605-XFA608: the CORS middleware: not outermost, a wildcard origin, a wildcard with
credentials, no ``max_age``; where the app's middleware are added."""

from __future__ import annotations

import ast

from ...context import Context, dotted_name, keyword
from ...registry import rule
from ._shared import (
    _APP_FACTORY_TAILS,
    APP_BINDINGS,
    APP_SETUP_CALLS,
    AppScope,
    CorsEntry,
    _branches,
    _function_never_answers,
    _has_splat,
    _in_dev_branch,
    _is_base_http,
    _is_cors,
    _is_cors_handler,
    _is_app,
    _is_app_factory,
    _is_middleware_wrapper,
    _is_true,
    _kw,
    _never_answers,
    _str,
    middleware_list,
)


XFA605 = rule(
    "XFA605",
    "cors-not-outermost",
    default=True,
    seeds=("002", "004"),
    message="{other} wraps CORSMiddleware ({why}), so its early responses and preflight rejections get no CORS headers",
    fix_hint="{fix}",
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
        "on `call_next`'s response or only wraps `send` — also a method of the server class that "
        "always returns `call_next`'s response, added as `self._app.middleware(\"http\")(self._audit)`.",
        "A later `add_middleware` (or an earlier list entry) whose class comes from a package "
        "outside the project other than Starlette and FastAPI (a third-party library, or a "
        "sibling package of a monorepo the project index does not cover: the tenth reading's "
        "OpenHands `enterprise/` importing `openhands.server.middleware`): nothing shows "
        "whether it answers requests itself. Starlette's own early answerers "
        "(`TrustedHostMiddleware`, `HTTPSRedirectMiddleware`) are still reported.",
    ),
)

XFA606 = rule(
    "XFA606",
    "cors-wildcard-origin",
    default=True,
    seeds=("004",),
    message='CORSMiddleware allows every origin (allow_origins=["*"])',
    fix_hint="list the exact front-end origins, e.g. allow_origins=settings.cors_origins",
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
    message="CORSMiddleware combines {wildcard} with allow_credentials=True, so it echoes the request's Origin and every site can make credentialed requests",
    fix_hint="list the exact origins in allow_origins when credentials are allowed",
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
    message="CORSMiddleware without max_age leaves the preflight cache time implicit (Starlette's default is 600 seconds)",
    fix_hint="set max_age= explicitly to the cache time you want (e.g. max_age=3600)",
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
APP_BINDINGS.used_by(XFA605, XFA606, XFA607, XFA608)  # reads the apps and middleware lists of app_assignments


_WILDCARD_REGEXES = frozenset({".*", "^.*$", "^.*", ".*$", ".+", "^.+$", "^.+", ".+$", "(.*)", "^(.*)$"})


def _wildcard_origins(node: ast.AST | None) -> bool:
    return isinstance(node, (ast.List, ast.Tuple, ast.Set)) and any(_str(e) == "*" for e in node.elts)


def _app_factory(node: ast.Call, ctx: Context) -> None:
    for kw in node.keywords:
        if kw.arg == "middleware":
            items = middleware_list(ctx, kw.value)
            if items is not None:
                _check_middleware_list(items, ctx)


def _check_middleware_list(items: list[ast.expr], ctx: Context) -> None:
    """In ``middleware=[...]`` the first entry is the outermost."""
    first: ast.Call | None = None
    for index, item in enumerate(items):
        if not (isinstance(item, ast.Call) and item.args and _is_middleware_wrapper(ctx, item)):
            if index == 0:
                return  # unknown first entry (starred, variable): order unknown
            continue
        if (
            first is None
            and not _is_cors_handler(ctx, item.args[0])
            and not _never_answers(ctx, item.args[0])
            and not _unknown_middleware(ctx, item.args[0])
        ):
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


def _exclusive(a: dict[int, str], b: dict[int, str]) -> bool:
    for key, branch in a.items():
        other = b.get(key)
        if other is not None and other != branch and "finalbody" not in (branch, other):
            return True
    return False


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
    branches = _branches(ctx)
    for entry in ctx.frame.state(AppScope).cors.get(key, []):
        if entry.reported or _exclusive(entry.branches, branches):
            continue
        entry.reported = True
        if entry.from_list:
            ctx.report(entry.node, XFA605, other=name, why=list_why, fix=list_fix)
        else:
            ctx.report(entry.node, XFA605, other=name, why=stack_why, fix=stack_fix)


def _add_middleware(node: ast.Call, receiver: ast.expr, ctx: Context) -> None:
    cls = node.args[0]
    is_cors = _is_cors(ctx, cls)
    if is_cors:
        _cors_options(node, ctx)
    key = dotted_name(receiver)
    if key is None:
        return
    stack = ctx.frame.state(AppScope).cors.setdefault(key, [])
    branches = _branches(ctx)
    if not is_cors:
        if _is_cors_handler(ctx, cls):
            return  # a CORS handler of its own may wrap CORSMiddleware
        if _never_answers(ctx, cls):
            return  # compresses, keeps state or sets headers: every response still passes CORS
        if _is_base_http(ctx, cls) and _function_never_answers(ctx, _kw(node, "dispatch")):
            return  # add_middleware(BaseHTTPMiddleware, dispatch=add_headers)
        if _unknown_middleware(ctx, cls):
            return  # a class of another package: whether it answers early cannot be told
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
        stack.append(CorsEntry(node, branches, from_list=False))


#: packages whose middleware classes this plugin knows (the ones that never answer are
#: listed in ``_NEVER_ANSWERS``; the others, such as TrustedHostMiddleware, answer early)
_KNOWN_MIDDLEWARE_PACKAGES = ("starlette.", "fastapi.")


def _unknown_middleware(ctx: Context, cls: ast.expr) -> bool:
    """``cls`` is a class imported from a package outside the project that is not
    Starlette's or FastAPI's (a sibling package of a monorepo the index does not cover, a
    third-party library): nothing shows whether it answers requests itself."""
    sym = ctx.symbol(cls)
    if sym is None or sym.kind != "external":
        return False
    qualname = ctx.resolve(cls) or ""
    return not qualname.startswith(_KNOWN_MIDDLEWARE_PACKAGES)


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


@APP_SETUP_CALLS.on(*_APP_FACTORY_TAILS, rules=(XFA605, XFA606, XFA607, XFA608))
def _app_factory_call(node: ast.Call, func: ast.expr, ctx: Context) -> None:
    if _is_app_factory(ctx, node):
        _app_factory(node, ctx)


@APP_SETUP_CALLS.on("add_middleware", rules=(XFA605, XFA606, XFA607, XFA608))
def _add_middleware_call(node: ast.Call, func: ast.expr, ctx: Context) -> None:
    if isinstance(func, ast.Attribute) and node.args and _is_app(ctx, func.value):
        _add_middleware(node, func.value, ctx)


@APP_SETUP_CALLS.on("Middleware", rules=(XFA605, XFA606, XFA607, XFA608))
def _middleware_wrapper_call(node: ast.Call, func: ast.expr, ctx: Context) -> None:
    if node.args and _is_middleware_wrapper(ctx, node) and _is_cors(ctx, node.args[0]):
        _cors_options(node, ctx)


@APP_SETUP_CALLS.on("CORSMiddleware", rules=(XFA605, XFA606, XFA607, XFA608))
def _cors_middleware_call(node: ast.Call, func: ast.expr, ctx: Context) -> None:
    if _is_cors(ctx, func) and node.args:  # CORSMiddleware(app, ...)
        _cors_options(node, ctx)
