"""XFA801: a stdlib log message formatted before the call (f-string, ``%``, ``.format``, ``+``)."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, NamedTuple

from ...fixes import Finding, Fix, Skip, call_at, fixes
from ...context import Context
from ...line_budget import LineEdit, replace
from ...registry import back_on, rule
from .loggers import LOG_CALLS, STDLIB, _outside_app_code

if TYPE_CHECKING:  # the fix engine, on ast-grep, is imported only when fixing
    from ast_grep_py import SgNode

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
        "groups and queries messages ([[log-kwargs-not-extra]] and [[error-log-in-except]] still apply there).",
    ),
    fix="unsafe",
)


def lazy_arguments_blocker(call: ast.Call, method: str) -> str | None:
    """Why the XFA801 fix cannot turn this call's message into lazy %-style arguments, or
    ``None`` when it can (one decision, read by the rule and by its fixer)."""
    index = 1 if method == "log" else 0
    if len(call.args) != index + 1 or any(isinstance(a, ast.Starred) for a in call.args):
        return "the message already has arguments, or *args"
    message = call.args[index]
    if not isinstance(message, ast.JoinedStr):
        return "only f-string messages are rewritten automatically"
    if any(isinstance(v, ast.FormattedValue) and v.format_spec is not None for v in ast.walk(message)):
        return "format specifications ({x:...}) need a manual rewrite"
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
            fixable = lazy_arguments_blocker(node, method) is None
            edits = None
            if fixable and ctx.lines is not None:  # also what the cheaper checks do not see: {x=}, comments
                edits = _lint_edits(node, method, ctx)
                fixable = edits is not None
            ctx.report(node, XFA801, how=how, fixable=fixable, edits=edits)


# -- the rewrite, shared by the rule (which measures it) and the fix -------------------


class MessagePart(NamedTuple):
    """One string literal of the message: its prefix letters, quote and closing quote, and
    its content as pieces, the source text of a literal run (``str``) or an interpolation
    ``(expression text, conversion such as "!r" or "")``."""

    flags: str
    quote: str
    pieces: list[str | tuple[str, str]]
    end: str


_FIX_CONVERSION = {"!r": "%r", "!s": "%s", "!a": "%a", "": "%s"}


def lazy_message(parts: list[MessagePart], gaps: list[str]) -> str:
    """The text the XFA801 fix writes for a message of ``parts`` (with the source text
    ``gaps`` between them, kept as it is): constant strings with %-placeholders, then the
    interpolated expressions as arguments (``"x %s", value``)."""
    has_args = any(not isinstance(p, str) for part in parts for p in part.pieces)
    literals: list[str] = []
    arguments: list[str] = []
    for part in parts:
        is_f = "f" in part.flags.lower()
        pieces: list[str] = []
        for piece in part.pieces:
            if isinstance(piece, str):
                text = piece
                if is_f:
                    text = text.replace("{{", "{").replace("}}", "}")
                if has_args:
                    text = text.replace("%", "%%")
                pieces.append(text)
            else:
                expression, conversion = piece
                pieces.append(_FIX_CONVERSION.get(conversion, "%s"))
                arguments.append(f"({expression})" if _fix_needs_parens(expression) else expression)
        new_flags = part.flags.replace("f", "").replace("F", "")
        literals.append(f"{new_flags}{part.quote}{''.join(pieces)}{part.end}")
    message = literals[0] + "".join(gap + literal for gap, literal in zip(gaps, literals[1:]))
    return message + "".join(f", {a}" for a in arguments)


def _lint_edits(node: ast.Call, method: str, ctx: Context) -> list[LineEdit] | None:
    """The edit the fix makes, for the rule to measure (None where the fix skips the call,
    which this reading of the source text sees and the rule's cheaper checks do not):
    the message's source text read as the fixer reads it, or, for a syntax the reading does
    not know, an upper bound of the rewrite's length on one line."""
    message = node.args[1 if method == "log" else 0]
    source = ctx.text_of(message)
    try:
        parts, gaps = message_parts(source)
    except Skip:
        return None  # the fixer leaves it to the user for another reason
    except ValueError:
        # the literals shrink but for %-doubling; each argument is an expression of the
        # source, with ", " and parentheses at most
        bound = 2 * len(source) + source.count("%") + 4 * source.count("{")
        return [replace(message, "x" * bound)]
    return [replace(message, lazy_message(parts, gaps))]


_PREFIX_LETTERS = frozenset("rRbBuUfF")
_SPACE = " \t\f"


def message_parts(text: str) -> tuple[list[MessagePart], list[str]]:
    """The parts of a message from its source text, as the fix reads them from its syntax
    tree: raises :class:`Skip` where the fix skips, ValueError for a syntax this reading
    does not know (then the rule measures a bound)."""
    parts: list[MessagePart] = []
    gaps: list[str] = []
    n = len(text)
    i = 0
    gap_start = 0
    while True:
        start = i
        while i < n and text[i] in _PREFIX_LETTERS:
            i += 1
        flags = text[start:i]
        quote = text[i : i + 3] if text.startswith(('"""', "'''"), i) else text[i : i + 1]
        if quote not in ('"', "'", '"""', "'''"):
            raise ValueError("not a string literal")
        if "b" in flags.lower():
            raise Skip("bytes message")
        if parts:
            gaps.append(text[gap_start:start])
        i, pieces = _literal_body(text, i + len(quote), quote, "f" in flags.lower(), "r" in flags.lower())
        parts.append(MessagePart(flags, quote, pieces, quote))
        gap_start = i
        while i < n:  # the space between two literals
            c = text[i]
            if c in _SPACE or c in "\r\n":
                i += 1
            elif c == "\\" and text[i + 1 : i + 2] in ("\n", "\r"):
                i += 2
            elif c == "#":
                raise Skip("comments inside the message")
            else:
                break
        if i >= n:
            return parts, gaps


def _literal_body(text: str, i: int, quote: str, is_f: bool, raw: bool) -> tuple[int, list[str | tuple[str, str]]]:
    """The pieces of a literal's content from ``i`` (after its opening quote) and the index
    after its closing quote."""
    n = len(text)
    pieces: list[str | tuple[str, str]] = []
    run = i
    while True:
        if i >= n:
            raise ValueError("unterminated string")
        if text.startswith(quote, i):
            if i > run:
                pieces.append(text[run:i])
            return i + len(quote), pieces
        c = text[i]
        if c == "\\" and is_f and text[i + 1 : i + 2] in ("{", "}"):
            i += 1  # a backslash before an interpolation is a character of its own
        elif c == "\\":
            if is_f and not raw and text.startswith("N{", i + 1):  # \N{EM DASH}
                close = text.find("}", i)
                if close < 0:
                    raise ValueError("unterminated \\N{...}")
                i = close + 1
            else:
                i += 2
        elif c in "\r\n" and len(quote) == 1:
            raise ValueError("line break in a one-line string")
        elif is_f and c in "{}":
            if text.startswith(c, i + 1):
                i += 2  # {{ or }}
            elif c == "}":
                raise ValueError("single }")
            else:
                if i > run:
                    pieces.append(text[run:i])
                i, interpolation = _interpolation(text, i + 1)
                pieces.append(interpolation)
                run = i
        else:
            i += 1


def _interpolation(text: str, i: int) -> tuple[int, tuple[str, str]]:
    """``(expression text, conversion)`` of the interpolation whose ``{`` is before ``i``,
    and the index after its ``}``."""
    n = len(text)
    start = i
    depth = 0
    while True:
        if i >= n:
            raise ValueError("unterminated interpolation")
        c = text[i]
        if c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif c in "'\"":
            i = _skip_string(text, i)
            continue
        elif c == "#":
            raise ValueError("comment in an interpolation")
        elif depth == 0 and c == ":":
            raise Skip("format specifications ({x:...}) need a manual rewrite")
        elif depth == 0 and c == "!" and not text.startswith("=", i + 1):
            break
        elif depth == 0 and c == "=":
            if text.startswith("=", i + 1):
                i += 2  # ==
                continue
            if text[i - 1] not in "=!<>":
                if text[i + 1 :].lstrip(_SPACE).startswith("}"):
                    raise Skip("self-documenting {x=} needs a manual rewrite")
                raise ValueError("= in an interpolation")
        i += 1
    expression = text[start:i].strip()
    if not expression:
        raise ValueError("empty interpolation")
    conversion = ""
    if text[i] == "!":
        conversion = text[i : i + 2]
        i += 2
        while i < n and text[i] in _SPACE:
            i += 1
        if text.startswith(":", i):
            raise Skip("format specifications ({x:...}) need a manual rewrite")
        if not text.startswith("}", i) or conversion not in _FIX_CONVERSION:
            raise ValueError("unexpected conversion")
    if text[i] != "}":
        raise ValueError("unexpected interpolation end")
    return i + 1, (expression, conversion)


def _skip_string(text: str, i: int) -> int:
    """The index after the string literal (in an interpolation) that starts at ``i``."""
    quote = text[i : i + 3] if text.startswith(('"""', "'''"), i) else text[i]
    i += len(quote)
    while True:
        if i >= len(text):
            raise ValueError("unterminated string")
        if text.startswith(quote, i):
            return i + len(quote)
        if text[i] == "\\":
            i += 2
        elif text[i] in "\r\n" and len(quote) == 1:
            raise ValueError("line break in a one-line string")
        else:
            i += 1


# -- the fix ---------------------------------------------------------------------------


_FIX_LOG_METHODS = ("debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log")


@fixes(XFA801)
def fix_lazy_log_arguments(src: Source, finding: Finding) -> Fix:
    call = call_at(src, finding, *_FIX_LOG_METHODS)
    method = call.func.attr  # type: ignore[attr-defined]
    blocker = lazy_arguments_blocker(call, method)
    if blocker is not None:
        raise Skip(blocker)
    index = 1 if method == "log" else 0
    node = src.sg(call.args[index], "string", "concatenated_string")
    parts, gaps = _fix_parts(src, node)
    return Fix([src.replace(node, lazy_message(parts, gaps))])


def _fix_parts(src: Source, node: SgNode) -> tuple[list[MessagePart], list[str]]:
    """The parts of the message (see :func:`message_parts`, the rule's reading of them),
    from its syntax tree, and the source text between them."""
    parts = [node] if node.kind() == "string" else [c for c in node.children() if c.kind() == "string"]
    if node.kind() == "concatenated_string" and node.find(kind="comment") is not None:
        raise Skip("comments inside the message")
    read: list[MessagePart] = []
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
        pieces: list[str | tuple[str, str]] = []
        for child in children:
            kind = child.kind()
            if kind in ("string_start", "string_end"):
                continue
            if kind == "string_content":
                pieces.append(child.text())
            elif kind == "interpolation":
                expression = child.field("expression")
                if expression is None:
                    raise Skip("unexpected f-string syntax")
                if child.find(kind="format_specifier") is not None:
                    raise Skip("format specifications ({x:...}) need a manual rewrite")
                conversion = child.find(kind="type_conversion")
                if child.text().rstrip("}").rstrip().endswith("="):
                    raise Skip("self-documenting {x=} needs a manual rewrite")
                pieces.append((expression.text(), conversion.text() if conversion else ""))
            else:
                raise Skip("unexpected f-string syntax")
        read.append(MessagePart(flags, quote, pieces, end.text()))
    gaps = [src.text[src.span(a)[1] : src.span(b)[0]] for a, b in zip(parts, parts[1:])]
    return read, gaps


def _fix_needs_parens(text: str) -> bool:
    """A bare tuple, a walrus, yield or lambda would change meaning as a call argument."""
    try:
        expr = ast.parse(text.strip(), mode="eval").body
    except SyntaxError:
        return True
    return isinstance(expr, (ast.Tuple, ast.NamedExpr, ast.Lambda, ast.Yield, ast.YieldFrom, ast.Starred)) or "\n" in text
