"""XFA8xx: logging and observability.

The logging rules need to know which names are loggers, and which kind:

* ``stdlib``: ``logging.getLogger(...)`` results (module level, class attributes,
  ``self.<attr>`` assigned in a method, function locals, parameters annotated
  ``logging.Logger``), the ``logging`` module itself (``logging.info(...)``) and names
  bound to one of those;
* ``other``: ``structlog``/``loguru`` loggers, whose methods take keyword arguments and
  format differently;
* unknown (``None``): anything whose origin this file does not show, e.g. a ``logger``
  imported from a project module or a name that is bound nowhere in this file.

The stdlib-only rules (XFA801, XFA802, XFA803, XFA807) fire on ``stdlib`` only.
"""

from __future__ import annotations

import ast
import re

from ..context import FUNCTION_TYPES, SCOPE_TYPES, Context, keyword, string_value, is_main_test
from ..registry import rule, visitor

STDLIB = "stdlib"
OTHER = "other"

LOG_METHODS = frozenset(
    {"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log"}
)
#: keyword arguments the stdlib ``Logger._log`` accepts
STDLIB_LOG_KWARGS = frozenset({"exc_info", "stack_info", "stacklevel", "extra"})
#: names that read as "this module's logger" (XFA803) or as some logger (XFA806/XFA908)
LOGGER_NAMES = frozenset(
    {"logger", "log", "_logger", "_log", "LOGGER", "LOG", "_LOGGER", "_LOG", "logging_logger"}
)
_OTHER_LOGGER_MODULES = ("structlog", "loguru", "logbook", "eliot")
_UNBOUND = object()


# -- which names are loggers ------------------------------------------------------------


def kind_of_value(value: ast.AST | None, ctx: Context, depth: int = 0) -> str | None:
    """The logger kind an expression evaluates to (``stdlib``, ``other`` or ``None``)."""
    if value is None or depth > 5:
        return None
    if isinstance(value, ast.Call):
        func = value.func
        callee = ctx.resolve(func)
        if callee is not None:
            if callee in ("logging.getLogger", "logging.getLoggerClass") and ctx.imported_from(func, "logging"):
                return STDLIB if callee == "logging.getLogger" else None
            head = callee.split(".", 1)[0]
            if head in _OTHER_LOGGER_MODULES and ctx.imported_from(func, head):
                return OTHER
        if isinstance(func, ast.Attribute):
            base = kind_of(func.value, ctx, depth + 1)
            if func.attr == "getChild" and base == STDLIB:
                return STDLIB
            if base == OTHER and func.attr in ("bind", "new", "opt", "patch", "contextualize"):
                return OTHER
        return None
    if isinstance(value, (ast.Name, ast.Attribute)):
        if isinstance(value, ast.Attribute) and ctx.resolve(value) == "logging.root" and ctx.imported_from(value, "logging"):
            return STDLIB
        return kind_of(value, ctx, depth + 1)
    return None


def kind_of(expr: ast.AST, ctx: Context, depth: int = 0) -> str | None:
    """The logger kind of the receiver of ``<expr>.info(...)``."""
    if depth > 5:
        return None
    if isinstance(expr, ast.Name):
        return _name_kind(expr.id, ctx, depth)
    if isinstance(expr, ast.Call):
        return kind_of_value(expr, ctx, depth)
    if isinstance(expr, ast.Attribute):
        value = expr.value
        if isinstance(value, ast.Name) and value.id in ("self", "cls"):
            cls = _enclosing_class(ctx)
            if cls is None:
                return None
            return _class_attrs(cls, ctx).get(expr.attr)
        if isinstance(value, ast.Name) and value.id in ctx.classes and value.id not in ctx.imports:
            return _class_attrs(ctx.classes[value.id], ctx).get(expr.attr)
        qualname = ctx.resolve(expr)
        if qualname is not None:
            head = qualname.split(".", 1)[0]
            if head in ("structlog", "loguru") and ctx.imported_from(expr, head):
                return OTHER
        return None
    return None


def _name_kind(name: str, ctx: Context, depth: int) -> str | None:
    # innermost function scopes first: a local assignment or a parameter shadows
    for frame in reversed(ctx.frames):
        if frame.kind == "class":
            continue
        if frame.kind == "module":
            break
        bound = frame.data.get("xfa8_bindings", {}).get(name, _UNBOUND)
        if bound is not _UNBOUND:
            return kind_of_value(bound, ctx, depth + 1)  # type: ignore[arg-type]
        if name in frame.params:
            annotation = frame.params[name]
            if annotation is None:
                return None
            qualname = ctx.resolve(ctx.unwrap_annotation(annotation)[0]) or ""
            if qualname in ("logging.Logger", "logging.RootLogger"):
                return STDLIB
            if qualname.split(".", 1)[0] in _OTHER_LOGGER_MODULES:
                return OTHER
            return None
    qualname = ctx.imports.get(name)
    if qualname is not None:
        if qualname == "logging":
            return STDLIB
        if qualname == "logging.root":
            return STDLIB
        if qualname.split(".", 1)[0] in _OTHER_LOGGER_MODULES:
            return OTHER
        return None  # imported from elsewhere: origin not shown here
    if name in ctx.functions or name in ctx.classes:
        return None
    value = ctx.assignments.get(name)
    if value is None:
        return None  # bound nowhere in this file (star import, builtins, typo)
    return kind_of_value(value, ctx, depth + 1)


