"""XFA801: a stdlib log message formatted before the call (f-string, ``%``, ``.format``, ``+``)."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from ...fixes import Finding, Fix, Skip, call_at, fixes
from ...context import Context
from ...registry import back_on, rule
from .loggers import LOG_CALLS, STDLIB, _outside_app_code

if TYPE_CHECKING:  # the fix engine, on ast-grep, is imported only when fixing
    from ...fixer.engine import Source


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


@LOG_CALLS.on("call", rules=(XFA801,))
def _formatted_message(node: ast.Call, method: str, kind: str | None, msg: ast.expr | None, ctx: Context) -> None:
    if kind == STDLIB and not _outside_app_code(ctx):
        how = _formatting(msg)
        if how is not None:
            ctx.report(node, XFA801, how=how, fixable=lazy_arguments_blocker(node, method) is None)


# -- the fix ---------------------------------------------------------------------------


_FIX_LOG_METHODS = ("debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log")


_FIX_CONVERSION = {"!r": "%r", "!s": "%s", "!a": "%a", "": "%s"}


@fixes(XFA801)
def fix_lazy_log_arguments(src: Source, finding: Finding) -> Fix:
    call = call_at(src, finding, *_FIX_LOG_METHODS)
    method = call.func.attr  # type: ignore[attr-defined]
    blocker = lazy_arguments_blocker(call, method)
    if blocker is not None:
        raise Skip(blocker)
    index = 1 if method == "log" else 0
    message = call.args[index]
    node = src.sg(message, "string", "concatenated_string")
    parts = [node] if node.kind() == "string" else [c for c in node.children() if c.kind() == "string"]
    if node.kind() == "concatenated_string" and node.find(kind="comment") is not None:
        raise Skip("comments inside the message")
    has_args = any(c.kind() == "interpolation" for p in parts for c in p.children())
    literals: list[str] = []
    arguments: list[str] = []
    for part in parts:
        children = part.children()  # direct children: nested strings have their own quotes
        start = next((c for c in children if c.kind() == "string_start"), None)
        end = next((c for c in children if c.kind() == "string_end"), None)
        if start is None or end is None:
            raise Skip("unexpected string syntax")
        prefix = start.text()
        quote = prefix.lstrip("rRbBuUfF")
        flags = prefix[: len(prefix) - len(quote)]
        if "b" in flags.lower():
            raise Skip("bytes message")
        is_f = "f" in flags.lower()
        raw = "r" in flags.lower()
        pieces: list[str] = []
        for child in part.children():
            kind = child.kind()
            if kind in ("string_start", "string_end"):
                continue
            if kind == "string_content":
                text = child.text()
                if is_f:
                    text = text.replace("{{", "{").replace("}}", "}")
                if has_args:
                    text = text.replace("%", "%%")
                pieces.append(text)
            elif kind == "interpolation":
                expression = child.field("expression")
                if expression is None:
                    raise Skip("unexpected f-string syntax")
                if child.find(kind="format_specifier") is not None:
                    raise Skip("format specifications ({x:...}) need a manual rewrite")
                conversion = child.find(kind="type_conversion")
                if child.text().rstrip("}").rstrip().endswith("="):
                    raise Skip("self-documenting {x=} needs a manual rewrite")
                pieces.append(_FIX_CONVERSION.get(conversion.text() if conversion else "", "%s"))
                text = expression.text()
                arguments.append(f"({text})" if _fix_needs_parens(text) else text)
            else:
                raise Skip("unexpected f-string syntax")
        new_flags = flags.replace("f", "").replace("F", "")
        if raw and any("\\" in p for p in pieces):
            pass  # the raw prefix stays, so backslashes keep their meaning
        literals.append(f"{new_flags}{quote}{''.join(pieces)}{end.text()}")
    separator = " " if node.kind() == "concatenated_string" else ""
    if node.kind() == "concatenated_string":
        # keep the original layout between the parts (line breaks, indentation)
        out = []
        for i, part in enumerate(parts):
            out.append(literals[i])
            if i + 1 < len(parts):
                out.append(src.text[src.span(part)[1] : src.span(parts[i + 1])[0]])
        new_message = "".join(out)
    else:
        new_message = separator.join(literals)
    text = new_message + "".join(f", {a}" for a in arguments)
    return Fix([src.replace(node, text)])


def _fix_needs_parens(text: str) -> bool:
    """A bare tuple, a walrus, yield or lambda would change meaning as a call argument."""
    try:
        expr = ast.parse(text.strip(), mode="eval").body
    except SyntaxError:
        return True
    return isinstance(expr, (ast.Tuple, ast.NamedExpr, ast.Lambda, ast.Yield, ast.YieldFrom, ast.Starred)) or "\n" in text
