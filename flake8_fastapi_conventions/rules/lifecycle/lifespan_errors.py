"""XFA602: a lifespan that catches a start-up error and goes on serving."""

from __future__ import annotations

import ast
import re

from ... import lazy_re
from ...context import comment_of, Context, last_name
from ...registry import moved_off, rule, visitor
from ._shared import APP_BINDINGS, APP_SETUP_CALLS, _lifespan_names, _positional, _resolved_tail


XFA602 = rule(
    "XFA602",
    "lifespan-swallows-errors",
    default=False,
    precision=moved_off("2 of 4", reading="eighth", earlier="4 of 8", pooled_over="third, fifth and seventh readings"),
    seeds=("002",),
    message="lifespan start-up swallows {exception}",
    fix_hint="re-raise it (`raise`) so a failed start-up stops the app instead of serving without the resource",
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
APP_BINDINGS.used_by(XFA602)  # reads the apps and middleware lists of app_assignments
APP_SETUP_CALLS.used_by(XFA602)  # reads the FastAPI(lifespan=...) names the app's calls give


_LOG_ATTRS = frozenset(
    {
        "debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log",
        "print_exc", "print_exception", "capture_exception", "capture_message", "msg",
    }
)


class StartupErrors:
    """Per function: its first ``yield`` and the ``except`` blocks before it that swallow an
    error, ``(handler, what it catches)``."""

    __slots__ = ("first_yield", "swallowed")

    def __init__(self) -> None:
        self.first_yield: ast.AST | None = None
        self.swallowed: list[tuple[ast.ExceptHandler, str]] = []


class LifespanCandidates:
    """Per file: functions that swallow start-up errors and are lifespans if the app is given
    them later (``FastAPI(lifespan=name)``), ``(name, swallowed)``."""

    __slots__ = ("functions",)

    def __init__(self) -> None:
        self.functions: list[tuple[str, list[tuple[ast.ExceptHandler, str]]]] = []


@visitor(ast.Yield, ast.YieldFrom, codes=(XFA602,))
def lifespan_yields(node: ast.AST, ctx: Context) -> None:
    frame = ctx.frame
    if frame.kind == "function":
        errors = frame.state(StartupErrors)
        if errors.first_yield is None:
            errors.first_yield = node


@visitor(ast.ExceptHandler, codes=(XFA602,))
def swallowed_startup_errors(node: ast.ExceptHandler, ctx: Context) -> None:
    if ctx.is_test:
        return
    frame = ctx.frame
    if frame.kind != "function" or not frame.is_async or frame.state(StartupErrors).first_yield is not None:
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
    frame.state(StartupErrors).swallowed.append((node, exception))


@visitor(ast.FunctionDef, ast.AsyncFunctionDef, leave=True, codes=(XFA602,))
def lifespan_when_complete(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    frame = ctx.frame
    if frame.node is not node:
        return
    errors = frame.states.get(StartupErrors)
    if errors is None or not errors.swallowed or errors.first_yield is None:
        return
    before = [(h, e) for h, e in errors.swallowed if h.lineno < errors.first_yield.lineno]  # type: ignore[attr-defined]
    if not before:
        return
    if any(_is_asynccontextmanager(ctx, d) for d in node.decorator_list) and _takes_app(ctx, node):
        for handler, exception in before:
            ctx.report(handler, XFA602, exception=exception)
    else:
        ctx.state(LifespanCandidates).functions.append((node.name, before))


@visitor(ast.Module, leave=True, codes=(XFA602,))
def lifespans_registered_later(node: ast.Module, ctx: Context) -> None:
    """A function given to ``FastAPI(lifespan=...)`` after it was defined."""
    names = _lifespan_names(ctx)
    if names:
        for name, handlers in ctx.state(LifespanCandidates).functions:
            if name in names:
                for handler, exception in handlers:
                    ctx.report(handler, XFA602, exception=exception)


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
