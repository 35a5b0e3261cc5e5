"""XFA804: ``logger.error(...)`` in an ``except`` block without the traceback."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from ...context import Context, keyword, SCOPE_TYPES
from ...project import HTTP_EXCEPTIONS
from ...fixes import Finding, Fix, Skip, call_at, fixes
from ...line_budget import LineEdit
from ...registry import moved_off, rule
from .loggers import LOG_CALLS, log_call

if TYPE_CHECKING:  # the fix engine, on ast-grep, is imported only when fixing
    from ...fixer.engine import Source


XFA804 = rule(
    "XFA804",
    "error-log-in-except",
    default=False,
    precision=moved_off("11 of 20"),
    seeds=("001",),
    message="logger.error() in an except block drops the traceback",
    fix_hint="use logger.exception(...)",
    what="""
        Reports `logger.error(...)` directly in the body of an `except` block without an
        `exc_info=` argument, on a logger known to be a stdlib, structlog or loguru one
        (recognised across the project's modules as for [[log-message-formatting]]). Tests and scripts are in
        scope.
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
        "Loggers the plugin cannot follow to a definition.",
        "A message that already carries the traceback (`traceback.format_exc()`, `format_exception(...)`).",
        "An `except` block that already logs the traceback once: `logger.exception(...)` / "
        "`log.exception(e)` (on a logger, not a future's `task.exception()`), another call with `exc_info=` (not `False`/`None`), "
        "loguru's `logger.opt(exception=True).error(...)`, `traceback.print_exc()` (a handler "
        "nested in the block logs another exception's).",
        "An `except` block that re-raises, in a statement of its own body (not under a "
        "condition): `raise`, `raise e`, `raise NewError(...) from e`, `raise NewError(...)` (its "
        "`__context__` keeps the traceback) — the traceback goes on with the exception; "
        "`raise NewError(...) from None` only after an expected failure below (`except TimeoutError:`), "
        "where the new error's traceback is the one that matters. `raise HTTPException(...) from e` counts only for expected "
        "network errors (`httpx`/`requests`/`aiohttp` errors, `TimeoutError`, "
        "`ConnectionError`): FastAPI answers an HTTPException and logs no traceback, so for "
        "other errors the traceback is lost.",
        "Expected failures logged with the caught exception in the call, whose text is the whole "
        "story (a traceback adds frames, not facts): `except FileNotFoundError as e: "
        "logger.error(\"delete failed: %s\", e)` — `ImportError`, `OSError` and its subclasses, "
        "`UnicodeDecodeError`, JSON/TOML/YAML parse errors, `subprocess.CalledProcessError`/`TimeoutExpired`, "
        "and the network errors above, whatever the block does next. Without the exception in "
        "the call the reason is lost, and it is reported.",
        "`except ValueError`/`TypeError` after a `try` whose body is one statement converting "
        "with `int`/`float`/`complex`/`uuid.UUID`/`decimal.Decimal`/`fromisoformat` "
        "(`duration = int(payload)`): bad input, not a bug.",
    ),
    fix="safe",
)


#: exception types of expected network failures (their traceback says little)
_NETWORK_MODULES = frozenset({"httpx", "httpcore", "requests", "aiohttp", "urllib3", "websockets", "aiosmtplib", "smtplib"})
_NETWORK_ERRORS = frozenset(
    {
        "TimeoutError",
        "ConnectionError",
        "ConnectionRefusedError",
        "ConnectionResetError",
        "ConnectionAbortedError",
        "BrokenPipeError",
        "asyncio.TimeoutError",
        "asyncio.exceptions.TimeoutError",
        "socket.timeout",
        "socket.gaierror",
    }
)
_TRACEBACK_PRINTERS = frozenset({"traceback.print_exc", "traceback.print_exception"})


def _handler_keeps_traceback(handler: ast.ExceptHandler, ctx: Context) -> bool:
    """The ``except`` block logs the traceback elsewhere (``logger.exception(...)``, a call
    with ``exc_info=``, ``traceback.print_exc()``) or re-raises the exception, whose traceback
    the chain keeps (``raise``, ``raise e``, ``raise X from e``)."""
    memo = ctx.memo("xfa804_handlers", dict)
    key = id(handler)
    found = memo.get(key)
    if found is None:
        found = memo[key] = (handler, _logs_traceback(handler, ctx) or _reraises(handler, ctx))
    return found[1]


def _logs_traceback(handler: ast.ExceptHandler, ctx: Context) -> bool:
    stack: list[ast.AST] = list(handler.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (*SCOPE_TYPES, ast.ExceptHandler)):
            continue  # another scope, or another exception's handler
        if isinstance(node, ast.Call):
            func = node.func
            # ``exc_info=`` on any call; loguru's ``logger.opt(exception=True).error(...)``
            option = keyword(node, "exception") if isinstance(func, ast.Attribute) and func.attr == "opt" else None
            for kw in (keyword(node, "exc_info"), option):
                if kw is not None and not (isinstance(kw.value, ast.Constant) and kw.value.value in (False, None)):
                    return True
            if isinstance(func, ast.Attribute) and func.attr == "exception" and log_call(node, ctx) is not None:
                return True
            if ctx.resolve(func) in _TRACEBACK_PRINTERS and ctx.imported_from(func, "traceback"):
                return True
        stack.extend(ast.iter_child_nodes(node))
    return False


