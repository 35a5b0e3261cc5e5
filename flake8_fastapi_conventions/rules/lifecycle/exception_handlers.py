"""XFA613, XFA614: an exception handler or an ``HTTPException`` that sends the exception's
text to the client; the handlers' findings reported once the function or the module is
complete."""

from __future__ import annotations

import ast

from ...context import Context, FUNCTION_TYPES, last_name
from ...registry import back_on, rule, visitor
from ._shared import (
    _APP_FACTORY_TAILS,
    APP_BINDINGS,
    APP_SETUP_CALLS,
    _decorated_handlers,
    _is_app,
    _is_app_factory,
    _has_splat,
    _kw,
    _positional,
    _resolved_tail,
)


XFA613 = rule(
    "XFA613",
    "exception-handler-leaks",
    default=True,
    seeds=("002", "004"),
    message="exception handler {handler}() {problem}",
    fix_hint="{fix}",
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
APP_BINDINGS.used_by(XFA613)  # reads the apps and middleware lists of app_assignments

XFA614 = rule(
    "XFA614",
    "internal-error-detail",
    default=True,
    precision=back_on("20 of 20", reading="twelfth"),
    seeds=("004",),
    message="HTTPException({status}) puts the caught exception {name!r} into detail",
    fix_hint='log it with logger.exception(...) and return a generic detail such as "Internal server error"',
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


_RESPONSE_TAILS = frozenset(
    {"JSONResponse", "ORJSONResponse", "UJSONResponse", "Response", "PlainTextResponse", "HTMLResponse"}
)


class HandlerReturns:
    """Per function: the response constructions it returns (``return JSONResponse(...)``
    and the branches of a ``return a or b`` / ``return a if c else b``)."""

    __slots__ = ("responses",)

    def __init__(self) -> None:
        self.responses: list[ast.Call] = []


def _registered_handlers(ctx: Context) -> dict[str, list[ast.expr]]:
    return ctx.memo("xfa6_registered_handlers", dict)


def _handler_candidates(ctx: Context) -> list[tuple[ast.AST, list[ast.Call]]]:
    return ctx.memo("xfa6_handler_candidates", list)


def _register_handler(ctx: Context, name: str, exc_type: ast.expr) -> None:
    _registered_handlers(ctx).setdefault(name, []).append(exc_type)


@visitor(ast.FunctionDef, ast.AsyncFunctionDef, codes=(XFA613,))
def exception_handler_decorators(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    """``@app.exception_handler(X)`` registers the function for ``X``."""
    if ctx.is_test or not node.decorator_list:
        return
    for dec in node.decorator_list:
        if (
            isinstance(dec, ast.Call)
            and isinstance(dec.func, ast.Attribute)
            and dec.func.attr == "exception_handler"
            and dec.args
            and _is_app(ctx, dec.func.value)
        ):
            _decorated_handlers(ctx).setdefault(id(node), []).append(dec.args[0])


@visitor(ast.FunctionDef, ast.AsyncFunctionDef, leave=True, codes=(XFA613,))
def handlers_when_complete(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    frame = ctx.frame
    if frame.node is not node:
        return
    found = frame.states.get(HandlerReturns)
    returns = found.responses if found is not None else None
    if returns:
        exc_types = _decorated_handlers(ctx).get(id(node))
        if exc_types is not None:
            _check_handler(ctx, node, returns, exc_types)
        else:
            _handler_candidates(ctx).append((node, returns))


@visitor(ast.Return, codes=(XFA613,))
def handler_responses(node: ast.Return, ctx: Context) -> None:
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
            frame.state(HandlerReturns).responses.append(candidate)


@visitor(ast.Module, leave=True, codes=(XFA613,))
def handlers_registered_later(node: ast.Module, ctx: Context) -> None:
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
        from http import HTTPStatus  # here: the enum costs every flake8 run 0.4 ms to import

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


@APP_SETUP_CALLS.on("HTTPException", rules=(XFA613, XFA614))
def _http_exception_call(node: ast.Call, func: ast.expr, ctx: Context) -> None:
    _http_exception(node, ctx)


@APP_SETUP_CALLS.on("add_exception_handler", rules=(XFA613, XFA614))
def _exception_handler_added(node: ast.Call, func: ast.expr, ctx: Context) -> None:
    if isinstance(func, ast.Attribute) and len(node.args) >= 2 and _is_app(ctx, func.value):
        handler = node.args[1]
        if isinstance(handler, ast.Name):
            _register_handler(ctx, handler.id, node.args[0])


@APP_SETUP_CALLS.on(*_APP_FACTORY_TAILS, rules=(XFA613, XFA614))
def _exception_handlers_argument(node: ast.Call, func: ast.expr, ctx: Context) -> None:
    """``FastAPI(exception_handlers={X: handler})`` registers ``handler``."""
    if not _is_app_factory(ctx, node):
        return
    for kw in node.keywords:
        if kw.arg == "exception_handlers" and isinstance(kw.value, ast.Dict):
            for key, value in zip(kw.value.keys, kw.value.values):
                if key is not None and isinstance(value, ast.Name):
                    _register_handler(ctx, value.id, key)
