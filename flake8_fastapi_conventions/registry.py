"""Rule declarations and the visitors that implement them.

Every rule is declared exactly once, with :func:`rule`.  The declaration carries the
code, name, default, message and fix hint, the seed guides it comes from and the
documentation: the docs pages, the README table and the example tests are all derived
from it.

Visitors are plain functions subscribed to AST node types with :func:`visitor`; the
single tree walk in :mod:`.walker` calls them.
"""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass, field
from typing import Callable, Literal

from . import lazy_re

Fix = Literal["safe", "unsafe"]

CODE_RE = lazy_re.compile(r"^XFA[1-9]\d\d$")


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    default: bool
    #: ``str.format`` template of what is wrong (ruff's ``message``)
    message: str
    #: seed guide numbers ("000".."004") the rule comes from
    seeds: tuple[str, ...]
    #: one paragraph: what the rule reports
    what: str
    #: one paragraph: why it matters, citing the guideline
    why: str
    #: a flagged example: running it through the plugin raises exactly this code
    bad: str
    #: the fixed version: running it raises no XFA code
    good: str
    #: what is deliberately not reported (prose, one item per entry)
    not_flagged: tuple[str, ...] = ()
    #: the path the examples are checked under (the layer can matter)
    example_path: str = "app/main.py"
    #: "safe" / "unsafe" when ``fastapi-conventions fix`` can rewrite it
    fix: Fix | None = None
    #: extra configuration notes for the docs page (options that change the rule)
    config: str = ""
    #: the path the fixed example is checked under, when it differs (rules about paths)
    good_path: str | None = None
    #: where the fix is offered, when not everywhere ("the project is on Pydantic 2")
    fix_when: str = ""
    #: what the precision readings measured, when they set the default (docs page)
    precision: str = ""
    #: ``str.format`` template of how to fix it (ruff's ``fix_title``), same arguments
    fix_hint: str = ""
    #: the module that declares it, whose visitors detect it
    module: str = ""

    @property
    def group(self) -> str:
        return self.code[:4]

    def format(self, fixable: bool = True, **kwargs: object) -> str:
        """The message and its fix hint as flake8 shows them (``what; how``);
        ``fixable=False`` for a finding of a fixable rule that the fixer leaves to the user
        (the suffix that advertises the fix is then left out)."""
        text = self.message.format(**kwargs) if kwargs else self.message
        if self.fix_hint:
            text += "; " + (self.fix_hint.format(**kwargs) if kwargs else self.fix_hint)
        if not fixable:
            pass
        elif self.fix == "safe":
            text += " (fix: fastapi-conventions fix)"
        elif self.fix == "unsafe":
            text += " (unsafe fix: fastapi-conventions fix --unsafe-fixes)"
        return f"{self.code} {text}"

    def split(self, text: str) -> tuple[str, str]:
        """``(message, fix hint)`` of a finding's text as :meth:`format` wrote it (with or
        without the code and the fix suffix)."""
        if text.startswith(self.code + " "):
            text = text[len(self.code) + 1 :]
        text = strip_fix_suffix(text)
        hint_pattern = _template_pattern(self.fix_hint)
        at = text.find("; ")
        while at >= 0:
            if hint_pattern.fullmatch(text, at + 2):
                return text[:at], text[at + 2 :]
            at = text.find("; ", at + 1)
        message, _, hint = text.partition("; ")
        return message, hint


_FIX_SUFFIX = lazy_re.compile(r"\s*\((?:unsafe )?fix: fastapi-conventions fix[^)]*\)$")


def strip_fix_suffix(text: str) -> str:
    """A finding's text without the "(fix: fastapi-conventions fix)" that :meth:`Rule.format` adds."""
    return _FIX_SUFFIX.sub("", text)


def _template_pattern(template: str) -> re.Pattern[str]:
    """The texts ``template.format(...)`` can produce."""
    import string

    pattern = ""
    for literal, field_name, _, _ in string.Formatter().parse(template):
        pattern += re.escape(literal)
        if field_name is not None:
            pattern += ".*?"
    return re.compile(pattern, re.DOTALL)


RULES: dict[str, Rule] = {}