def _reraises(handler: ast.ExceptHandler, ctx: Context) -> bool:
    """A statement of the block (not nested under a condition) re-raises the caught
    exception or raises a new one ``from`` it; an ``HTTPException`` raised ``from`` it only
    for expected network errors (FastAPI turns it into a response and logs no traceback)."""
    caught = handler.name
    for stmt in handler.body:
        if not isinstance(stmt, ast.Raise):
            continue
        if stmt.exc is None:
            return True
        if not _is_http_exception(stmt.exc, ctx):
            if stmt.cause is None:
                return True  # ``raise PaymentError(...)``: its ``__context__`` keeps the traceback
            if _is_none(stmt.cause) and _all_expected(handler, ctx):
                # ``except TimeoutError: ... raise StartupError(...) from None``: an expected
                # failure goes on as the new error, whose traceback starts here
                return True
        if caught is None:
            continue
        if isinstance(stmt.exc, ast.Name) and stmt.exc.id == caught:
            return True
        if isinstance(stmt.cause, ast.Name) and stmt.cause.id == caught:
            if not _is_http_exception(stmt.exc, ctx) or _network_errors(handler, ctx):
                return True
    return False


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _all_expected(handler: ast.ExceptHandler, ctx: Context) -> bool:
    """Every type the handler catches is an expected failure (an ``OSError``, a parse error,
    a failed subprocess) or a network error."""
    exc = handler.type
    if exc is None:
        return False
    items = exc.elts if isinstance(exc, ast.Tuple) else [exc]
    return _network_errors(handler, ctx) or all(_expected_type(item, ctx) for item in items)


def _is_http_exception(exc: ast.expr, ctx: Context) -> bool:
    target = exc.func if isinstance(exc, ast.Call) else exc
    name = ctx.resolve(target) or ""
    if name in HTTP_EXCEPTIONS or name.rsplit(".", 1)[-1].endswith("HTTPException"):
        return True
    ancestors = ctx.class_ancestors(target)
    return bool(ancestors and ancestors & HTTP_EXCEPTIONS)


def _network_errors(handler: ast.ExceptHandler, ctx: Context) -> bool:
    """Every type the handler catches is an expected network failure."""
    exc = handler.type
    if exc is None:
        return False
    items = exc.elts if isinstance(exc, ast.Tuple) else [exc]
    for item in items:
        name = ctx.resolve(item)
        if name is None:
            return False
        head = name.split(".", 1)[0]
        if name in _NETWORK_ERRORS and (head == name or ctx.imported_from(item, head)) or (
            head in _NETWORK_MODULES and ctx.imported_from(item, head)
        ):
            continue
        return False
    return True


#: builtin exceptions of expected failures whose text says what happened (an import that
#: is not installed, a file or a permission on one path)
_EXPECTED_BUILTINS = frozenset(
    {
        "ImportError",
        "ModuleNotFoundError",
        "OSError",
        "IOError",
        "EnvironmentError",
        "FileNotFoundError",
        "FileExistsError",
        "PermissionError",
        "IsADirectoryError",
        "NotADirectoryError",
        "UnicodeDecodeError",
    }
)
#: library exceptions of the same kind: a document that does not parse, a command that failed
_EXPECTED_LIBRARY_ERRORS = frozenset(
    {
        "json.JSONDecodeError",
        "json.decoder.JSONDecodeError",
        "tomllib.TOMLDecodeError",
        "tomli.TOMLDecodeError",
        "toml.TomlDecodeError",
        "toml.decoder.TomlDecodeError",
        "yaml.YAMLError",
        "subprocess.CalledProcessError",
        "subprocess.TimeoutExpired",
    }
)
#: conversions whose ``ValueError``/``TypeError`` is the input's fault
_CONVERSIONS = frozenset({"int", "float", "complex"})
_CONVERSION_CALLS = frozenset({"uuid.UUID", "decimal.Decimal", "datetime.datetime.fromisoformat", "datetime.date.fromisoformat"})