def _class_attrs(cls: ast.ClassDef, ctx: Context) -> dict[str, str | None]:
    """``_class_logger_attrs`` once per class; an empty placeholder while it is being
    computed, so that ``self.a = self.a.bind()`` does not recurse."""
    cache = ctx.frames[0].data.setdefault("xfa8_class_attrs", {})
    found = cache.get(id(cls))
    if found is None:
        cache[id(cls)] = {}
        found = cache[id(cls)] = _class_logger_attrs(cls, ctx)
    return found


def _enclosing_class(ctx: Context) -> ast.ClassDef | None:
    for frame in reversed(ctx.frames):
        if frame.kind == "class":
            return frame.node  # type: ignore[return-value]
    return None


def _class_logger_attrs(cls: ast.ClassDef, ctx: Context) -> dict[str, str | None]:
    """``attr -> kind`` of the class attributes and ``self.<attr>`` assignments of ``cls``."""
    found: dict[str, set[str | None]] = {}
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    found.setdefault(target.id, set()).add(kind_of_value(stmt.value, ctx, 1))
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            found.setdefault(stmt.target.id, set()).add(kind_of_value(stmt.value, ctx, 1))
        elif isinstance(stmt, FUNCTION_TYPES):
            for node in ast.walk(stmt):
                if isinstance(node, ast.Assign):
                    targets = node.targets
                    value = node.value
                elif isinstance(node, ast.AnnAssign) and node.value is not None:
                    targets = [node.target]
                    value = node.value
                else:
                    continue
                for target in targets:
                    if (
                        isinstance(target, ast.Attribute)
                        and isinstance(target.value, ast.Name)
                        and target.value.id in ("self", "cls")
                    ):
                        kind = _self_value_kind(value, stmt, ctx)
                        found.setdefault(target.attr, set()).add(kind)
    return {attr: (kinds.pop() if len(kinds) == 1 else None) for attr, kinds in found.items()}


def _self_value_kind(value: ast.expr, method: ast.AST, ctx: Context) -> str | None:
    # ``self.logger = logger`` where ``logger`` is a parameter of the method: unknown
    if isinstance(value, ast.Name):
        args = method.args  # type: ignore[attr-defined]
        for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
            if arg.arg == value.id:
                if arg.annotation is None:
                    return None
                qualname = ctx.resolve(ctx.unwrap_annotation(arg.annotation)[0]) or ""
                return STDLIB if qualname in ("logging.Logger", "logging.RootLogger") else None
    return kind_of_value(value, ctx, 1)


@visitor(ast.Assign, ast.AnnAssign)
def record_local_bindings(node: ast.Assign | ast.AnnAssign, ctx: Context) -> None:
    """Names a function binds: ``log = logging.getLogger(...)`` inside a def."""
    frame = ctx.frame
    if frame.kind not in ("function", "lambda"):
        return
    if isinstance(node, ast.Assign):
        targets = node.targets
    else:
        if node.value is None:
            return
        targets = [node.target]
    for target in targets:
        if isinstance(target, ast.Name):
            # the value node; its logger kind is worked out only when a log call asks
            frame.data.setdefault("xfa8_bindings", {})[target.id] = node.value


def log_call(node: ast.Call, ctx: Context) -> tuple[str, str | None] | None:
    """``(method, kind)`` when ``node`` is ``<logger>.<log method>(...)``; kind may be
    ``None`` (a logger-named receiver of unknown origin)."""
    func = node.func
    if not isinstance(func, ast.Attribute) or func.attr not in LOG_METHODS:
        return None
    kind = kind_of(func.value, ctx)
    if kind is None:
        receiver = func.value
        name = receiver.id if isinstance(receiver, ast.Name) else receiver.attr if isinstance(receiver, ast.Attribute) else None
        if isinstance(receiver, ast.Name) and name in ctx.imports:
            name = ctx.imports[name].rsplit(".", 1)[-1]  # ``from app.log import logger as app_log``
        if name not in LOGGER_NAMES:
            return None
        if isinstance(receiver, ast.Name) and _shown_not_logger(receiver.id, ctx):
            return None
    return func.attr, kind


def _shown_not_logger(name: str, ctx: Context) -> bool:
    """This file binds ``name`` to something that is not a logger we know."""
    for frame in reversed(ctx.frames):
        if frame.kind in ("function", "lambda"):
            if name in frame.data.get("xfa8_bindings", {}):
                return True
            if name in frame.params:
                return frame.params[name] is not None
    if name in ctx.functions or name in ctx.classes:
        return True
    return name in ctx.assignments and name not in ctx.imports


def message_arg(node: ast.Call, method: str) -> ast.expr | None:
    """The message argument of a log call (the second one of ``log(level, msg)``)."""
    index = 1 if method == "log" else 0
    if len(node.args) > index:
        arg = node.args[index]
        return None if isinstance(arg, ast.Starred) else arg
    for kw in node.keywords:
        if kw.arg == "msg":
            return kw.value
    return None


# -- rules ----------------------------------------------------------------------------

