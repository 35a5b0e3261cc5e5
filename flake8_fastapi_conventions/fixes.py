"""The fix API a rule's fix is written against: what a fixer receives and returns.

A fix lives beside its rule's detection, registered with ``@fixes(XFAnnn)``; its safety is
the rule's declaration (``rule(fix="safe" | "unsafe")``). This module imports nothing
heavy: the rules import it on flake8's lint path, while the engine that runs the fixes
(:mod:`.fixer.engine`, on ast-grep) is imported only by ``fastapi-conventions fix``. A fix
function receives the engine's ``Source`` (the file's text, tree and ast-grep nodes) and
a :class:`Finding`; it returns a :class:`Fix` or raises :class:`Skip`.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Callable, NamedTuple, Sequence

from .line_budget import LineEdit, LineText
from .registry import RULES, Rule

if TYPE_CHECKING:
    from .fixer.engine import Source


class Skip(Exception):
    """A fixer declines: the finding stays and is reported as needing a manual fix."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Finding(NamedTuple):
    line: int
    #: 0-based, UTF-8 bytes (as ``ast`` and the rules report it)
    col: int
    code: str
    message: str

    @property
    def text(self) -> str:
        return self.message[len(self.code) :].strip()


class Edit(NamedTuple):
    #: character offsets into the decoded source (without a BOM)
    start: int
    end: int
    text: str


class Need(NamedTuple):
    """An import a fix needs: ``import module`` (name None) or ``from module import name``."""

    module: str
    name: str | None = None


class Fix(NamedTuple):
    edits: list[Edit]
    imports: tuple[Need, ...] = ()
    #: further findings this fix resolves (e.g. every ``on_event`` handler of one app)
    covers: tuple[Finding, ...] = ()


Fixer = Callable[["Source", Finding], Fix]
#: the fix function of each fixable rule, by code
FIXERS: dict[str, Fixer] = {}


def fixes(declared: Rule) -> Callable[[Fixer], Fixer]:
    """Register the decorated function as the fix of ``declared`` (which must declare one)."""
    if declared.fix is None:
        raise ValueError(f"{declared.code} declares no fix (rule(fix=...))")

    def register(fn: Fixer) -> Fixer:
        FIXERS[declared.code] = fn
        return fn

    return register


def fix_safety(code: str) -> str:
    """``"safe"`` or ``"unsafe"``: the declaration of a rule that has a fix."""
    declared = RULES[code]
    if declared.fix is None:
        raise KeyError(code)
    return declared.fix


# -- what several rules' fixes need ---------------------------------------------------------


def offered(finding: Finding) -> None:
    """The rule decides which findings its fix applies to: a message that does not offer
    the fix (``fixable=False``, e.g. a name re-exported by another module of the project)
    is left alone, so the fixer never rewrites what the message leaves to the user."""
    if not finding.message.endswith(("(fix: fastapi-conventions fix)", "--unsafe-fixes)")):
        raise Skip("the finding offers no automatic fix")


def text_of(src: Source, node: ast.AST) -> str:
    """The source text of ``node``."""
    return src.text[src.start_of(node) : src.end_of(node)]


def call_at(src: Source, finding: Finding, *attrs: str) -> ast.Call:
    """The ``x.<attr>(...)`` call at the finding's position, for one of ``attrs``."""
    for call in src.ast_at(finding, ast.Call):
        assert isinstance(call, ast.Call)
        if isinstance(call.func, ast.Attribute) and call.func.attr in attrs:
            return call
    raise Skip(f"no .{attrs[0]}() call at the reported position")


def keyword_edit(src: Source, call: ast.Call, keyword: str) -> Edit:
    """The edit adding ``keyword`` (``name=value``) as the last argument of ``call``
    (:func:`keyword_insertion` on the fixer's text)."""
    src.sg(call, "call")  # the syntax is a call the fix knows
    edit = keyword_insertion(src, call, keyword, src.newline)
    if isinstance(edit, str):
        raise Skip(edit)
    return Edit(*edit)


def keyword_line_edits(lines: Sequence[str] | None, call: ast.Call, keyword: str) -> list[LineEdit] | str | None:
    """The edit of :func:`keyword_edit`, as the rule reads it from the file's ``lines``: to
    measure it, or why the fixer declines for the call's syntax (a comment inside an empty
    call); None without the lines."""
    if lines is None or not 0 < call.lineno <= call.end_lineno <= len(lines):  # type: ignore[operator]
        return None
    view = LineText(lines, call.lineno, call.end_lineno)  # type: ignore[arg-type]
    edit = keyword_insertion(view, call, keyword, "\n")
    if isinstance(edit, str):
        return edit
    start, end, text = edit
    return [(view.position(start), view.position(end), text)]


