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
from typing import TYPE_CHECKING, Callable, NamedTuple

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


def add_keyword(src: Source, call: ast.Call, keyword: str) -> Edit:
    """An edit adding ``keyword`` (``name=value``) as the last argument of ``call``."""
    node = src.sg(call, "call")
    arguments = node.field("arguments")
    if arguments is None or arguments.kind() != "argument_list":
        raise Skip("unexpected call syntax")
    items = [c for c in arguments.children() if c.is_named() and c.kind() != "comment"]
    if not items:
        if arguments.find(kind="comment") is not None:
            raise Skip("comments inside the call")
        return src.replace(arguments, f"({keyword})")
    last = items[-1]
    last_end = src.span(last)[1]
    close = src.span(arguments)[1] - 1
    between = src.text[last_end:close]
    if between.strip().startswith(",") and ("\n" in between or "\r" in between):
        # one argument per line with a trailing comma: add a line in the same style
        comma = last_end + between.index(",") + 1
        indent = src.indent_at(src.span(last)[0])
        return Edit(comma, comma, f"{src.newline}{indent}{keyword},")
    return Edit(last_end, last_end, f", {keyword}")