XFA801 = rule(
    "XFA801",
    "log-message-formatting",
    default=True,
    seeds=("001",),
    message="log message built with {how}; pass a constant message and the values in extra={{...}} (or as %-style arguments)",
    what="""
        Reports a stdlib logger call (`logger.debug/info/warning/error/exception/critical/log`,
        or `logging.info(...)` on the module) whose message is an f-string, a `%`-formatted
        string, a `.format()`-ed string or a string built with `+`.
    """,
    why="""
        Seed 001 marks it CRITICAL: "Pass structured context via `extra={}` dict—never
        f-strings": a formatted message loses the structured data (every log line is a
        different string, so it cannot be grouped or queried), and it is formatted even
        when the level is disabled.
    """,
    bad="""
        import logging

        logger = logging.getLogger(__name__)

        def create_user(user_id: int) -> None:
            logger.info(f"User {user_id} created")
    """,
    good="""
        import logging

        logger = logging.getLogger(__name__)

        def create_user(user_id: int) -> None:
            logger.info("user.created", extra={"user_id": user_id})
    """,
    not_flagged=(
        "Constant messages, with or without `%`-style lazy arguments (`logger.info(\"x %s\", y)`).",
        "f-strings without any `{}` placeholder (they are constants).",
        "structlog and loguru loggers, and loggers whose origin this file does not show.",
    ),
    fix="unsafe",
)

XFA802 = rule(
    "XFA802",
    "log-kwargs-not-extra",
    default=True,
    seeds=("001",),
    message="stdlib logger call with keyword argument(s) {names}, which logging rejects with TypeError at run time; put them in extra={{...}}",
    what="""
        Reports a stdlib logger call with keyword arguments other than `exc_info`,
        `stack_info`, `stacklevel` and `extra` (structlog style).
    """,
    why="""
        `logging.Logger.info("user.created", user_id=1)` raises `TypeError: _log() got an
        unexpected keyword argument 'user_id'` — and only when the line runs, often in an
        error path. Seed 001: "keyword args (that's structlog, not stdlib)"; pass them in
        `extra={}`.
    """,
    bad="""
        import logging

        logger = logging.getLogger(__name__)

        def create_user(user_id: int) -> None:
            logger.info("user.created", user_id=user_id)
    """,
    good="""
        import logging

        logger = logging.getLogger(__name__)

        def create_user(user_id: int) -> None:
            logger.info("user.created", extra={"user_id": user_id})
    """,
    not_flagged=(
        "Loggers from `structlog.get_logger()` or `loguru` in this file, which take keyword arguments.",
        "A logger whose origin this file does not show (e.g. imported from a project module).",
        "`**kwargs` splats (their keys are not known).",
    ),
)

XFA803 = rule(
    "XFA803",
    "logger-not-module-name",
    default=True,
    seeds=("001",),
    message="module logger named {what}; use logging.getLogger(__name__)",
    what="""
        Reports a module-level `logger = logging.getLogger()` (the root logger), or
        `logging.getLogger("some.name")`/`logging.getLogger(__file__)`, assigned to a
        module logger name (`logger`, `log`, `LOGGER`, `_logger`, ...) in a library module.
    """,
    why="""
        Seed 001: "Declare a module-level logger via stdlib: `logger =
        logging.getLogger(__name__)`". The module name puts the logger in the package
        hierarchy, so levels and handlers can be configured per package and every record
        says where it came from; a hand-written string drifts when modules move, and
        the root logger bypasses that configuration.
    """,
    bad="""
        import logging

        logger = logging.getLogger("users")
    """,
    good="""
        import logging

        logger = logging.getLogger(__name__)
    """,
    not_flagged=(
        "`getLogger(\"uvicorn.error\")` and other named loggers inside functions that configure logging.",
        "A literal naming a package the file sits in (`getLogger(\"fastapi\")` in `fastapi/logger.py`).",
        "Module-level configuration of other libraries' loggers: `logging.getLogger(\"sqlalchemy\").setLevel(...)`, `uvicorn_logger = logging.getLogger(\"uvicorn\")`.",
        "Tests, scripts, `__main__.py` and `if __name__ == \"__main__\":` blocks.",
        "The root logger bound and configured at module level (`logger = logging.getLogger()` then "
        "`logger.setLevel(...)`/`addHandler(...)`): an entry point (e.g. an AWS Lambda handler) setting up logging.",
    ),
)

XFA804 = rule(
    "XFA804",
    "error-log-in-except",
    default=True,
    seeds=("001",),
    message="logger.error() in an except block drops the traceback; use logger.exception(...)",
    what="""
        Reports `logger.error(...)` directly in the body of an `except` block without an
        `exc_info=` argument.
    """,
    why="""
        Seed 001: "Use `logger.exception()` in except blocks—auto-includes traceback".
        `logger.error` records only the message, so the stack trace that explains the
        failure is lost.
    """,
    bad="""
        import logging

        logger = logging.getLogger(__name__)

        def charge(order_id: int) -> None:
            try:
                submit(order_id)
            except ValueError:
                logger.error("payment.failed", extra={"order_id": order_id})
    """,
    good="""
        import logging

        logger = logging.getLogger(__name__)

        def charge(order_id: int) -> None:
            try:
                submit(order_id)
            except ValueError:
                logger.exception("payment.failed", extra={"order_id": order_id})
    """,
    not_flagged=(
        "`logger.error(..., exc_info=True)` (or any `exc_info=` value).",
        "`logger.error` in a function nested inside the except block, or outside except blocks.",
        "Loggers whose origin this file does not show.",
        "A message that already carries the traceback (`traceback.format_exc()`, `format_exception(...)`).",
    ),
    fix="safe",
)

