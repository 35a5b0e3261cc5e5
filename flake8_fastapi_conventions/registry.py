"""Rule declarations and the visitors that implement them.

Every rule is declared exactly once, with :func:`rule`.  The declaration carries the
code, name, default, message (with its fix hint), the seed guides it comes from and the
documentation: the docs pages, the README table and the example tests are all derived
from it.

Visitors are plain functions subscribed to AST node types with :func:`visitor`; the
single tree walk in :mod:`.walker` calls them.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import Callable, Literal

Fix = Literal["safe", "unsafe"]

CODE_RE = re.compile(r"^XFA[1-9]\d\d$")


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    default: bool
    #: ``str.format`` template; the text after the last ``;`` is the fix hint.
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

    @property
    def group(self) -> str:
        return self.code[:4]

    def format(self, fixable: bool = True, **kwargs: object) -> str:
        """The message; ``fixable=False`` for a finding of a fixable rule that the fixer
        leaves to the user (the suffix that advertises the fix is then left out)."""
        text = self.message.format(**kwargs) if kwargs else self.message
        if not fixable:
            pass
        elif self.fix == "safe":
            text += " (fix: fastapi-conventions fix)"
        elif self.fix == "unsafe":
            text += " (unsafe fix: fastapi-conventions fix --unsafe-fixes)"
        return f"{self.code} {text}"


RULES: dict[str, Rule] = {}


def moved_off(read: str, third: str | None = None) -> str:
    """The docs text of a rule a precision reading moved to off: ``read`` is "3 of 20"
    (findings true of those read in the fourth reading), ``third`` the third reading's when
    the two were pooled."""
    if third is None:
        found = f"{read} findings read were true on six projects nobody had tuned the rules against"
    else:
        found = (
            f"{read} findings read were true there and {third} in the third, both on projects "
            "nobody had tuned the rules against"
        )
    return (
        f"Off by default since the fourth precision reading (docs/precision.md): {found}, under "
        "the 95 % a default-on rule needs. The patterns behind the false ones are fixed or named "
        "under *Not flagged*; the rule comes back on when a fresh reading holds 95 %."
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
) -> Rule:
    """Declare a rule; returns the :class:`Rule` that visitors report with."""
    if not CODE_RE.match(code):
        raise ValueError(f"bad rule code {code!r}")
    if code in RULES:
        raise ValueError(f"rule {code} declared twice")
    if code.startswith("XFA9") and default:
        raise ValueError(f"{code}: XFA9xx rules are off by default")
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
    )
    RULES[code] = declared
    return declared


def _dedent(text: str) -> str:
    import textwrap

    return textwrap.dedent(text).strip("\n")


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
