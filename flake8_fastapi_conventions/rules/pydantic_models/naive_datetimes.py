"""XFA411: ``datetime.utcnow()``/``datetime.now()`` without a timezone."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Callable

from ...context import Context, short_source
from ...fixes import Finding, Fix, Need, Skip, fixes, offered, text_of
from ...line_budget import LineEdit, arguments_start
from ...registry import moved_off, rule
from ...targets import Targets
from ._shared import MODEL_CALLS, NOT_FLAGGED_GENERATED

if TYPE_CHECKING:  # the fix engine, on ast-grep, is imported only when fixing
    from ...fixer.engine import Source


#: what a naive *local* ``now()`` is used for correctly on the spot (no datetime escapes)
_LOCAL_TIME_USES = frozenset(
    {"timestamp", "strftime", "date", "time", "year", "month", "day", "hour", "minute", "second", "weekday", "isoweekday"}
)


XFA411 = rule(
    "XFA411",
    "naive-datetime",
    default=False,
    precision=moved_off("3 of 20"),
    seeds=("004",),
    message="{call}() returns a naive datetime",
    fix_hint="use {replacement}",
    what="""
        Reports `datetime.utcnow()`, `datetime.utcfromtimestamp(ts)`, and `datetime.now()` /
        `datetime.today()` without a time zone, for both `from datetime import datetime` and
        `import datetime` (`datetime.datetime.utcnow()`). The message advises
        `datetime.now(timezone.utc)`, which works on every Python version (`datetime.UTC`, an
        alias, from Python 3.11 on; when the file already imports `UTC`, that). The fixer rewrites
        `utcnow()`.
    """,
    why="""
        Seed 004: "Mixing naive and timezone-aware datetimes. Always use timezone-aware datetimes
        (UTC) throughout the application. Naive datetimes cause silent bugs when serializing or
        comparing across timezones." `utcnow()` is also deprecated since Python 3.12. The fix is
        unsafe because comparing the new aware value with stored naive ones raises `TypeError`.
    """,
    bad="""
        from datetime import datetime


        def stamp() -> datetime:
            return datetime.utcnow()
    """,
    good="""
        from datetime import UTC, datetime


        def stamp() -> datetime:
            return datetime.now(UTC)
    """,
    not_flagged=(
        "`datetime.now(tz=...)`, `datetime.now(UTC)`, `datetime.now(timezone.utc)`.",
        "`date.today()` (a date has no time zone) and methods of other libraries (`pendulum.now()`).",
        "`datetime.utcnow` passed without being called (e.g. `default=datetime.utcnow`).",
        "`datetime.now().timestamp()` (correct: a naive local time converts to the right epoch), and "
        "`datetime.now().strftime(...)`/`.date()`/`.year`, which use the local time on the spot. "
        "`datetime.utcnow().timestamp()` is still flagged: it is off by the UTC offset.",
        "The same after `± timedelta(...)` or `.replace(minute=0, …)` (no `tzinfo=`): "
        "`(datetime.now() - timedelta(days=7)).timestamp()`; and `datetime.now().astimezone(UTC)`, "
        "which is aware.",
        "The same through a local variable that is only read that way (`end = datetime.now()` ... "
        "`end.strftime(\"%Y-%m-%d\")`).",
        "An in-process interval timer: `self.loaded_at = datetime.now()` and `datetime.now() - "
        "self.loaded_at > ttl`, when the class sets that attribute only from `now()` and reads it only "
        "to subtract it from `now()`.",
        "`datetime.now()`/`today()` in tests (`tests/`, `test_*.py`, `conftest.py`): mock and fixture "
        "timestamps are the test's own data. `utcnow()`/`utcfromtimestamp()`, deprecated, are still "
        "flagged there.",
        NOT_FLAGGED_GENERATED,
    ),
    fix="unsafe",
)


@MODEL_CALLS.on("utcnow", "utcfromtimestamp", "now", "today", rules=(XFA411,))
def _naive_datetime(node: ast.Call, func: ast.Attribute, ctx: Context) -> None:
    method = func.attr
    qualname = ctx.resolve(func)
    if qualname != f"datetime.datetime.{method}" or not ctx.imported_from(func, "datetime"):
        return
    shown = short_source(func.value, 30)
    # ``timezone.utc`` works on every Python; ``UTC`` (an alias of it) from 3.11 on
    notes = []
    if isinstance(func.value, ast.Attribute):  # ``datetime.datetime.now()``
        module = short_source(func.value.value, 30)
        utc = f"{module}.timezone.utc"
        notes.append(f"or {module}.UTC on Python >= 3.11")
    else:
        imported = {q: name for name, q in ctx.module_imports.items() if q in ("datetime.UTC", "datetime.timezone")}
        if "datetime.UTC" in imported:
            utc = imported["datetime.UTC"]
        else:
            utc = f"{imported.get('datetime.timezone', 'timezone')}.utc"
            if "datetime.timezone" not in imported:
                notes.append("from datetime import timezone")
            notes.append("or UTC on Python >= 3.11")
    if method == "utcnow":
        if node.args or node.keywords:
            return
        replacement = f"{shown}.now({utc})"
    elif method == "utcfromtimestamp":
        if not node.args or len(node.args) != 1 or node.keywords or isinstance(node.args[0], ast.Starred):
            return
        replacement = f"{shown}.fromtimestamp({short_source(node.args[0], 20)}, {utc})"
    elif method == "now":
        if len(node.args) > 1 or any(isinstance(a, ast.Starred) for a in node.args):
            return
        tz = node.args[0] if node.args else None
        for kw in node.keywords:
            if kw.arg == "tz":
                tz = kw.value
            else:
                return  # **kwargs or an unknown keyword: cannot tell
        if tz is not None and not (isinstance(tz, ast.Constant) and tz.value is None):
            return
        replacement = f"{shown}.now({utc})"
    else:  # today
        if node.args or node.keywords:
            return
        replacement = f"{shown}.now({utc})"
    if method in ("now", "today"):
        if ctx.is_test:
            return  # a test's naive timestamps are its own data (``utcnow()``, deprecated, still counts)
        if _used_as_local_time(node, ctx):
            return  # ``datetime.now().timestamp()`` is right; ``.strftime()`` shows local time on purpose
        if _interval_clock(node, ctx):
            return  # ``now() - self.loaded_at > timedelta(...)``, both ends from the same clock
    if notes:
        replacement += f" ({'; '.join(notes)})"
    fixable = method == "utcnow" and not meets_unknown_timezone(node, ctx.parent)
    ctx.report(
        node,
        XFA411,
        fixable=fixable,
        edits=_utcnow_edits(ctx, node) if fixable else None,
        call=f"{shown}.{method}",
        replacement=replacement,
    )


def utc_argument(
    receiver: ast.expr, text: Callable[[ast.AST], str], targets: Targets, name: Callable[[str, str], str]
) -> str | None:
    """The time zone the XFA411 fix passes to ``now()``, for the receiver of ``utcnow()``
    (``datetime`` or ``<module>.datetime``), or None for another receiver; ``name(module,
    name)``: what the fix writes for an imported name."""
    # datetime.UTC exists from Python 3.11: only a project that requires it gets it
    python = targets.python
    modern = python is not None and python >= (3, 11)
    if isinstance(receiver, ast.Attribute) and receiver.attr == "datetime":
        module = text(receiver.value)
        return f"{module}.UTC" if modern else f"{module}.timezone.utc"
    if isinstance(receiver, ast.Name):
        return name("datetime", "UTC") if modern else f"{name('datetime', 'timezone')}.utc"
    return None


def _utcnow_edits(ctx: Context, call: ast.Call) -> list[LineEdit] | None:
    """The edits of the XFA411 fix (as :func:`fix_utcnow` makes them), for the line length;
    None when the project sets none (nothing to measure)."""
    lines = ctx.lines
    if ctx.targets.line_length is None or lines is None:
        return None
    assert isinstance(call.func, ast.Attribute)
    tz = utc_argument(call.func.value, ctx.text_of, ctx.targets, ctx.written_name)
    paren = arguments_start(lines, call)
    if tz is None or paren is None:
        return None
    end = (call.end_lineno or call.lineno, call.end_col_offset or 0)
    func_end = (call.func.end_lineno or call.func.lineno, call.func.end_col_offset or 0)
    # ``utcnow`` -> ``now`` (never longer), and the arguments ``()`` -> ``(tz)``
    method = (func_end[0], func_end[1] - len("utcnow")), func_end, "now"
    return [method, (paren, end, f"({tz})")]


def _used_as_local_time(call: ast.Call, ctx: Context) -> bool:
    """A naive local ``now()`` that is used on the spot where that is right: converted to an
    epoch, formatted, taken apart (``_LOCAL_TIME_USES``) or made aware (``.astimezone(...)``),
    also after ``± timedelta(...)`` arithmetic (``(now() - timedelta(days=7)).timestamp()``) or
    ``.replace(minute=0, ...)`` without ``tzinfo=`` (``now().replace(second=0).astimezone(UTC)``)."""
    current: ast.expr = call
    ancestors = ctx.ancestors
    index = len(ancestors) - 1
    while index >= 0:
        parent = ancestors[index]
        if isinstance(parent, ast.BinOp) and isinstance(parent.op, (ast.Add, ast.Sub)):
            other = parent.right if parent.left is current else parent.left
            if isinstance(parent.op, ast.Sub) and parent.left is not current:
                return False  # ``x - now()``: not a datetime any more
            if not (isinstance(other, ast.Call) and ctx.resolve(other.func) == "datetime.timedelta"):
                return False
            current = parent
            index -= 1
            continue
        if isinstance(parent, (ast.Assign, ast.AnnAssign)) and parent.value is current:
            targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
            if len(targets) == 1 and isinstance(targets[0], ast.Name):
                return _only_local_uses(ctx, targets[0].id)
            return False
        if not isinstance(parent, ast.Attribute) or parent.value is not current:
            return False
        if parent.attr in _LOCAL_TIME_USES or parent.attr == "astimezone":
            return True
        if parent.attr != "replace" or index == 0:
            return False
        replace = ancestors[index - 1]
        if not isinstance(replace, ast.Call) or replace.func is not parent:
            return False
        if any(kw.arg in ("tzinfo", None) for kw in replace.keywords) or len(replace.args) > 7 or any(
            isinstance(a, ast.Starred) for a in replace.args
        ):
            return False  # ``.replace(tzinfo=UTC)`` labels local time as UTC: still naive-wrong
        current = replace
        index -= 2
    return False


def _is_local_now(ctx: Context, expr: ast.expr | None) -> bool:
    """``datetime.now()`` without a time zone (as this file imports ``datetime``)."""
    return (
        isinstance(expr, ast.Call)
        and isinstance(expr.func, ast.Attribute)
        and expr.func.attr == "now"
        and not expr.args
        and not expr.keywords
        and ctx.resolve(expr.func) == "datetime.datetime.now"
    )


def _self_attr(expr: ast.expr | None) -> str | None:
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id == "self":
        return expr.attr
    return None


def _interval_clock(call: ast.Call, ctx: Context) -> bool:
    """``self.loaded_at = datetime.now()`` and ``datetime.now() - self.loaded_at``, where the
    class sets that attribute only from a local ``now()`` and reads it only to subtract it
    from another: an in-process interval timer, nothing is stored or compared across zones."""
    parent = ctx.parent
    if isinstance(parent, ast.Assign) and parent.value is call and len(parent.targets) == 1:
        attr = _self_attr(parent.targets[0])
    elif isinstance(parent, ast.BinOp) and isinstance(parent.op, ast.Sub) and parent.left is call:
        attr = _self_attr(parent.right)
    else:
        return False
    if attr is None:
        return False
    cls = next((f.node for f in reversed(ctx.frames) if f.kind == "class"), None)
    if not isinstance(cls, ast.ClassDef):
        return False
    memo: dict[tuple[int, str], bool] = ctx.memo("xfa411_clocks", dict)
    key = (id(cls), attr)
    if key not in memo:
        memo[key] = _clock_attribute(ctx, cls, attr)
    return memo[key]


def _clock_attribute(ctx: Context, cls: ast.ClassDef, attr: str) -> bool:
    subtracted: set[int] = set()
    for node in ast.walk(cls):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub) and _self_attr(node.right) == attr:
            if not _is_local_now(ctx, node.left):
                return False
            subtracted.add(id(node.right))
    stores = 0
    for node in ast.walk(cls):
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(_self_attr(t) == attr for t in targets):
                if not isinstance(node, ast.Assign) or len(targets) != 1 or not _is_local_now(ctx, node.value):
                    return False
                stores += 1
        elif _self_attr(node) == attr and isinstance(node.ctx, ast.Load) and id(node) not in subtracted:  # type: ignore[attr-defined]
            return False  # read for something else: stored, returned, compared
    return stores > 0 and bool(subtracted)


def _only_local_uses(ctx: Context, name: str) -> bool:
    """Every read of the local variable ``name`` in the current function is a local-time use
    (``end = datetime.now()`` ... ``end.strftime("%Y-%m-%d")``), so no naive datetime escapes."""
    frame = ctx.frame
    if frame.kind != "function":
        return False
    function = frame.node
    reads = local = 0
    for node in ast.walk(function):
        if isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names:
            return False
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == name:
            if node.attr in _LOCAL_TIME_USES and isinstance(node.ctx, ast.Load):
                local += 1
        elif isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load):
            reads += 1
    return reads > 0 and reads == local


def meets_unknown_timezone(call: ast.Call, parent: ast.AST | None) -> bool:
    """The call's value is compared with, or has subtracted from it, a value whose timezone
    this file cannot see (``utcnow() - row.created_at``): made aware, it would raise
    TypeError against a naive ``DateTime`` column, so the XFA411 fix is not offered."""
    if isinstance(parent, ast.Compare):
        return True
    if isinstance(parent, ast.BinOp) and isinstance(parent.op, ast.Sub):
        other = parent.right if parent.left is call else parent.left
        return not (
            parent.left is call
            and isinstance(other, ast.Call)
            and (
                (isinstance(other.func, ast.Name) and other.func.id == "timedelta")
                or (isinstance(other.func, ast.Attribute) and other.func.attr == "timedelta")
            )
        )
    return False


# -- the fix ---------------------------------------------------------------------------


@fixes(XFA411)
def fix_utcnow(src: Source, finding: Finding) -> Fix:
    for call in src.ast_at(finding, ast.Call):
        assert isinstance(call, ast.Call)
        if isinstance(call.func, ast.Attribute) and call.func.attr == "utcnow":
            break
    else:
        raise Skip("only datetime.utcnow() has an automatic fix")
    if call.args or call.keywords:
        raise Skip("utcnow() with arguments")
    offered(finding)
    if meets_unknown_timezone(call, src.parent(call)):  # the message offers no fix there either
        raise Skip("the aware result would meet a value whose timezone is not known here (a naive DateTime column raises TypeError)")
    needs: list[Need] = []

    def use(module: str, name: str) -> str:
        written, need = src.use(module, name)
        needs.extend(need)
        return written

    tz = utc_argument(call.func.value, lambda n: text_of(src, n), src.targets, use)
    if tz is None:
        raise Skip("unexpected receiver of utcnow()")
    node = src.sg(call, "call")
    function = node.field("function")
    attribute = function.field("attribute") if function is not None else None
    arguments = node.field("arguments")
    if attribute is None or arguments is None:
        raise Skip("unexpected call syntax")
    return Fix([src.replace(attribute, "now"), src.replace(arguments, f"({tz})")], tuple(needs))