XFA805 = rule(
    "XFA805",
    "print-in-app-code",
    default=True,
    seeds=("004",),
    message="print() in application code is not leveled, filtered or structured; use a logger: logger.info(...)",
    what="""
        Reports a call of the builtin `print(...)` in application code.
    """,
    why="""
        Seed 004: "Using print() instead of proper structured logging. Print statements are
        not filterable, not leveled, and get lost in production."
    """,
    bad="""
        def create_user(name: str) -> None:
            print("creating user", name)
    """,
    good="""
        import logging

        logger = logging.getLogger(__name__)

        def create_user(name: str) -> None:
            logger.info("user.creating", extra={"name": name})
    """,
    not_flagged=(
        "Tests and scripts (by path), `__main__.py`, `if __name__ == \"__main__\":` blocks, Alembic migrations (files importing `alembic`).",
        "Calls at module level, outside any function or class (they run at import time, like a script or a tutorial module).",
        "CLI modules: files named `cli.py`/`commands.py`/`manage.py` or under `cli/`/`commands/`, files that import `typer`, `click`, `argparse` or `fire`, files that have an `if __name__ == \"__main__\":` block, and files that `print(..., file=sys.stderr)` (a command's implementation talking to the terminal).",
        "A `print` this file defines or imports (e.g. `from rich import print`).",
    ),
)

XFA806 = rule(
    "XFA806",
    "sensitive-data-logged",
    default=True,
    seeds=("004",),
    message="log call includes {name}, which looks like a secret; log an identifier or a masked value instead",
    what="""
        Reports a logger call whose arguments — positional values, values interpolated into
        an f-string, `%` or `.format()` message, keyword values, or `extra` keys — name a
        password, token, secret, authorization header, API key, credit card or SSN
        (`password`, `user.password`, `access_token`, `headers["Authorization"]`,
        `extra={"api_key": ...}`).
    """,
    why="""
        Seed 004: "Logging sensitive data (passwords, tokens, PII, full request bodies with
        credentials). Scrub or mask sensitive fields before logging." Log aggregators keep
        data for a long time and many people can read them.
    """,
    bad="""
        import logging

        logger = logging.getLogger(__name__)

        def login(username: str, password: str) -> None:
            logger.info("auth.login", extra={"username": username, "password": password})
    """,
    good="""
        import logging

        logger = logging.getLogger(__name__)

        def login(username: str, password: str) -> None:
            logger.info("auth.login", extra={"username": username})
    """,
    not_flagged=(
        "Names about a secret that are not the secret: `token_type`, `token_expires_at`, `password_reset_url`, `max_tokens`.",
        "Values passed through a call (`mask(token)`, `len(password)`) or sliced (`token[:6]`).",
        "Words inside the constant message text.",
    ),
)

XFA807 = rule(
    "XFA807",
    "log-event-name",
    default=False,
    seeds=("001",),
    message="log message {msg!r} is not a dot-notation event name; use an event name such as 'user.created' and pass data in extra={{...}}",
    what="""
        Reports a stdlib logger call whose constant message is not a dot-notation event
        name (`domain.action`, matching `^[a-z_]+(\\.[a-z_]+)+$`).
    """,
    why="""
        Seed 001: "First argument is an **event name** (dot-notation: `domain.action`), not
        a sentence" — event names can be counted, grouped and alerted on.
    """,
    bad="""
        import logging

        logger = logging.getLogger(__name__)

        def create_user(user_id: int) -> None:
            logger.info("User created", extra={"user_id": user_id})
    """,
    good="""
        import logging

        logger = logging.getLogger(__name__)

        def create_user(user_id: int) -> None:
            logger.info("user.created", extra={"user_id": user_id})
    """,
    not_flagged=(
        "Messages that are not constants (XFA801 covers formatted ones).",
        "structlog/loguru loggers and loggers of unknown origin.",
    ),
)

XFA808 = rule(
    "XFA808",
    "blocking-log-handler",
    default=False,
    seeds=("004",),
    message="{handler} writes to disk on the event loop thread; attach a QueueHandler and let a QueueListener own the file handler",
    what="""
        Reports `logging.FileHandler`, `logging.handlers.RotatingFileHandler`,
        `TimedRotatingFileHandler` and `WatchedFileHandler` constructed in application code,
        and the same class names as `"class"` values of a `dictConfig` dictionary.
    """,
    why="""
        Seed 004: "Using blocking file I/O handlers for logging in async applications. Use
        QueueHandler or async-safe logging libraries to avoid stalling the event loop."
        Every log call in a coroutine then waits for the disk.
    """,
    bad="""
        import logging

        handler = logging.FileHandler("app.log")
        logging.getLogger().addHandler(handler)
    """,
    good="""
        import logging
        import logging.handlers
        import queue

        log_queue: queue.Queue = queue.Queue(-1)
        listener = logging.handlers.QueueListener(log_queue, logging.FileHandler("app.log"))
        logging.getLogger().addHandler(logging.handlers.QueueHandler(log_queue))
    """,
    not_flagged=(
        "Files that also set up a `QueueHandler` or `QueueListener` (the file handler is behind the queue).",
        "Tests and scripts.",
    ),
)

XFA809 = rule(
    "XFA809",
    "swallowed-exception",
    default=True,
    seeds=("000",),
    message="exception swallowed with '{body}' and no comment; handle or log it, or say why it is safe to ignore in a comment (or use contextlib.suppress(...))",
    what="""
        Reports an `except` (or `except*`) block whose body is only `pass` or `...`, with no
        comment on the `except` line, the `pass` line or a line between them.
    """,
    why="""
        Seed 000 lists `except SomeError: pass` among the things not to do: the error
        disappears, and the next reader cannot tell whether that was intended.
    """,
    bad="""
        def cleanup(path: str) -> None:
            try:
                remove(path)
            except OSError:
                pass
    """,
    good="""
        import contextlib

        def cleanup(path: str) -> None:
            with contextlib.suppress(FileNotFoundError):
                remove(path)
    """,
    not_flagged=(
        "Handlers that do anything else: `except asyncio.CancelledError: raise`, logging, returning.",
        "`contextlib.suppress(...)`, which states the intent.",
        "A comment on the `except` line, the `pass` line or between them.",
        "`except ImportError`/`ModuleNotFoundError` (the optional-import idiom).",
        "A `try` with an `else:` block (`try: x = d[k]` / `except KeyError: pass` / `else: use(x)`): the else states the intent.",
        "`except asyncio.CancelledError: pass` after a `try` whose body only awaits (awaiting a task just cancelled).",
    ),
)

