"""XFA604: ``await call_next(request)`` in a middleware with no guard for what it raises."""

from __future__ import annotations

import ast

from ...context import Context, Frame
from ...registry import moved_off, rule, visitor
from ..observability.loggers import log_call
from ._shared import APP_BINDINGS, _middleware_kind, _resolved_tail


XFA604 = rule(
    "XFA604",
    "call-next-unguarded",
    default=False,
    precision=moved_off("6 of 7", reading="fifth", earlier="3 of 6"),
    seeds=("004",),
    message="`await {call_next}(...)` in middleware is not inside try, so the code after it is skipped when the route raises",
    fix_hint="wrap it in try/except (log the exception, then re-raise or return a 500) or move that work into finally, so failed requests get it too",
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
        "Work after `call_next` that runs only for a successful response (`if "
        "response.status_code < 400 and ...:`, `== 200`, `in (200, 201)`, `200 <= "
        "response.status_code < 300`) with no `else` doing other work, and locals computed "
        "only for it: a route that raises is meant to skip it (the eighth reading's InvokeAI "
        "sliding-window token refresh). A `logger.debug(...)` of plain values next to a header "
        "update in the same `if` goes with it (airweave's CORS middleware).",
        "Middleware of other frameworks: a class deriving a FastMCP `Middleware` (or any class "
        "imported from another framework), a `call_next` that takes a context "
        "(`on_message(self, context, call_next)`) rather than a Request.",
        "A failure callback handed off before `call_next`: a callable (`partial(...)`, a lambda, "
        "a function of the module) stored in a module `ContextVar` that another function of the "
        "module reads back (`.get()`), as an exception handler does for a request whose route "
        "raised. A `ContextVar` set to a plain value, or never read elsewhere, is no hand-off.",
    ),
)
APP_BINDINGS.used_by(XFA604)  # reads the apps and middleware lists of app_assignments


@visitor(ast.Await, codes=(XFA604,))
def unguarded_call_next(node: ast.Await, ctx: Context) -> None:
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
    while skipped < len(rest) and (
        _cookie_update(rest[skipped], response, ctx) or _success_only(rest[skipped], response, ctx)
    ):
        skipped += 1
    # locals computed only for what follows (``route_path = request.url.path...``
    # before a success-only ``if``): skipped with it when nothing else reads them
    while skipped < len(rest) and _local_for(rest[skipped], response):
        tail = skipped + 1
        while tail < len(rest) and _local_for(rest[tail], response):
            tail += 1
        end = tail
        while end < len(rest) and (_cookie_update(rest[end], response, ctx) or _success_only(rest[end], response, ctx)):
            end += 1
        if end == tail or not _reads_only_in(rest[skipped:tail], rest[tail:end], rest[end:]):
            break
        skipped = end
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
        # a debug line narrating the header update in the same block (``logger.debug("Added
        # CORS headers ...")``) goes with it: eighth reading, airweave's CORS middleware
        branches = [stmt.body, stmt.orelse]
        return (
            bool(stmt.body)
            and all(_cookie_update(s, response, ctx) or _narration(s, ctx) for s in [*stmt.body, *stmt.orelse])
            and all(not branch or any(_cookie_update(s, response, ctx) for s in branch) for branch in branches)
        )
    return False


_NARRATION_LEVELS = frozenset({"debug", "trace"})


def _narration(stmt: ast.AST, ctx: Context) -> bool:
    """``logger.debug(...)`` (or ``.trace``) of plain values: a line that only narrates the
    header or cookie update next to it."""
    if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)):
        return False
    call = stmt.value
    found = log_call(call, ctx)
    if found is None or found[0] not in _NARRATION_LEVELS:
        return False
    return all(_pure_value(a, ctx) for a in [*call.args, *(k.value for k in call.keywords)])


_SUCCESS_BOUNDS = {ast.Lt: (200, 400), ast.LtE: (199, 399)}


def _success_test(test: ast.AST, response: str) -> bool:
    """``test`` holds only for a successful response: ``response.status_code < 400``
    (``< 300``, ``<= 399``), ``== 200`` (any 2xx/3xx literal), ``in (200, 201)``,
    ``200 <= response.status_code < 300``, or an ``and`` one of whose operands is such a
    test."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return any(_success_test(v, response) for v in test.values)
    if not isinstance(test, ast.Compare):
        return False
    operands = [test.left, *test.comparators]
    for i, op in enumerate(test.ops):
        left, right = operands[i], operands[i + 1]
        if not _status_of(left, response):
            continue
        if isinstance(op, (ast.Lt, ast.LtE)) and isinstance(right, ast.Constant) and type(right.value) is int:
            low, high = _SUCCESS_BOUNDS[type(op)]
            if low < right.value <= high:
                return True
        if isinstance(op, ast.Eq) and isinstance(right, ast.Constant) and type(right.value) is int and 200 <= right.value < 400:
            return True
        if isinstance(op, ast.In) and isinstance(right, (ast.Tuple, ast.List, ast.Set)) and right.elts and all(
            isinstance(e, ast.Constant) and type(e.value) is int and 200 <= e.value < 400 for e in right.elts
        ):
            return True
    return False


def _status_of(expr: ast.AST, response: str) -> bool:
    """``expr`` is ``response.status_code``."""
    return (
        isinstance(expr, ast.Attribute)
        and expr.attr == "status_code"
        and isinstance(expr.value, ast.Name)
        and expr.value.id == response
    )


def _success_only(stmt: ast.AST, response: str, ctx: Context) -> bool:
    """An ``if`` that runs only for a successful response (``if response.status_code <
    400 and ...:``), with no ``else`` (or one that only updates headers or cookies): work
    meant for requests that succeeded, which a raising route skips on purpose (eighth
    reading: InvokeAI's sliding-window token refresh)."""
    return (
        isinstance(stmt, ast.If)
        and _success_test(stmt.test, response)
        and all(_cookie_update(s, response, ctx) for s in stmt.orelse)
    )


def _local_for(stmt: ast.AST, response: str) -> bool:
    """``name = <expression without await>``, a local other than the response."""
    return (
        isinstance(stmt, ast.Assign)
        and len(stmt.targets) == 1
        and isinstance(stmt.targets[0], ast.Name)
        and stmt.targets[0].id != response
        and not any(isinstance(n, (ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr)) for n in ast.walk(stmt.value))
    )


def _reads_only_in(locals_: list[ast.AST], users: list[ast.AST], after: list[ast.AST]) -> bool:
    """Each name ``locals_`` assign is read in ``users`` and not in ``after``: computed
    only for the skipped work."""
    for stmt in locals_:
        name = stmt.targets[0].id  # type: ignore[attr-defined]
        if not _reads(users, name) or _reads(after, name):
            return False
    return True


def _reads(block: list[ast.AST], name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load) for s in block for n in ast.walk(s))


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
