"""XFA802 (keyword arguments of a stdlib logger call that are not ``extra=``) and XFA807 (a
message that is not an event name)."""

from __future__ import annotations

import ast

from ... import lazy_re
from ...context import Context, string_value
from ...registry import rule
from .loggers import LOG_CALLS, STDLIB, STDLIB_LOG_KWARGS


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
        recognised across the project's modules as for [[log-message-formatting]] (a `get_logger()` helper, a
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
        "Messages that are not constants ([[log-message-formatting]] covers formatted ones).",
        "structlog/loguru loggers and loggers the plugin cannot follow to a definition.",
    ),
)


_METHOD_KWARGS = STDLIB_LOG_KWARGS | {"msg"}
_LOG_KWARGS = _METHOD_KWARGS | {"level"}
_EVENT_NAME = lazy_re.compile(r"^[a-z_]+(\.[a-z_]+)+$")


@LOG_CALLS.on("call", rules=(XFA802, XFA807))
def _stdlib_call_arguments(node: ast.Call, method: str, kind: str | None, msg: ast.expr | None, ctx: Context) -> None:
    if kind != STDLIB:
        return
    allowed = _LOG_KWARGS if method == "log" else _METHOD_KWARGS
    bad = [kw for kw in node.keywords if kw.arg is not None and kw.arg not in allowed]
    if bad:
        ctx.report(bad[0], XFA802, names=", ".join(f"{kw.arg}=" for kw in bad))
    text = string_value(msg)
    if text is not None and not _EVENT_NAME.match(text):
        shown = text if len(text) <= 40 else text[:37] + "..."
        ctx.report(msg, XFA807, msg=shown)  # type: ignore[arg-type]