XFA810 = rule(
    "XFA810",
    "raise-without-from",
    default=True,
    seeds=("001",),
    message="new exception raised inside 'except ... as {name}' without a cause; add 'from {name}' (or 'from None' to hide it on purpose)",
    what="""
        Reports `raise NewError(...)` (or `raise NewError`) inside an `except ... as e:`
        block without `from e` / `from None`.
    """,
    why="""
        Seed 001: "catch specific exceptions and chain with `from`". `from e` keeps the
        original error as the explicit cause in the traceback ("The above exception was
        the direct cause of..."); without it the report reads as a second failure during
        error handling.
    """,
    bad="""
        class ExternalServiceError(Exception):
            pass

        def fetch(client, url: str) -> bytes:
            try:
                return client.get(url)
            except TimeoutError as e:
                raise ExternalServiceError("upstream timed out")
    """,
    good="""
        class ExternalServiceError(Exception):
            pass

        def fetch(client, url: str) -> bytes:
            try:
                return client.get(url)
            except TimeoutError as e:
                raise ExternalServiceError("upstream timed out") from e
    """,
    not_flagged=(
        "Bare `raise`, and re-raising the caught name (`raise e`, `raise e.with_traceback(tb)`).",
        "`raise ... from e`, `raise ... from None` or any other cause.",
        "`except` blocks without `as name`, and raises in functions nested in the block.",
        "Raising a lower-case name (`raise error`): it may hold the caught exception.",
        "CLI exit signals (`typer.Exit(1)`, `click.Abort()`, `cappa.Exit(...)`, `SystemExit`): they end "
        "the command with a status and print no traceback.",
    ),
    fix="unsafe",
)


# -- XFA801, XFA802, XFA804, XFA806, XFA807 ---------------------------------------------------

_METHOD_KWARGS = STDLIB_LOG_KWARGS | {"msg"}
_LOG_KWARGS = _METHOD_KWARGS | {"level"}
_EVENT_NAME = re.compile(r"^[a-z_]+(\.[a-z_]+)+$")


@visitor(ast.Call, codes=(XFA801, XFA802, XFA804, XFA806, XFA807))
def logger_calls(node: ast.Call, ctx: Context) -> None:
    func = node.func
    if not isinstance(func, ast.Attribute) or func.attr not in LOG_METHODS:
        return
    found = log_call(node, ctx)
    if found is None:
        return
    method, kind = found
    msg = message_arg(node, method)
    if kind == STDLIB:
        how = _formatting(msg)
        if how is not None:
            ctx.report(node, XFA801, how=how)
        allowed = _LOG_KWARGS if method == "log" else _METHOD_KWARGS
        bad = [kw for kw in node.keywords if kw.arg is not None and kw.arg not in allowed]
        if bad:
            ctx.report(bad[0], XFA802, names=", ".join(f"{kw.arg}=" for kw in bad))
        text = string_value(msg)
        if text is not None and not _EVENT_NAME.match(text):
            shown = text if len(text) <= 40 else text[:37] + "..."
            ctx.report(msg, XFA807, msg=shown)  # type: ignore[arg-type]
    if (
        method == "error"
        and kind is not None
        and keyword(node, "exc_info") is None
        and not any(kw.arg is None for kw in node.keywords)
        and ctx.in_body_of((ast.ExceptHandler,), ("body",))
        and not _formats_traceback(node, ctx)
    ):
        ctx.report(node, XFA804)
    if ctx.wants(XFA806):
        secret = _secret_in_log_call(node, msg)
        if secret is not None:
            ctx.report(node, XFA806, name=secret)


def _formatting(msg: ast.expr | None) -> str | None:
    if isinstance(msg, ast.JoinedStr):
        if any(isinstance(v, ast.FormattedValue) for v in msg.values):
            return "an f-string"
        return None
    if isinstance(msg, ast.BinOp):
        if isinstance(msg.op, ast.Mod) and _is_str(msg.left):
            return "% formatting"
        if isinstance(msg.op, ast.Add) and _has_str_operand(msg):
            return "string concatenation"
        return None
    if (
        isinstance(msg, ast.Call)
        and isinstance(msg.func, ast.Attribute)
        and msg.func.attr == "format"
        and _is_str(msg.func.value)
    ):
        return "str.format()"
    return None


def _is_str(node: ast.AST) -> bool:
    return (isinstance(node, ast.Constant) and isinstance(node.value, str)) or isinstance(node, ast.JoinedStr)


def _has_str_operand(node: ast.BinOp) -> bool:
    # ``"a" + b + "c"`` nests to the left
    while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        if _is_str(node.right):
            return True
        left = node.left
        if _is_str(left):
            return True
        node = left  # type: ignore[assignment]
    return False


# -- XFA806 ---------------------------------------------------------------------------

