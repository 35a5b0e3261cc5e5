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
from typing import Callable, Literal

from . import lazy_re

Fix = Literal["safe", "unsafe"]

CODE_RE = lazy_re.compile(r"^XFA[1-9]\d\d$")


class ReadOnly:
    """Base of the small read-only value classes of the lint path (:class:`Rule`, the settings,
    the project index's symbols): what ``@dataclass(frozen=True)`` gave them — equality and a
    hash over the fields named in ``_fields``, a ``Name(field=value, ...)`` repr, no assignment
    after ``__init__`` (which sets the fields with ``object.__setattr__``), :meth:`replace` —
    without the machinery's cost when the plugin is imported (about 0.3 ms per class, paid by
    every flake8 run)."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: a {type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: a {type(self).__name__} is read-only")

    def _values(self) -> tuple:
        return tuple(getattr(self, f) for f in self._fields)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self is other or self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        return f"{type(self).__qualname__}(" + ", ".join(f"{f}={getattr(self, f)!r}" for f in self._fields) + ")"

    def replace(self, **changes: object):
        """A copy with ``changes`` (``dataclasses.replace``)."""
        values = {f: getattr(self, f) for f in self._fields}
        values.update(changes)
        return type(self)(**values)


class _Docs:
    """A docs field of :class:`Rule` (``what``, ``why``, ``bad``, ``good``, ``config``): kept as
    declared and dedented when first read. Every flake8 run declares all the rules and only
    the docs, ``explain`` and SARIF read these texts (dedenting them all took about 2 ms)."""

    __slots__ = ("slot",)

    def __init__(self, name: str) -> None:
        self.slot = "_" + name

    def __get__(self, obj: Rule | None, owner: type | None = None):
        if obj is None:
            return self
        value = getattr(obj, self.slot)
        if value.__class__ is tuple:  # (text as declared,): not dedented yet
            value = rule_references(_dedent(value[0]))
            object.__setattr__(obj, self.slot, value)
        return value


_REFERENCE = lazy_re.compile(r"\[\[([a-z0-9-]+)\]\]")


def rule_references(text: str) -> str:
    """``text`` with each ``[[rule-name]]`` replaced by that rule's code: a rule's docs name
    another rule by its name, so that a code is written only in the module declaring it."""
    if "[[" not in text:
        return text
    by_name = {r.name: r.code for r in RULES.values()}

    def code(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in by_name:
            raise KeyError(f"[[{name}]]: no rule has that name")
        return by_name[name]

    return _REFERENCE.sub(code, text)


#: the fields of a :class:`Rule`, in declaration order (its constructor's parameters)
RULE_FIELDS = (
    "code", "name", "default", "message", "seeds", "what", "why", "bad", "good", "not_flagged",
    "example_path", "fix", "config", "good_path", "fix_when", "precision", "fix_hint", "module",
)
_DOCS_FIELDS = ("what", "why", "bad", "good", "config")


class Rule(ReadOnly):
    """A declared rule (:func:`rule` makes them): read-only; equal when all fields are.

    A :class:`ReadOnly` rather than a frozen dataclass; with the docs texts dedented when
    read (:class:`_Docs`), declaring the 118 rules costs every flake8 run about 3 ms less."""

    __slots__ = tuple(f"_{f}" if f in _DOCS_FIELDS else f for f in RULE_FIELDS)

    code: str
    name: str
    default: bool
    #: ``str.format`` template of what is wrong (ruff's ``message``)
    message: str
    #: seed guide numbers ("000".."004") the rule comes from
    seeds: tuple[str, ...]
    #: one paragraph: what the rule reports
    what = _Docs("what")
    #: one paragraph: why it matters, citing the guideline
    why = _Docs("why")
    #: a flagged example: running it through the plugin raises exactly this code
    bad = _Docs("bad")
    #: the fixed version: running it raises no XFA code
    good = _Docs("good")
    #: what is deliberately not reported (prose, one item per entry)
    not_flagged: tuple[str, ...]
    #: the path the examples are checked under (the layer can matter)
    example_path: str
    #: "safe" / "unsafe" when ``fastapi-conventions fix`` can rewrite it
    fix: Fix | None
    #: extra configuration notes for the docs page (options that change the rule)
    config = _Docs("config")
    #: the path the fixed example is checked under, when it differs (rules about paths)
    good_path: str | None
    #: where the fix is offered, when not everywhere ("the project is on Pydantic 2")
    fix_when: str
    #: what the precision readings measured, when they set the default (docs page)
    precision: str
    #: ``str.format`` template of how to fix it (ruff's ``fix_title``), same arguments
    fix_hint: str
    #: the module that declares it, whose visitors detect it
    module: str

    def __init__(
        self,
        code: str,
        name: str,
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
        module: str = "",
        *,
        dedented: bool = True,
    ) -> None:
        """``dedented=False``: the docs texts are as declared (indented), to be dedented
        when read."""
        wrap = (lambda text: text) if dedented else (lambda text: (text,))
        values = (
            code, name, default, message, seeds, wrap(what), wrap(why), wrap(bad), wrap(good),
            not_flagged, example_path, fix, wrap(config), good_path, fix_when, precision,
            fix_hint, module,
        )
        setter = object.__setattr__
        for slot, value in zip(Rule.__slots__, values):
            setter(self, slot, value)

    _fields = RULE_FIELDS

    def __hash__(self) -> int:  # consistent with equality: equal rules have the same code
        return hash(self.code)

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


_FIX_SUFFIX = lazy_re.compile(
    r"\s*(?:\((?:unsafe )?fix: fastapi-conventions fix[^)]*\)|\[no automatic fix: .*\])$"
)
_DECLINED = lazy_re.compile(r" \[no automatic fix: (.*)\]$")


def strip_fix_suffix(text: str) -> str:
    """A finding's text without the "(fix: fastapi-conventions fix)" that :meth:`Rule.format`
    adds, or the "[no automatic fix: ...]" of a fix the rule declined (:func:`declined`)."""
    return _FIX_SUFFIX.sub("", text)


def declined(text: str, reason: str) -> str:
    """A finding's text that says why its rule's fix is not offered here (e.g. the rewritten
    line would be over the project's line length): the fixer reads it back."""
    return f"{text} [no automatic fix: {reason}]"


def declined_reason(text: str) -> str | None:
    """The reason :func:`declined` wrote into a finding's text, or None."""
    if not text.endswith("]"):
        return None
    m = _DECLINED.search(text)
    return m.group(1) if m else None


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
    before = pooled_over or {"fourth": "third", "fifth": "fourth", "sixth": "fifth", "seventh": "sixth", "eighth": "seventh", "ninth": "eighth", "tenth": "ninth", "eleventh": "tenth", "twelfth": "eleventh"}[reading]
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
        code, name, default, message, seeds, what, why, bad, good, not_flagged, example_path,
        fix, config, good_path, fix_when, precision, fix_hint,
        sys._getframe(1).f_globals.get("__name__", ""),
        dedented=False,
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


class Visitor:
    """A function subscribed to node types (:func:`visitor`); equal when all fields are."""

    __slots__ = ("fn", "node_types", "leave", "_codes", "_hooks")

    def __init__(
        self,
        fn: VisitorFn,
        node_types: tuple[type, ...],
        leave: bool,
        codes: frozenset[str] = frozenset(),
        hooks: tuple[Hook, ...] = (),
    ) -> None:
        self.fn = fn
        self.node_types = node_types
        self.leave = leave
        self._codes = codes
        self._hooks = hooks

    @property
    def codes(self) -> frozenset[str]:
        """The codes the visitor reports (its own and those of the checks plugged into its
        hooks); used to skip visitors whose rules are all disabled."""
        if not self._hooks:
            return self._codes
        return self._codes | frozenset(r.code for hook in self._hooks for r in hook.rules)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.fn, self.node_types, self.leave, self.codes) == (
            other.fn, other.node_types, other.leave, other.codes  # type: ignore[attr-defined]
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Visitor(fn={self.fn!r}, node_types={self.node_types!r}, leave={self.leave!r}, codes={self.codes!r})"

    @property
    def label(self) -> str:
        return f"{self.fn.__module__}.{self.fn.__qualname__}"


VISITORS: list[Visitor] = []


class Hook:
    """Where rule modules plug their checks into a visitor several rules share (one walk of
    a group's calls, say), by key: a method name, a callee's name. Beside its rule::

        @DATABASE_METHODS.on("commit", rules=(COMMIT_IN_LOOP,))
        def _commit(node, ctx): ...

    The shared visitor, subscribed with ``visitor(..., codes=(DATABASE_METHODS,))``, runs
    ``for check in DATABASE_METHODS.get(name): check(...)`` and reports the rules plugged
    in, so it names none of them and a run that disables them all skips it. A rule that
    only reads what the visitor records (bindings) says so with :meth:`used_by`."""

    __slots__ = ("checks", "rules")

    def __init__(self) -> None:
        self.checks: dict[str, list[Callable]] = {}
        self.rules: list[Rule] = []

    def on(self, *keys: str, rules: tuple[Rule, ...]) -> Callable[[Callable], Callable]:
        def plug(fn: Callable) -> Callable:
            for key in keys:
                self.checks.setdefault(key, []).append(fn)
            self.rules.extend(rules)
            return fn

        return plug

    def used_by(self, *rules: Rule) -> None:
        self.rules.extend(rules)

    def get(self, key: str) -> list[Callable]:
        return self.checks.get(key, _NO_CHECKS)

    def __contains__(self, key: object) -> bool:
        return key in self.checks


_NO_CHECKS: list[Callable] = []


def visitor(
    *node_types: type, leave: bool = False, codes: tuple[Rule | Hook, ...] = ()
) -> Callable[[VisitorFn], VisitorFn]:
    """Subscribe a function ``fn(node, ctx)`` to ``node_types``.

    ``leave=True`` calls it after the node's children were walked (the node's own
    scope frame, if it has one, is still the current one).  ``codes`` names the rules
    the visitor reports, or the :class:`Hook` objects whose plugged-in rules it reports, so a
    run that disables all of them skips the visitor.
    """

    def register(fn: VisitorFn) -> VisitorFn:
        rules = frozenset(r.code for r in codes if isinstance(r, Rule))
        hooks = tuple(h for h in codes if isinstance(h, Hook))
        VISITORS.append(Visitor(fn, node_types, leave, rules, hooks))
        return fn

    return register