def _expected_failure(call: ast.Call, handler: ast.ExceptHandler, ctx: Context) -> bool:
    """The handler catches only expected failures whose message is the whole story, so a
    traceback would add frames, not facts:

    * expected errors (``ImportError``, ``OSError`` and its subclasses, a JSON/TOML/YAML
      parse error, a failed subprocess, a network error) logged with the caught exception
      in the call (``logger.error("delete failed: %s", e)``);
    * ``ValueError``/``TypeError`` of a ``try`` whose body is one statement converting with
      ``int``/``float``/``UUID``/... (``int(payload)``): bad input, not a bug."""
    exc = handler.type
    if exc is None:
        return False
    items = exc.elts if isinstance(exc, ast.Tuple) else [exc]
    if handler.name and _network_errors(handler, ctx) or all(_expected_type(item, ctx) for item in items):
        return handler.name is not None and _mentions(call, handler.name)
    names = [ctx.resolve(item) if ctx.is_builtin(item) else None for item in items]
    if not all(n in ("ValueError", "TypeError", "builtins.ValueError", "builtins.TypeError") for n in names):
        return False
    body = _try_body(handler, ctx)
    if body is None or len(body) != 1:
        return False
    calls = [sub for sub in ast.walk(body[0]) if isinstance(sub, ast.Call)]
    return bool(calls) and all(_is_conversion(sub.func, ctx) for sub in calls)


def _expected_type(item: ast.expr, ctx: Context) -> bool:
    name = ctx.resolve(item)
    if name is None:
        return False
    if ctx.is_builtin(item):
        return name.removeprefix("builtins.") in _EXPECTED_BUILTINS
    head = name.split(".", 1)[0]
    return name in _EXPECTED_LIBRARY_ERRORS and ctx.imported_from(item, head)


def _is_conversion(func: ast.expr, ctx: Context) -> bool:
    if isinstance(func, ast.Name) and func.id in _CONVERSIONS and ctx.is_builtin(func):
        return True
    name = ctx.resolve(func)
    return name in _CONVERSION_CALLS and ctx.imported_from(func, name.split(".", 1)[0])


def _mentions(call: ast.Call, name: str) -> bool:
    """The log call passes the caught exception (``%s`` argument, f-string, ``str(e)``, ``extra``)."""
    for arg in [*call.args, *(kw.value for kw in call.keywords)]:
        if any(isinstance(sub, ast.Name) and sub.id == name for sub in ast.walk(arg)):
            return True
    return False


def _try_body(handler: ast.ExceptHandler, ctx: Context) -> list[ast.stmt] | None:
    """The body of the ``try`` (or ``try``/``except*``) that ``handler`` belongs to."""
    chain = ctx.ancestors
    for i in range(len(chain) - 1, 0, -1):
        if chain[i] is handler:
            parent = chain[i - 1]
            if any(h is handler for h in getattr(parent, "handlers", ())):
                return getattr(parent, "body", None)
            return None
    return None


@LOG_CALLS.on("call", rules=(XFA804,))
def _error_without_traceback(node: ast.Call, method: str, kind: str | None, msg: ast.expr | None, ctx: Context) -> None:
    if method != "error" or kind is None or not ctx.wants(XFA804):
        return
    handler = ctx.in_body_of((ast.ExceptHandler,), ("body",))
    if (
        isinstance(handler, ast.ExceptHandler)
        and keyword(node, "exc_info") is None
        and not any(kw.arg is None for kw in node.keywords)
        and not _formats_traceback(node, ctx)
        and not _handler_keeps_traceback(handler, ctx)
        and not _expected_failure(node, handler, ctx)
    ):
        ctx.report(node, XFA804, edits=[exception_edit(node)])


def exception_edit(call: ast.Call) -> LineEdit:
    """The edit of the fix: the method's name ``error`` (the end of ``call.func``, an
    attribute) becomes ``exception``; the rule measures it for the line length."""
    func = call.func
    assert isinstance(func, ast.Attribute) and func.end_lineno is not None and func.end_col_offset is not None
    end = (func.end_lineno, func.end_col_offset)
    return (end[0], end[1] - len(func.attr)), end, "exception"


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


class TracebackNames:
    """Per function: the names it assigns from a traceback formatter (``None`` until
    computed)."""

    __slots__ = ("names",)

    def __init__(self) -> None:
        self.names: frozenset[str] | None = None


def _traceback_names(ctx: Context) -> frozenset[str]:
    """Names the innermost function assigns from a traceback formatter."""
    frame = ctx.function
    if frame is None:
        return frozenset()
    state = frame.state(TracebackNames)
    found = state.names
    if found is None:
        names = set()
        for stmt in ast.walk(frame.node):
            if isinstance(stmt, ast.Assign) and any(
                isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) and sub.func.attr in _TRACEBACK_FORMATTERS
                for sub in ast.walk(stmt.value)
            ):
                names.update(t.id for t in stmt.targets if isinstance(t, ast.Name))
        found = state.names = frozenset(names)
    return found


# -- the fix ---------------------------------------------------------------------------


@fixes(XFA804)
def fix_error_to_exception(src: Source, finding: Finding) -> Fix:
    call = call_at(src, finding, "error")
    if any(k.arg == "exc_info" or k.arg is None for k in call.keywords):
        raise Skip("exc_info= or **kwargs already decide the traceback")
    function = src.sg(call, "call").field("function")
    attribute = function.field("attribute") if function is not None else None
    if attribute is None:
        raise Skip("unexpected call syntax")
    return Fix([src.replace(attribute, exception_edit(call)[2])])