_SECRET_WORDS = frozenset({"password", "passwd", "token", "secret", "authorization", "ssn", "apikey", "creditcard", "cvv"})
#: trailing words that keep a name about the secret itself (``password_plain``)
_SECRET_TAILS = frozenset({"value", "str", "plain", "raw", "text", "b", "bytes", "string"})
_SECRET_PAIRS = frozenset(
    {"apikey", "secretkey", "privatekey", "creditcard", "cardnumber", "accesskey", "signingkey", "clientsecret"}
)
_SPLIT = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])")


def words_of(name: str) -> list[str]:
    return [w.lower() for w in _SPLIT.split(name) if w]


def names_secret(name: str) -> bool:
    """``name`` names a credential: its last word (ignoring ``_value``-like tails) is
    ``password``/``token``/``secret``/..., or it ends in ``api_key``/``credit_card``/
    ``secret_key``/``private_key``."""
    words = words_of(name)
    while len(words) > 1 and words[-1] in _SECRET_TAILS:
        words.pop()
    if not words:
        return False
    last = words[-1]
    if last in _SECRET_WORDS or last == "pwd":
        return True
    if len(words) >= 2 and words[-2] + last in _SECRET_PAIRS:
        return True
    return last.endswith("password")


def _expr_secret(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id if names_secret(node.id) else None
    if isinstance(node, ast.Attribute):
        return _dotted(node) if names_secret(node.attr) else None
    if isinstance(node, ast.Subscript):
        key = node.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str) and names_secret(key.value):
            base = _dotted(node.value) or "..."
            return f"{base}[{key.value!r}]"
        return None
    if isinstance(node, ast.Starred):
        return None
    return None


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else node.attr
    return None


def _secret_in_log_call(node: ast.Call, msg: ast.expr | None) -> str | None:
    candidates: list[ast.AST] = []
    for arg in node.args:
        if arg is msg:
            if isinstance(msg, ast.JoinedStr):
                candidates.extend(v.value for v in msg.values if isinstance(v, ast.FormattedValue))
            elif isinstance(msg, ast.BinOp):
                right = msg.right
                candidates.extend(right.elts if isinstance(right, ast.Tuple) else [right])
                if isinstance(msg.op, ast.Add):
                    candidates.append(msg.left)
            elif isinstance(msg, ast.Call) and isinstance(msg.func, ast.Attribute) and msg.func.attr == "format":
                candidates.extend(msg.args)
                candidates.extend(kw.value for kw in msg.keywords)
            continue
        candidates.append(arg)
    for kw in node.keywords:
        if kw.arg == "extra" and isinstance(kw.value, ast.Dict):
            for key, value in zip(kw.value.keys, kw.value.values):
                text = string_value(key)
                if text is not None and names_secret(text):
                    return f"extra key {text!r}"
                candidates.append(value)
        elif kw.arg in ("exc_info", "stack_info", "stacklevel", "extra"):
            continue
        elif kw.arg is not None and names_secret(kw.arg):
            return f"{kw.arg}="
        elif kw.arg is not None:
            candidates.append(kw.value)
    for candidate in candidates:
        if isinstance(candidate, (ast.Tuple, ast.List)):
            candidates.extend(candidate.elts)
            continue
        found = _expr_secret(candidate)
        if found is not None:
            return found
    return None


# -- XFA803 ---------------------------------------------------------------------------


@visitor(ast.Assign, ast.AnnAssign, codes=(XFA803,))
def module_logger_name(node: ast.Assign | ast.AnnAssign, ctx: Context) -> None:
    value = node.value
    if not isinstance(value, ast.Call) or value.keywords and value.keywords[0].arg is None:
        return
    if ctx.frame.kind not in ("module", "class") or ctx.function is not None:
        return
    if any(f.kind in ("function", "lambda") for f in ctx.frames):
        return
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    if not any(isinstance(t, ast.Name) and t.id in LOGGER_NAMES for t in targets):
        return
    if ctx.resolve(value.func) != "logging.getLogger" or not ctx.imported_from(value.func, "logging"):
        return
    if ctx.is_test or ctx.is_script or _is_main_module(ctx) or ctx.in_main_block:
        return
    args = list(value.args) + [kw.value for kw in value.keywords if kw.arg == "name"]
    if not args:
        names = {t.id for t in targets if isinstance(t, ast.Name)}
        if not _configures_root(ctx, names):
            ctx.report(value, XFA803, what="the root logger (getLogger() without a name)")
        return
    first = args[0]
    text = string_value(first)
    if text is not None:
        if _names_own_package(text, ctx.filename):
            return  # ``fastapi/logger.py``: ``getLogger("fastapi")`` is the package's logger
        ctx.report(value, XFA803, what=repr(text))
    elif isinstance(first, ast.Name) and first.id == "__file__":
        ctx.report(value, XFA803, what="by its file path (__file__)")


def _configures_root(ctx: Context, names: set[str]) -> bool:
    """The module configures the root logger it bound (``logger = logging.getLogger()`` then
    ``logger.setLevel(...)``/``addHandler(...)`` at module level): an entry point such as an
    AWS Lambda handler setting up logging, not a library module naming its logger."""
    tree = ctx.tree
    for stmt in getattr(tree, "body", ()):
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            func = stmt.value.func
            if (
                isinstance(func, ast.Attribute)
                and func.attr in ("setLevel", "addHandler")
                and isinstance(func.value, ast.Name)
                and func.value.id in names
            ):
                return True
    return False


def _names_own_package(name: str, filename: str) -> bool:
    """``name`` is a package the file sits in (``fastapi`` for ``.../fastapi/logger.py``)."""
    parts = name.split(".")
    dirs = filename.replace("\\", "/").split("/")[:-1]
    n = len(parts)
    return n > 0 and any(dirs[i : i + n] == parts for i in range(len(dirs) - n + 1))


