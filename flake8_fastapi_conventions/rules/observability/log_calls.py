"""The logger calls, handed to XFA801, XFA804 and XFA806; XFA802 (keyword arguments that
are not ``extra=``) and XFA807 (a message that is not an event name) checked here."""

from __future__ import annotations

import ast

from ... import lazy_re
from ...context import Context, keyword, string_value
from ...registry import rule, visitor
from .error_logs import _expected_failure, _handler_keeps_traceback, XFA804
from .loggers import (
    _outside_app_code,
    log_call,
    LOG_METHODS,
    message_arg,
    STDLIB,
    STDLIB_LOG_KWARGS,
)
from .message_formatting import _formatting, lazy_arguments_blocker, XFA801
from .sensitive_data import _secret_in_log_call, XFA806


XFA802 = rule(
    "XFA802",
    "log-kwargs-not-extra",
    default=True,
    seeds=("001",),
    message="stdlib logger call with keyword argument(s) {names}, which logging rejects with TypeError at run time",
    fix_hint="put them in extra={{...}}",
    what="""
        Reports a stdlib logger call with keyword arguments other than `exc_info`,
        `stack_info`, `stacklevel` and `extra` (structlog style). Stdlib loggers are
        recognised across the project's modules as for XFA801 (a `get_logger()` helper, a
        logger imported from another module, `self.logger` set in a base class). Tests and
        scripts are in scope: the call fails wherever it runs.
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
        "structlog and loguru loggers, which take keyword arguments, wherever they are "
        "defined (`from app.log import log` where `app/log.py` re-exports loguru's logger).",
        "A logger the plugin cannot follow to a definition: keyword arguments are right "
        "for a structlog-style logger, so an unknown one is not reported.",
        "A logger of a factory annotated `-> logging.Logger` that returns a structlog logger "
        "once logging is configured (and a stdlib one before): unknown, not stdlib.",
        "`**kwargs` splats (their keys are not known).",
    ),
)

XFA807 = rule(
    "XFA807",
    "log-event-name",
    default=False,
    seeds=("001",),
    message="log message {msg!r} is not a dot-notation event name",
    fix_hint="use an event name such as 'user.created' and pass data in extra={{...}}",
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
        "structlog/loguru loggers and loggers the plugin cannot follow to a definition.",
    ),
)


_METHOD_KWARGS = STDLIB_LOG_KWARGS | {"msg"}
_LOG_KWARGS = _METHOD_KWARGS | {"level"}
_EVENT_NAME = lazy_re.compile(r"^[a-z_]+(\.[a-z_]+)+$")


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
        if not _outside_app_code(ctx):
            how = _formatting(msg)
            if how is not None:
                ctx.report(node, XFA801, how=how, fixable=lazy_arguments_blocker(node, method) is None)
        allowed = _LOG_KWARGS if method == "log" else _METHOD_KWARGS
        bad = [kw for kw in node.keywords if kw.arg is not None and kw.arg not in allowed]
        if bad:
            ctx.report(bad[0], XFA802, names=", ".join(f"{kw.arg}=" for kw in bad))
        text = string_value(msg)
        if text is not None and not _EVENT_NAME.match(text):
            shown = text if len(text) <= 40 else text[:37] + "..."
            ctx.report(msg, XFA807, msg=shown)  # type: ignore[arg-type]
    if method == "error" and kind is not None and ctx.wants(XFA804):
        handler = ctx.in_body_of((ast.ExceptHandler,), ("body",))
        if (
            isinstance(handler, ast.ExceptHandler)
            and keyword(node, "exc_info") is None
            and not any(kw.arg is None for kw in node.keywords)
            and not _formats_traceback(node, ctx)
            and not _handler_keeps_traceback(handler, ctx)
            and not _expected_failure(node, handler, ctx)
        ):
            ctx.report(node, XFA804)
    if ctx.wants(XFA806):
        secret = _secret_in_log_call(node, msg, ctx)
        if secret is not None:
            ctx.report(node, XFA806, name=secret)


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