def argument_removal(source, call: ast.Call, item: ast.AST) -> tuple[int, int] | str:
    """The span ``(start, end)`` (character offsets into ``source.text``, as for
    :func:`keyword_insertion`) that removing ``item``, an argument or keyword of ``call``,
    deletes with the comma that separates it from its neighbours; or why it is not removed."""
    items: list[ast.AST] = sorted([*call.args, *call.keywords], key=lambda n: (n.lineno, n.col_offset))  # type: ignore[attr-defined]
    at = next((i for i, n in enumerate(items) if n is item), None)
    if at is None:
        return "the argument is not one of the call's"

    def start_of(node: ast.AST) -> int:
        return source.offset(node.lineno, node.col_offset)  # type: ignore[attr-defined]

    def end_of(node: ast.AST) -> int:
        return source.offset(node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]

    if at > 0:
        start, end = end_of(items[at - 1]), end_of(item)
    elif len(items) > 1:
        start, end = start_of(item), start_of(items[1])
    else:
        start, end = start_of(item), end_of(item)
        rest = source.text[end : end_of(call)]
        stripped = rest.lstrip()
        if stripped.startswith(","):
            end += len(rest) - len(stripped) + 1
    if "#" in source.text[start:end]:
        return "a comment inside the removed text"
    return start, end


def removal_blocker(lines: Sequence[str] | None, call: ast.Call, item: ast.AST) -> str | None:
    """Why the fixer would not remove ``item`` from ``call`` (:func:`argument_removal`, read
    from the file's ``lines``), or None."""
    if lines is None or not 0 < call.lineno <= call.end_lineno <= len(lines):  # type: ignore[operator]
        return None
    span = argument_removal(LineText(lines, call.lineno, call.end_lineno), call, item)  # type: ignore[arg-type]
    return span if isinstance(span, str) else None


def keyword_insertion(source, call: ast.Call, keyword: str, newline: str) -> tuple[int, int, str] | str:
    """The edit ``(start, end, text)`` (character offsets into ``source.text``) adding
    ``keyword`` (``name=value``) as the last argument of ``call``, or why it is not added.
    ``source`` has the ``text`` from the start of the call's first line on and gives the
    ``offset`` of an ``ast`` position: the fixer's ``Source``, or :class:`LineText` of the
    rule's lines, so that the rule measures the edit the fix makes. After a trailing comma
    that ends a line, the keyword gets a line of its own (``newline``)."""
    text = source.text
    end = source.offset(call.end_lineno, call.end_col_offset)
    close = end - 1  # the call's ``)``
    items: list[ast.AST] = [*call.args, *call.keywords]
    if not items:
        func_end, _ = past_parens(text, source.offset(call.func.end_lineno, call.func.end_col_offset), close)  # type: ignore[attr-defined]
        opening = text.index("(", func_end, end)
        if "#" in text[opening:end]:
            return "comments inside the call"
        return opening, end, f"({keyword})"
    if len(items) == 1 and isinstance(items[0], ast.GeneratorExp) and source.offset(items[0].end_lineno, items[0].end_col_offset) == end:  # type: ignore[attr-defined]
        return "unexpected call syntax"  # f(x for x in y): no argument list of its own
    last = max(items, key=lambda n: (n.end_lineno, n.end_col_offset))  # type: ignore[attr-defined]
    last_end, parens = past_parens(text, source.offset(last.end_lineno, last.end_col_offset), close)  # type: ignore[attr-defined]
    between = text[last_end:close]
    if between.strip().startswith(",") and ("\n" in between or "\r" in between):
        # one argument per line with a trailing comma: add a line in the same style
        comma = last_end + between.index(",") + 1
        first = _before_parens(text, source.offset(last.lineno, last.col_offset), parens)  # type: ignore[attr-defined]
        line_start = max(text.rfind("\n", 0, first), text.rfind("\r", 0, first)) + 1
        before = text[line_start:first]
        indent = before[: len(before) - len(before.lstrip(" \t"))]
        return comma, comma, f"{newline}{indent}{keyword},"
    return last_end, last_end, f", {keyword}"


def past_parens(text: str, end: int, limit: int) -> tuple[int, int]:
    """Where an expression ending at ``end`` ends with the ``)`` that close parentheses
    around it (``f((a))``), as the syntax tree's node ends, looking no further than
    ``limit``; and how many there are. Comments are passed over."""
    count = 0
    i = end
    while i < limit:
        c = text[i]
        if c == ")":
            i += 1
            end, count = i, count + 1
        elif c == "#":
            ends = [n for n in (text.find("\n", i), text.find("\r", i)) if n >= 0]
            i = min(ends) if ends else limit
        elif c in " \t\f\r\n\\":
            i += 1
        else:
            break
    return end, count


def _before_parens(text: str, start: int, count: int) -> int:
    """Where an expression starting at ``start`` starts with the ``count`` ``(`` around it;
    ``start`` itself where they are not all found (a comment in between)."""
    i = start
    found = start
    while count and i > 0:
        c = text[i - 1]
        if c == "(":
            count -= 1
            found = i - 1
        elif c not in " \t\f\r\n\\":
            return start
        i -= 1
    return found if not count else start