def _is_main_module(ctx: Context) -> bool:
    base = ctx.filename.replace("\\", "/").rsplit("/", 1)[-1]
    return base in ("__main__.py", "cli.py", "manage.py")






# -- XFA805 ---------------------------------------------------------------------------

_CLI_MODULES = ("typer", "click", "argparse", "fire", "docopt", "cyclopts", "rich_click", "asyncclick")
_CLI_FILES = frozenset({"cli.py", "commands.py", "manage.py", "__main__.py", "console.py", "command.py"})
_CLI_DIRS = ("/cli/", "/commands/", "/management/", "/bin/", "/cmd/")


def _is_cli_module(ctx: Context) -> bool:
    def compute() -> bool:
        path = "/" + ctx.filename.replace("\\", "/").lstrip("/")
        if path.rsplit("/", 1)[-1] in _CLI_FILES or any(d in path for d in _CLI_DIRS):
            return True
        for qualname in ctx.imports.values():
            if qualname.split(".", 1)[0] in _CLI_MODULES or qualname.startswith("alembic"):
                return True  # CLI frameworks; Alembic migrations wherever they live
        tree = ctx.tree
        if isinstance(tree, ast.Module):
            for stmt in tree.body:
                if isinstance(stmt, ast.If) and is_main_test(stmt.test):
                    return True
            # ``print(..., file=sys.stderr)``: the module talks to a terminal (a command's
            # implementation imported by its cli.py), application code would log instead
            for sub in ast.walk(tree):
                if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name) and sub.func.id == "print":
                    for kw in sub.keywords:
                        if kw.arg == "file" and ctx.resolve(kw.value) == "sys.stderr":
                            return True
        return False

    return ctx.memo("xfa805_cli_module", compute)


@visitor(ast.Call, codes=(XFA805,))
def print_calls(node: ast.Call, ctx: Context) -> None:
    func = node.func
    if not isinstance(func, ast.Name) or func.id != "print":
        return
    if ctx.is_test or ctx.is_script or not ctx.is_builtin(func):
        return
    for frame in ctx.frames:
        if frame.kind in ("function", "lambda") and "print" in frame.data.get("xfa8_bindings", {}):
            return
    if len(ctx.frames) == 1:
        return  # a print that runs at import time: a script or a tutorial module
    if _is_cli_module(ctx) or ctx.in_main_block:
        return
    ctx.report(node, XFA805)


# -- XFA808 ---------------------------------------------------------------------------

_FILE_HANDLERS = frozenset(
    {
        "logging.FileHandler",
        "logging.handlers.RotatingFileHandler",
        "logging.handlers.TimedRotatingFileHandler",
        "logging.handlers.WatchedFileHandler",
    }
)
_QUEUE_CLASSES = frozenset({"logging.handlers.QueueHandler", "logging.handlers.QueueListener"})


@visitor(ast.Call, codes=(XFA808,))
def file_handlers(node: ast.Call, ctx: Context) -> None:
    if ctx.is_test or ctx.is_script:
        return
    name = ctx.call_name(node)
    if name is None:
        return
    data = ctx.frames[0].data
    if name in _QUEUE_CLASSES or name.rsplit(".", 1)[-1] in ("QueueHandler", "QueueListener"):
        data["xfa808_queue"] = True
    elif name in _FILE_HANDLERS and ctx.imported_from(node.func, "logging"):
        data.setdefault("xfa808_handlers", []).append((node, name))


@visitor(ast.Dict, codes=(XFA808,))
def dict_config_handlers(node: ast.Dict, ctx: Context) -> None:
    if ctx.is_test or ctx.is_script:
        return
    for key, value in zip(node.keys, node.values):
        if string_value(key) != "class":
            continue
        text = string_value(value)
        if text is None:
            continue
        data = ctx.frames[0].data
        if text in _FILE_HANDLERS:
            data.setdefault("xfa808_handlers", []).append((value, text))
        elif text in _QUEUE_CLASSES:
            data["xfa808_queue"] = True


@visitor(ast.Module, leave=True, codes=(XFA808,))
def report_file_handlers(node: ast.Module, ctx: Context) -> None:
    data = ctx.frames[0].data
    if data.get("xfa808_queue"):
        return
    for handler_node, name in data.get("xfa808_handlers", ()):
        ctx.report(handler_node, XFA808, handler=name)


# -- XFA809 ---------------------------------------------------------------------------

_OPTIONAL_IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError", "builtins.ImportError", "builtins.ModuleNotFoundError"})
_CANCELLED = frozenset({"asyncio.CancelledError", "asyncio.exceptions.CancelledError", "CancelledError", "anyio.get_cancelled_exc_class"})


def comment_of(line: str) -> str | None:
    """The text after a ``#`` outside string literals on one physical line
    (single-line strings), else ``None``."""
    if "#" not in line:
        return None
    quote = None
    i = 0
    n = len(line)
    while i < n:
        ch = line[i]
        if quote:
            if ch == "\\":
                i += 2
                continue
            if line.startswith(quote, i):
                i += len(quote)
                quote = None
                continue
        elif ch == "#":
            return line[i + 1 :]
        elif ch in "\"'":
            quote = line[i : i + 3] if line[i : i + 3] in ('"""', "'''") else ch
            i += len(quote)
            continue
        i += 1
    return None