def moved_off(
    read: str,
    third: str | None = None,
    *,
    reading: str = "fourth",
    earlier: str | None = None,
    pooled_over: str | None = None,
) -> str:
    """The docs text of a rule a precision reading moved to off: ``read`` is "3 of 20"
    (findings true of those read in that ``reading``); ``third`` (the fourth reading's pooling
    with the third) or ``earlier`` (a later reading's pooling with the one before it) when a
    thin reading was pooled with its predecessor (``pooled_over`` names the readings when
    it was pooled with more than one)."""
    before = pooled_over or {"fourth": "third", "fifth": "fourth", "sixth": "fifth", "seventh": "sixth", "eighth": "seventh"}[reading]
    earlier = third if third is not None else earlier
    if earlier is None:
        found = f"{read} findings read were true on projects nobody had tuned the rules against"
    else:
        found = (
            f"{read} findings read were true there and {earlier} in the {before}, both on "
            "projects nobody had tuned the rules against"
        )
    return (
        f"Off by default since the {reading} precision reading (docs/precision.md): {found}, "
        "under the 95 % a default-on rule needs. The patterns behind the false ones are fixed or "
        "named under *Not flagged*; the rule comes back on when a fresh reading holds 95 %."
    )


def back_on(read: str, *, reading: str = "fifth") -> str:
    """The docs text of a rule an earlier reading moved to off and a fresh one brought back."""
    return (
        f"On by default again since the {reading} precision reading (docs/precision.md): after "
        f"the fixes of the reading that moved it off, {read} findings read were true on "
        "projects nobody had tuned the rules against."
    )


def rule(
    code: str,
    name: str,
    *,
    default: bool,
    message: str,
    seeds: tuple[str, ...],
    what: str,
    why: str,
    bad: str,
    good: str,
    not_flagged: tuple[str, ...] = (),
    example_path: str = "app/main.py",
    fix: Fix | None = None,
    config: str = "",
    good_path: str | None = None,
    fix_when: str = "",
    precision: str = "",
    fix_hint: str = "",
) -> Rule:
    """Declare a rule; returns the :class:`Rule` that visitors report with.

    ``message`` says what is wrong, ``fix_hint`` how to fix it (ruff's ``message`` and
    ``fix_title``); flake8 shows them as ``"what; how"``, SARIF and the docs apart.
    """
    if not CODE_RE.match(code):
        raise ValueError(f"bad rule code {code!r}")
    if code in RULES:
        raise ValueError(f"rule {code} declared twice")
    if code.startswith("XFA9") and default:
        raise ValueError(f"{code}: XFA9xx rules are off by default")
    if "; " in message:
        raise ValueError(f"{code}: the message says what is wrong; the fix goes in fix_hint")
    if not fix_hint:
        raise ValueError(f"{code}: a rule says how to fix what it reports (fix_hint)")
    declared = Rule(
        code=code,
        name=name,
        default=default,
        message=message,
        seeds=seeds,
        what=_dedent(what),
        why=_dedent(why),
        bad=_dedent(bad),
        good=_dedent(good),
        not_flagged=not_flagged,
        example_path=example_path,
        fix=fix,
        config=_dedent(config),
        good_path=good_path,
        fix_when=fix_when,
        precision=precision,
        fix_hint=fix_hint,
        module=sys._getframe(1).f_globals.get("__name__", ""),
    )
    RULES[code] = declared
    return declared


def _dedent(text: str) -> str:
    """``textwrap.dedent(text).strip("\\n")`` for the space-indented docs text of a
    declaration, in a quarter of the time (every run of flake8 declares all the rules)."""
    lines = text.split("\n")
    width = None
    for line in lines:
        stripped = line.lstrip(" ")
        if stripped:
            if stripped[0] == "\t":
                width = None
                break
            indent = len(line) - len(stripped)
            if width is None or indent < width:
                width = indent
    if not width:
        import textwrap

        return textwrap.dedent(text).strip("\n")
    return "\n".join(line[width:] if line.strip() else "" for line in lines).strip("\n")


# -- visitors -----------------------------------------------------------------

VisitorFn = Callable[[ast.AST, "object"], None]


@dataclass
class Visitor:
    fn: VisitorFn
    node_types: tuple[type, ...]
    leave: bool
    #: codes the visitor reports; used to skip visitors whose rules are all disabled
    codes: frozenset[str] = field(default_factory=frozenset)

    @property
    def label(self) -> str:
        return f"{self.fn.__module__}.{self.fn.__qualname__}"


VISITORS: list[Visitor] = []


def visitor(
    *node_types: type, leave: bool = False, codes: tuple[Rule, ...] = ()
) -> Callable[[VisitorFn], VisitorFn]:
    """Subscribe a function ``fn(node, ctx)`` to ``node_types``.

    ``leave=True`` calls it after the node's children were walked (the node's own
    scope frame, if it has one, is still the current one).  ``codes`` names the rules
    the visitor reports, so a run that disables all of them skips the visitor.
    """

    def register(fn: VisitorFn) -> VisitorFn:
        VISITORS.append(
            Visitor(fn, node_types, leave, frozenset(r.code for r in codes))
        )
        return fn

    return register
