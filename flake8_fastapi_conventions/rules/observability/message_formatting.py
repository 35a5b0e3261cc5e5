"""XFA801: a stdlib log message formatted before the call (f-string, ``%``, ``.format``, ``+``)."""

from __future__ import annotations

import ast

from ...registry import back_on, rule


XFA801 = rule(
    "XFA801",
    "log-message-formatting",
    default=True,
    precision=back_on("20 of 20", reading="seventh"),
    seeds=("001",),
    message="log message built with {how}",
    fix_hint="pass a constant message and the values in extra={{...}} (or as %-style arguments)",
    what="""
        Reports a stdlib logger call (`logger.debug/info/warning/error/exception/critical/log`,
        or `logging.info(...)` on the module) whose message is an f-string, a `%`-formatted
        string, a `.format()`-ed string or a string built with `+`.

        A logger is known to be a stdlib one wherever the project defines it:
        `logging.getLogger(...)`, `logging.Logger(...)`, `logging.LoggerAdapter(...)`, Celery's
        `get_logger`/`get_task_logger`, `x or logging.getLogger(...)`, a project function
        that returns one (`logger = get_logger(__name__)` with `get_logger` in
        `app/core/logging.py`, by its return annotation or its `return` values), a name
        imported or re-exported from another module, and `self.logger` set in the class or
        in a project base class in another module.
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
        "structlog and loguru loggers, wherever they are defined (a loguru logger re-exported "
        "as `log` from a project module included).",
        "Loggers the plugin cannot follow to a definition (`LOGGERS[name]`, a parameter "
        "without annotation, a helper whose returns disagree): unknown, not stdlib.",
        "A logger factory annotated `-> logging.Logger` whose returns include a structlog "
        "logger (`return structlog.get_logger(name)` once logging is configured, "
        "`logging.getLogger(name)` before): which kind a caller gets is unknown (sixth reading).",
        "Tests, scripts, CI helper scripts under `.github/` and a Sphinx `conf.py` (one that sets "
        "`extensions` and another Sphinx setting such as `html_theme`; the fourteenth reading's "
        "pipecat docs): their log lines go to a terminal or a CI log, not to a log store that "
        "groups and queries messages (XFA802 and XFA804 still apply there).",
    ),
    fix="unsafe",
)


def lazy_arguments_blocker(call: ast.Call, method: str) -> str | None:
    """Why the XFA801 fix cannot turn this call's message into lazy %-style arguments, or
    ``None`` when it can (one decision, read by the rule and by its fixer)."""
    index = 1 if method == "log" else 0
    if len(call.args) != index + 1 or any(isinstance(a, ast.Starred) for a in call.args):
        return "the message already has arguments, or *args"
    if not isinstance(call.args[index], ast.JoinedStr):
        return "only f-string messages are rewritten automatically"
    return None


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