#: tool directives say nothing about why an exception is ignored; ``error: XFAnnn``
#: is the expectation marker of this project's eval files
_DIRECTIVE = re.compile(
    r"^\s*(noqa\b|type:|pragma\b|pylint:|nosec\b|fmt:|isort:|mypy:|pyright:|ruff:|error:\s*XFA\d)",
    re.IGNORECASE,
)


def explains(line: str) -> bool:
    """``line`` has a comment that is not only tool directives."""
    text = comment_of(line)
    if text is None:
        return False
    return any(part.strip() and not _DIRECTIVE.match(part) for part in text.split("#"))


def _handler_types(handler: ast.ExceptHandler, ctx: Context) -> list[str]:
    exc = handler.type
    if exc is None:
        return []
    items = exc.elts if isinstance(exc, ast.Tuple) else [exc]
    return [ctx.resolve(item) or "" for item in items]


@visitor(ast.ExceptHandler, codes=(XFA809,))
def swallowed_exceptions(node: ast.ExceptHandler, ctx: Context) -> None:
    body = node.body
    if not body or not all(_is_noop(stmt) for stmt in body):
        return
    lines = ctx.lines
    if lines is None:
        return  # comments are not known: stay silent
    end = getattr(body[-1], "end_lineno", None) or body[-1].lineno
    for lineno in range(node.lineno, end + 1):
        if 0 < lineno <= len(lines) and explains(lines[lineno - 1]):
            return
    parent = ctx.parent
    if getattr(parent, "orelse", None):
        return  # ``try: x = d[k] except KeyError: pass else: use(x)``: the else is the intent
    types = _handler_types(node, ctx)
    if types and all(t in _OPTIONAL_IMPORT_ERRORS for t in types):
        return
    if types and all(t in _CANCELLED for t in types):
        if isinstance(parent, ast.Try) or parent.__class__.__name__ == "TryStar":
            if all(
                isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Await)
                for stmt in parent.body  # type: ignore[attr-defined]
            ):
                return
    stmt = body[0]
    ctx.report(node, XFA809, body="pass" if isinstance(stmt, ast.Pass) else "...")


def _is_noop(stmt: ast.stmt) -> bool:
    if isinstance(stmt, ast.Pass):
        return True
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and stmt.value.value is Ellipsis


# -- XFA810 ---------------------------------------------------------------------------


_TRACEBACK_FORMATTERS = frozenset({"format_exc", "format_exception", "format_tb", "print_exc"})


def _formats_traceback(node: ast.Call, ctx: Context | None = None) -> bool:
    """The call's arguments already hold the traceback (``traceback.format_exc()``), also
    through a name the same function assigned from one (``text = "".join(format_exception(e))``)."""
    carriers = _traceback_names(ctx) if ctx is not None else frozenset()
    for arg in [*node.args, *(kw.value for kw in node.keywords)]:
        for sub in ast.walk(arg):
            if (
                isinstance(sub, ast.Call)
                and isinstance(sub.func, ast.Attribute)
                and sub.func.attr in _TRACEBACK_FORMATTERS
            ):
                return True
            if isinstance(sub, ast.Name) and sub.id in carriers:
                return True
    return False


def _traceback_names(ctx: Context) -> frozenset[str]:
    """Names the innermost function assigns from a traceback formatter."""
    frame = ctx.function
    if frame is None:
        return frozenset()
    found = frame.data.get("xfa804_traceback_names")
    if found is None:
        names = set()
        for stmt in ast.walk(frame.node):
            if isinstance(stmt, ast.Assign) and any(
                isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) and sub.func.attr in _TRACEBACK_FORMATTERS
                for sub in ast.walk(stmt.value)
            ):
                names.update(t.id for t in stmt.targets if isinstance(t, ast.Name))
        found = frame.data["xfa804_traceback_names"] = frozenset(names)
    return found


#: exit signals of CLI frameworks (typer/click/cappa ``Exit``/``Abort``, ``SystemExit``):
#: they end the process with a status, and no traceback is printed that a cause would join
_EXIT_SIGNALS = frozenset({"Exit", "SystemExit", "Abort"})


@visitor(ast.Raise, codes=(XFA810,))
def raise_without_from(node: ast.Raise, ctx: Context) -> None:
    exc = node.exc
    if exc is None or node.cause is not None:
        return
    handler = ctx.in_body_of((ast.ExceptHandler,), ("body",))
    if not isinstance(handler, ast.ExceptHandler) or not handler.name:
        return
    caught = handler.name
    if isinstance(exc, ast.Name):
        if exc.id == caught or not exc.id[:1].isupper() or exc.id in _EXIT_SIGNALS:
            return
    elif isinstance(exc, ast.Call):
        target = exc.func
        tail = target.attr if isinstance(target, ast.Attribute) else target.id if isinstance(target, ast.Name) else ""
        if tail in _EXIT_SIGNALS:
            return  # ``raise typer.Exit(1)``: ends the command, no traceback shows a cause
        # ``raise e.with_traceback(tb)``, ``raise e.copy()``: the caught exception itself
        head = target
        while isinstance(head, (ast.Attribute, ast.Call)):
            head = head.value if isinstance(head, ast.Attribute) else head.func
        if isinstance(head, ast.Name) and head.id == caught and isinstance(target, ast.Attribute):
            return
        if isinstance(target, ast.Name) and not (target.id[:1].isupper() or target.id == "type"):
            return  # ``raise make_error(...)``: a factory may set the cause itself
    else:
        return
    ctx.report(node, XFA810, name=caught)


__all__ = [
    "FUNCTION_TYPES",
    "SCOPE_TYPES",
    "kind_of",
    "log_call",
    "names_secret",
    "words_of",
]
