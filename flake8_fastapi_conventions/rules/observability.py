"""XFA8xx: logging and observability.

The logging rules need to know which names are loggers, and which kind.  The kinds come from
the semantic model (scoped bindings, :meth:`Context.lookup`) and the project index (what
another module's ``logger``, ``get_logger()`` or base class is), once, for every rule here:

* ``stdlib``: ``logging.getLogger(...)``/``logging.Logger(...)``/``logging.LoggerAdapter(...)``
  results, Celery's ``get_logger``/``get_task_logger``, the ``logging`` module itself
  (``logging.info(...)``), parameters and functions annotated ``logging.Logger``, and names
  bound to one of those: module level, class attributes, ``self.<attr>`` assigned in a method
  of the class or of a project base class in another module, function locals, a project
  function that returns one (by its return annotation or its ``return`` values; unknown when a
  ``return`` names another known kind than the annotation), names
  imported or re-exported from a project module, ``x or logging.getLogger(...)``;
* ``structlog`` / ``loguru`` (and ``other`` for logbook/eliot): loggers whose methods take
  keyword arguments and format differently;
* unknown (``None``): anything the model cannot follow to one of those.  A rule stays
  silent on an unknown logger where it would only be right for a known kind.

The stdlib-only rules (XFA801, XFA802, XFA807) fire on ``stdlib`` only; XFA804 on any known
kind.
"""

from __future__ import annotations

import ast
import os
import re
from typing import Any, Iterator

from .. import lazy_re
from ..context import FUNCTION_TYPES, SCOPE_TYPES, Context, comment_of, dotted_name, is_main_test, keyword, string_value
from ..project import HTTP_EXCEPTIONS, Symbol
from ..registry import moved_off, rule, visitor

STDLIB = "stdlib"
STRUCTLOG = "structlog"
LOGURU = "loguru"
OTHER = "other"
#: internal: the value ``None`` (``self.logger = None`` before a setup method assigns it)
_NONE = "none"

LOG_METHODS = frozenset(
    {"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log"}
)
#: keyword arguments the stdlib ``Logger._log`` accepts
STDLIB_LOG_KWARGS = frozenset({"exc_info", "stack_info", "stacklevel", "extra"})
#: names that read as "this module's logger" (XFA803) or as some logger (XFA806/XFA908)
LOGGER_NAMES = frozenset(
    {"logger", "log", "_logger", "_log", "LOGGER", "LOG", "_LOGGER", "_LOG", "logging_logger"}
)

#: logging libraries whose names are classified by their dotted name alone (never looked up
#: among the project's modules: ``import logging`` in ``app/core/logging.py`` is the stdlib)
_LIBRARIES = {"logging": STDLIB, "celery": STDLIB, "structlog": STRUCTLOG, "loguru": LOGURU, "logbook": OTHER, "eliot": OTHER}
#: calls that return a stdlib logger
_STDLIB_FACTORIES = frozenset(
    {
        "logging.getLogger",
        "logging.Logger",
        "logging.LoggerAdapter",
        "logging.RootLogger",
        "celery.utils.log.get_logger",
        "celery.utils.log.get_task_logger",
    }
)
#: stdlib logger types (annotations)
_STDLIB_TYPES = frozenset({"logging.Logger", "logging.LoggerAdapter", "logging.RootLogger"})
#: names that are a stdlib logger themselves (``logging.info(...)`` logs to the root logger)
_STDLIB_VALUES = frozenset({"logging", "logging.root"})
#: methods that return a logger of the same kind
_SAME_KIND_METHODS = {
    STDLIB: frozenset({"getChild"}),
    STRUCTLOG: frozenset({"bind", "new", "unbind", "try_unbind"}),
    LOGURU: frozenset({"bind", "opt", "patch", "contextualize"}),
    OTHER: frozenset({"bind"}),
}
_MAX_DEPTH = 8
_MISSING = object()


# -- which names are loggers ------------------------------------------------------------


def _external_kind(qualname: str, role: str) -> str | None:
    """The kind of an external dotted name that is called (``role="call"``), used as an
    object (``"value"``) or written as a type (``"type"``)."""
    head = qualname.split(".", 1)[0]
    library = _LIBRARIES.get(head)
    if library is None:
        return None
    if library != STDLIB:
        # ``structlog.get_logger()``, ``loguru.logger``, ``structlog.stdlib.BoundLogger``
        return library
    if role == "call":
        return STDLIB if qualname in _STDLIB_FACTORIES else None
    if role == "type":
        return STDLIB if qualname in _STDLIB_TYPES else None
    return STDLIB if qualname in _STDLIB_VALUES else None


def _combine_any(kinds: list[str | None]) -> str | None:
    """``a or b``: the kind of the operands that are known, when they agree (an unknown
    operand is the logger handed in, ``logger or logging.getLogger(__name__)``)."""
    known = {k for k in kinds if k is not None and k != _NONE}
    return known.pop() if len(known) == 1 else None


def _combine_all(kinds: list[str | None]) -> str | None:
    """One of several values (``x if c else y``, every ``return`` of a function, every
    assignment of an attribute): known and agreeing, ``None`` values aside."""
    if not kinds or any(k is None for k in kinds):
        return None
    known = {k for k in kinds if k != _NONE}
    if not known:
        return _NONE
    return known.pop() if len(known) == 1 else None


def _method_kind(base: str | None, method: str) -> str | None:
    if base is None or base == _NONE:
        return None
    return base if method in _SAME_KIND_METHODS.get(base, ()) else None


class LoggerModel:
    """Logger kinds of one file's expressions, through its bindings and the project index.

    Facts about other modules' names are kept per file (the index caches the lookups)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._symbols: dict[Any, str | None] = {}
        self._imports_of: dict[str, frozenset[str]] = {}

    # -- expressions of this file ------------------------------------------------------

    def receiver(self, expr: ast.AST, depth: int = 0) -> str | None:
        """The logger kind of the receiver of ``<expr>.info(...)`` at this point of the walk."""
        if depth > _MAX_DEPTH:
            return None
        ctx = self.ctx
        if isinstance(expr, ast.Name):
            binding = ctx.lookup(expr.id)
            if binding is None:
                return None  # a builtin, a star import, or a name bound later
            kind = binding.kind
            if kind == "import":
                return self.dotted(ctx.filename, binding.qualname or "", "value", depth + 1, trusted=True)
            if kind == "param":
                return self.annotation(binding.annotation)
            if kind == "assign":
                found = self.value(binding.value, depth + 1) if binding.value is not None else None
                if found is None or found == _NONE:
                    # ``log: logging.Logger = make()``, ``logger: Logger | None = None``
                    return self.annotation(binding.annotation) or found
                return found
            if kind == "walrus":
                return self.value(binding.value, depth + 1)
            return None
        if isinstance(expr, ast.Attribute):
            base = expr.value
            if isinstance(base, ast.Name) and base.id in ("self", "cls"):
                cls = self._enclosing_class()
                if cls is None:
                    return None
                return self._class_attr(cls, expr.attr, depth + 1)
            if isinstance(base, ast.Name):
                binding = ctx.lookup(base.id)
                if binding is not None and binding.kind == "class":
                    sym = ctx.symbol(base)
                    return self._class_attr(sym, expr.attr, depth + 1) if sym is not None and sym.kind == "class" else None
            qualname = ctx.resolve(expr)
            if qualname is not None:
                head = qualname.split(".", 1)[0]
                if head in _LIBRARIES and ctx.imported_from(expr, head):
                    return _external_kind(qualname, "value")
            return self.symbol(ctx.symbol(expr), depth + 1)
        if isinstance(expr, ast.Call):
            return self.value(expr, depth + 1)
        return None

    def value(self, expr: ast.AST | None, depth: int = 0) -> str | None:
        """The logger kind an expression of this file evaluates to."""
        if expr is None or depth > _MAX_DEPTH:
            return None
        ctx = self.ctx
        if isinstance(expr, ast.Call):
            func = expr.func
            qualname = ctx.resolve(func)
            if qualname is not None:
                head = qualname.split(".", 1)[0]
                if head in _LIBRARIES and ctx.imported_from(func, head):
                    return _external_kind(qualname, "call")
            if isinstance(func, ast.Attribute):
                kind = _method_kind(self.receiver(func.value, depth + 1), func.attr)
                if kind is not None:
                    return kind
            sym = ctx.symbol(func)
            if sym is None:
                return None
            if sym.kind == "external":
                return _external_kind(sym.qualname, "call")
            if sym.kind == "function":
                return self._function(sym, depth + 1)
            return None
        if isinstance(expr, (ast.Name, ast.Attribute)):
            return self.receiver(expr, depth + 1)
        if isinstance(expr, ast.BoolOp):
            return _combine_any([self.value(v, depth + 1) for v in expr.values])
        if isinstance(expr, ast.IfExp):
            return _combine_all([self.value(expr.body, depth + 1), self.value(expr.orelse, depth + 1)])
        if isinstance(expr, ast.Constant) and expr.value is None:
            return _NONE
        return None

    def annotation(self, annotation: ast.expr | None) -> str | None:
        if annotation is None:
            return None
        ctx = self.ctx
        node = ctx.unwrap_annotation(annotation)[0]
        if node is None or isinstance(node, ast.Subscript):
            return None
        qualname = ctx.resolve(node)
        if qualname is None:
            return None
        head = qualname.split(".", 1)[0]
        if head in _LIBRARIES and ctx.imported_from(node, head):
            return _external_kind(qualname, "type")
        sym = ctx.symbol(node)
        return _external_kind(sym.qualname, "type") if sym is not None and sym.kind == "external" else None

    def _enclosing_class(self) -> Symbol | None:
        ctx = self.ctx
        for frame in reversed(ctx.frames):
            if frame.kind == "class":
                node = frame.node
                if not isinstance(node, ast.ClassDef) or ctx.classes.get(node.name) is not node:
                    return None  # a nested class: not in the module's summary
                sym = ctx.index.lookup(ctx.filename, node.name)
                return sym if sym is not None and sym.kind == "class" else None
        return None

    # -- names of the project (summaries) ----------------------------------------------

    def symbol(self, sym: Symbol | None, depth: int = 0) -> str | None:
        if sym is None or depth > _MAX_DEPTH:
            return None
        if sym.kind == "external":
            return _external_kind(sym.qualname, "value")
        if sym.kind == "value" and sym.path is not None:
            key = ("value", sym.qualname)
            if key not in self._symbols:
                self._symbols[key] = None  # a cycle reads as unknown
                self._symbols[key] = self.desc(sym.path, sym.info, depth + 1)
            return self._symbols[key]
        if sym.kind == "attribute" and sym.path is not None and len(sym.info or ()) == 1:
            cls = self.ctx.index.lookup(sym.path, sym.name or "")
            return self._class_attr(cls, sym.info[0], depth + 1)
        return None

    def desc(self, path: str, desc: dict | None, depth: int = 0) -> str | None:
        """The logger kind of a value description of module ``path``."""
        if not isinstance(desc, dict) or depth > _MAX_DEPTH:
            return None
        kind = desc.get("k")
        if kind == "call" and desc.get("f"):
            return self.dotted(path, desc["f"], "call", depth + 1)
        if kind == "ref" and desc.get("n"):
            return self.dotted(path, desc["n"], "value", depth + 1)
        if kind == "method":
            return _method_kind(self.desc(path, desc.get("of"), depth + 1), desc.get("m", ""))
        if kind == "or":
            return _combine_any([self.desc(path, d, depth + 1) for d in desc.get("of", ())])
        if kind == "any":
            return _combine_all([self.desc(path, d, depth + 1) for d in desc.get("of", ())])
        if kind in ("param", "ann"):
            return self.dotted(path, desc["t"], "type", depth + 1) if desc.get("t") else None
        if kind == "const":
            return _NONE if desc.get("t") == "NoneType" else None
        return None

    def dotted(self, path: str, dotted: str, role: str, depth: int = 0, trusted: bool = False) -> str | None:
        """The kind of ``dotted`` as module ``path`` spells it (imports already followed)."""
        if not dotted or depth > _MAX_DEPTH:
            return None
        head = dotted.split(".", 1)[0]
        if head in _LIBRARIES and (trusted or head in self._imported_heads(path)):
            return _external_kind(dotted, role)
        sym = self.ctx.index.lookup(path, dotted)
        if sym is None:
            return None
        if role == "value":
            return self.symbol(sym, depth + 1)
        if sym.kind == "external":
            return _external_kind(sym.qualname, role)
        if role == "call" and sym.kind == "function":
            return self._function(sym, depth + 1)
        return None

    def _imported_heads(self, path: str) -> frozenset[str]:
        found = self._imports_of.get(path)
        if found is None:
            summary = self.ctx.index.summary(path) or {}
            found = frozenset(q.split(".", 1)[0] for q in summary.get("imports", {}).values())
            self._imports_of[path] = found
        return found

    def _function(self, sym: Symbol, depth: int) -> str | None:
        """What a project function returns: its return annotation, else every ``return``."""
        key = ("function", sym.qualname)
        if key in self._symbols:
            return self._symbols[key]
        self._symbols[key] = None
        info = sym.info or {}
        found = None
        returned: list[str | None] = []
        if info.get("ret") and sym.path is not None:
            returned = [self.desc(sym.path, d, depth + 1) for d in info["ret"]]
        if info.get("ann") and sym.path is not None:
            found = self.dotted(sym.path, info["ann"], "type", depth + 1)
            if found is not None and any(k is not None and k not in (_NONE, found) for k in returned):
                # ``def get_logger() -> logging.Logger`` that returns ``structlog.get_logger()``
                # once logging is configured: the annotation does not say which one a caller gets
                found, returned = None, []
        if found is None and returned:
            found = _combine_all(returned)
            if found == _NONE:
                found = None
        self._symbols[key] = found
        return found

    def _class_attr(self, cls: Symbol | None, attr: str, depth: int, seen: set[str] | None = None) -> str | None:
        """The kind of ``<instance of cls>.<attr>``: its class attributes and ``self.<attr>``
        assignments, else those of its project bases (in order)."""
        found = self._class_attr_or_missing(cls, attr, depth, seen or set())
        return None if found is _MISSING else found  # type: ignore[return-value]

    def _class_attr_or_missing(self, cls: Symbol | None, attr: str, depth: int, seen: set[str]) -> object:
        if cls is None or cls.kind != "class" or cls.path is None or depth > _MAX_DEPTH or cls.qualname in seen:
            return None
        seen.add(cls.qualname)
        attrs = (cls.info or {}).get("attrs", {})
        if attr in attrs:
            key = ("attr", cls.qualname, attr)
            if key not in self._symbols:
                self._symbols[key] = None
                self._symbols[key] = self.desc(cls.path, attrs[attr], depth + 1)
            return self._symbols[key]
        for written in (cls.info or {}).get("bases", ()):
            base = self.ctx.index.lookup(cls.path, written)
            if base is None or base.kind != "class":
                return None  # a base that cannot be followed, or a library's class, may set it
            found = self._class_attr_or_missing(base, attr, depth + 1, seen)
            if found is not _MISSING:
                return found
        return _MISSING


def model(ctx: Context) -> LoggerModel:
    return ctx.memo("xfa8_logger_model", lambda: LoggerModel(ctx))


def kind_of(expr: ast.AST, ctx: Context) -> str | None:
    """The logger kind of the receiver of ``<expr>.info(...)``: ``stdlib``, ``structlog``,
    ``loguru``, ``other`` or ``None`` (unknown)."""
    kind = model(ctx).receiver(expr)
    return None if kind == _NONE else kind


def log_call(node: ast.Call, ctx: Context) -> tuple[str, str | None] | None:
    """``(method, kind)`` when ``node`` is ``<logger>.<log method>(...)``; kind may be
    ``None`` (a logger-named receiver of unknown origin)."""
    func = node.func
    if not isinstance(func, ast.Attribute) or func.attr not in LOG_METHODS:
        return None
    kind = kind_of(func.value, ctx)
    if kind is None:
        receiver = func.value
        name = receiver.id if isinstance(receiver, ast.Name) else receiver.attr if isinstance(receiver, ast.Attribute) else None
        if isinstance(receiver, ast.Name):
            imported = ctx.import_of(receiver.id)
            if imported is not None:
                name = imported.rsplit(".", 1)[-1]  # ``from app.log import logger as app_log``
        if name not in LOGGER_NAMES:
            return None
        if isinstance(receiver, ast.Name) and _shown_not_logger(receiver.id, ctx):
            return None
    return func.attr, kind


def _shown_not_logger(name: str, ctx: Context) -> bool:
    """This file binds ``name`` to something that is not a logger we know."""
    binding = ctx.lookup(name)
    if binding is None or binding.kind == "import":
        return False
    if binding.kind == "param":
        return binding.annotation is not None
    return True


def message_arg(node: ast.Call, method: str) -> ast.expr | None:
    """The message argument of a log call (the second one of ``log(level, msg)``)."""
    index = 1 if method == "log" else 0
    if len(node.args) > index:
        arg = node.args[index]
        return None if isinstance(arg, ast.Starred) else arg
    for kw in node.keywords:
        if kw.arg == "msg":
            return kw.value
    return None


# -- rules ----------------------------------------------------------------------------

XFA801 = rule(
    "XFA801",
    "log-message-formatting",
    default=False,
    precision=moved_off("9 of 20", reading="sixth"),
    seeds=("001",),
    message="log message built with {how}; pass a constant message and the values in extra={{...}} (or as %-style arguments)",
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
        "Tests, scripts and CI helper scripts under `.github/`: their log lines go to a "
        "terminal or a CI log, not to a log store that groups and queries messages "
        "(XFA802 and XFA804 still apply there).",
    ),
    fix="unsafe",
)

XFA802 = rule(
    "XFA802",
    "log-kwargs-not-extra",
    default=True,
    seeds=("001",),
    message="stdlib logger call with keyword argument(s) {names}, which logging rejects with TypeError at run time; put them in extra={{...}}",
    what="""
        Reports a stdlib logger call with keyword arguments other than `exc_info`,
        `stack_info`, `stacklevel` and `extra` (structlog style). Stdlib loggers are
        recognised across the project's modules as for XFA801 (a `get_logger()` helper, a
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

XFA803 = rule(
    "XFA803",
    "logger-not-module-name",
    default=False,
    precision=moved_off("1 of 2", reading="fifth", earlier="2 of 8"),
    seeds=("001",),
    message="module logger named {what}; use logging.getLogger(__name__)",
    what="""
        Reports a module-level `logger = logging.getLogger()` (the root logger), or
        `logging.getLogger("some.name")`/`logging.getLogger(__file__)`, assigned to a
        module logger name (`logger`, `log`, `LOGGER`, `_logger`, ...) in a library module.
    """,
    why="""
        Seed 001: "Declare a module-level logger via stdlib: `logger =
        logging.getLogger(__name__)`". The module name puts the logger in the package
        hierarchy, so levels and handlers can be configured per package and every record
        says where it came from; a hand-written string drifts when modules move, and
        the root logger bypasses that configuration.
    """,
    bad="""
        import logging

        logger = logging.getLogger("users")
    """,
    good="""
        import logging

        logger = logging.getLogger(__name__)
    """,
    not_flagged=(
        "`getLogger(\"uvicorn.error\")` and other named loggers inside functions that configure logging.",
        "A literal naming a package the file sits in (`getLogger(\"fastapi\")` in `fastapi/logger.py`).",
        "The root of a subsystem's loggers, handed out by a function of the module (`logger = logging.getLogger(\"billing.fetchers\")` with `def get_logger(name): return logger.getChild(name)`).",
        "Module-level configuration of other libraries' loggers: `logging.getLogger(\"sqlalchemy\").setLevel(...)`, `uvicorn_logger = logging.getLogger(\"uvicorn\")`.",
        "Tests, scripts, `__main__.py` and `if __name__ == \"__main__\":` blocks.",
        "A module that configures logging when imported — `logging.basicConfig(...)`, `dictConfig(...)`, `fileConfig(...)` or `addHandler(...)` in a module-level statement (also one inside a module-level `if`/`try`/`with` block: `if USE_EMBEDDED_DB: logger.addHandler(...)`), also through a function of the module it calls there (`setup_all_loggers()`): an entry point run as `__main__` (where `__name__` says nothing) or the app's logging setup, naming the logger it configures.",
        "The root logger bound and configured at module level (`logger = logging.getLogger()` then "
        "`logger.setLevel(...)`/`addHandler(...)`): an entry point (e.g. an AWS Lambda handler) setting up logging.",
    ),
)

XFA804 = rule(
    "XFA804",
    "error-log-in-except",
    default=False,
    precision=moved_off("11 of 20"),
    seeds=("001",),
    message="logger.error() in an except block drops the traceback; use logger.exception(...)",
    what="""
        Reports `logger.error(...)` directly in the body of an `except` block without an
        `exc_info=` argument, on a logger known to be a stdlib, structlog or loguru one
        (recognised across the project's modules as for XFA801). Tests and scripts are in
        scope.
    """,
    why="""
        Seed 001: "Use `logger.exception()` in except blocks—auto-includes traceback".
        `logger.error` records only the message, so the stack trace that explains the
        failure is lost.
    """,
    bad="""
        import logging

        logger = logging.getLogger(__name__)

        def charge(order_id: int) -> None:
            try:
                submit(order_id)
            except ValueError:
                logger.error("payment.failed", extra={"order_id": order_id})
    """,
    good="""
        import logging

        logger = logging.getLogger(__name__)

        def charge(order_id: int) -> None:
            try:
                submit(order_id)
            except ValueError:
                logger.exception("payment.failed", extra={"order_id": order_id})
    """,
    not_flagged=(
        "`logger.error(..., exc_info=True)` (or any `exc_info=` value).",
        "`logger.error` in a function nested inside the except block, or outside except blocks.",
        "Loggers the plugin cannot follow to a definition.",
        "A message that already carries the traceback (`traceback.format_exc()`, `format_exception(...)`).",
        "An `except` block that already logs the traceback once: `logger.exception(...)` / "
        "`log.exception(e)` (on a logger, not a future's `task.exception()`), another call with `exc_info=` (not `False`/`None`), "
        "loguru's `logger.opt(exception=True).error(...)`, `traceback.print_exc()` (a handler "
        "nested in the block logs another exception's).",
        "An `except` block that re-raises, in a statement of its own body (not under a "
        "condition): `raise`, `raise e`, `raise NewError(...) from e`, `raise NewError(...)` (its "
        "`__context__` keeps the traceback) — the traceback goes on with the exception; "
        "`raise NewError(...) from None` only after an expected failure below (`except TimeoutError:`), "
        "where the new error's traceback is the one that matters. `raise HTTPException(...) from e` counts only for expected "
        "network errors (`httpx`/`requests`/`aiohttp` errors, `TimeoutError`, "
        "`ConnectionError`): FastAPI answers an HTTPException and logs no traceback, so for "
        "other errors the traceback is lost.",
        "Expected failures logged with the caught exception in the call, whose text is the whole "
        "story (a traceback adds frames, not facts): `except FileNotFoundError as e: "
        "logger.error(\"delete failed: %s\", e)` — `ImportError`, `OSError` and its subclasses, "
        "`UnicodeDecodeError`, JSON/TOML/YAML parse errors, `subprocess.CalledProcessError`/`TimeoutExpired`, "
        "and the network errors above, whatever the block does next. Without the exception in "
        "the call the reason is lost, and it is reported.",
        "`except ValueError`/`TypeError` after a `try` whose body is one statement converting "
        "with `int`/`float`/`complex`/`uuid.UUID`/`decimal.Decimal`/`fromisoformat` "
        "(`duration = int(payload)`): bad input, not a bug.",
    ),
    fix="safe",
)

XFA805 = rule(
    "XFA805",
    "print-in-app-code",
    default=False,
    precision=moved_off("3 of 20"),
    seeds=("004",),
    message="print() in application code is not leveled, filtered or structured; use a logger: logger.info(...)",
    what="""
        Reports a call of the builtin `print(...)` in application code.
    """,
    why="""
        Seed 004: "Using print() instead of proper structured logging. Print statements are
        not filterable, not leveled, and get lost in production."
    """,
    bad="""
        def create_user(name: str) -> None:
            print("creating user", name)
    """,
    good="""
        import logging

        logger = logging.getLogger(__name__)

        def create_user(name: str) -> None:
            logger.info("user.creating", extra={"name": name})
    """,
    not_flagged=(
        "Tests and scripts (by path), CI helper scripts under `.github/`, `__main__.py`, `if __name__ == \"__main__\":` blocks, Alembic migrations (files importing `alembic`).",
        "Calls at module level, outside any function or class (they run at import time, like a script or a tutorial module).",
        "CLI modules: files named `cli.py`/`commands.py`/`manage.py` or under `cli/`/`commands/`, files that import `typer`, `click`, `argparse` or `fire`, files that have an `if __name__ == \"__main__\":` block, script-like files with a `print(...)` statement in the module body (they do their work at import), and files that `print(..., file=sys.stderr)` (a command's implementation talking to the terminal).",
        "A `print` this file defines or imports (e.g. `from rich import print`).",
        "Functions (not routes) whose name says they write to the terminal: `display_results`, `print_table`, `show_summary`, `echo_status`.",
        "A command's helper modules, by their siblings: a module of a package whose `__main__.py` parses a command line (`argparse`, `click`, `typer`, ...), "
        "or one a sibling entry script that parses one imports (`run.py` doing `from .store import upsert`) — unless the module or that entry point imports a web framework or an ASGI server (`fastapi`, `uvicorn`, ...).",
    ),
)

XFA806 = rule(
    "XFA806",
    "sensitive-data-logged",
    default=False,
    precision=moved_off("4 of 10"),
    seeds=("004",),
    message="log call includes {name}, which looks like a secret; log an identifier or a masked value instead",
    what="""
        Reports a logger call whose arguments — positional values, values interpolated into
        an f-string, `%` or `.format()` message, keyword values, or `extra` keys — name a
        password, token, secret, authorization header, API key, credit card or SSN
        (`password`, `user.password`, `access_token`, `headers["Authorization"]`,
        `extra={"api_key": ...}`).
    """,
    why="""
        Seed 004: "Logging sensitive data (passwords, tokens, PII, full request bodies with
        credentials). Scrub or mask sensitive fields before logging." Log aggregators keep
        data for a long time and many people can read them.
    """,
    bad="""
        import logging

        logger = logging.getLogger(__name__)

        def login(username: str, password: str) -> None:
            logger.info("auth.login", extra={"username": username, "password": password})
    """,
    good="""
        import logging

        logger = logging.getLogger(__name__)

        def login(username: str, password: str) -> None:
            logger.info("auth.login", extra={"username": username})
    """,
    not_flagged=(
        "Names about a secret that are not the secret: `token_type`, `token_expires_at`, `password_reset_url`, `max_tokens`.",
        "Values passed through a call (`mask(token)`, `len(password)`) or sliced (`token[:6]`).",
        "Words inside the constant message text.",
        "Amounts of (LLM) tokens: `cost_per_token`, `max_token`.",
        "Values already made safe, by a name that says so: `masked_token`, `redacted_password`, `short_token`, `truncated_secret`.",
        "A name bound to no credential: a pagination cursor (`token = resp.get(\"nextPageToken\")`, `token = page.next_cursor`) or a `ContextVar.set(...)` result (`token = request_var.set(r)`).",
        "A secret-named `extra` key or keyword whose value is a name for a fact about the secret, not the secret (`extra={\"refresh_token\": refresh_token_payload}`, `token=token_id`).",
        "Presence flags: a name that starts with `has_`/`is_`/`should_`/`can_`/`needs_`/`contains_` (`has_api_key`, `is_token_valid`), and any key "
        "or keyword whose value is a bool — a comparison, `not x`, `bool(...)`, `isinstance(...)`, "
        "`True`/`False` (`has_refresh_token=token is not None`, `extra={\"api_key_set\": bool(key)}`).",
    ),
)

XFA807 = rule(
    "XFA807",
    "log-event-name",
    default=False,
    seeds=("001",),
    message="log message {msg!r} is not a dot-notation event name; use an event name such as 'user.created' and pass data in extra={{...}}",
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
        "Messages that are not constants (XFA801 covers formatted ones).",
        "structlog/loguru loggers and loggers the plugin cannot follow to a definition.",
    ),
)

XFA808 = rule(
    "XFA808",
    "blocking-log-handler",
    default=False,
    seeds=("004",),
    message="{handler} writes to disk on the event loop thread; attach a QueueHandler and let a QueueListener own the file handler",
    what="""
        Reports `logging.FileHandler`, `logging.handlers.RotatingFileHandler`,
        `TimedRotatingFileHandler` and `WatchedFileHandler` constructed in application code,
        and the same class names as `"class"` values of a `dictConfig` dictionary.
    """,
    why="""
        Seed 004: "Using blocking file I/O handlers for logging in async applications. Use
        QueueHandler or async-safe logging libraries to avoid stalling the event loop."
        Every log call in a coroutine then waits for the disk.
    """,
    bad="""
        import logging

        handler = logging.FileHandler("app.log")
        logging.getLogger().addHandler(handler)
    """,
    good="""
        import logging
        import logging.handlers
        import queue

        log_queue: queue.Queue = queue.Queue(-1)
        listener = logging.handlers.QueueListener(log_queue, logging.FileHandler("app.log"))
        logging.getLogger().addHandler(logging.handlers.QueueHandler(log_queue))
    """,
    not_flagged=(
        "Files that also set up a `QueueHandler` or `QueueListener` (the file handler is behind the queue).",
        "Tests and scripts.",
    ),
)

XFA809 = rule(
    "XFA809",
    "swallowed-exception",
    default=False,
    precision=moved_off("3 of 20"),
    seeds=("000",),
    message="exception swallowed with '{body}' and no comment; handle or log it, or say why it is safe to ignore in a comment (or use contextlib.suppress(...))",
    what="""
        Reports an `except` (or `except*`) block whose body is only `pass` or `...`, with no
        comment on the `except` line, the `pass` line or a line between them.
    """,
    why="""
        Seed 000 lists `except SomeError: pass` among the things not to do: the error
        disappears, and the next reader cannot tell whether that was intended.
    """,
    bad="""
        def cleanup(path: str) -> None:
            try:
                remove(path)
            except OSError:
                pass
    """,
    good="""
        import contextlib

        def cleanup(path: str) -> None:
            with contextlib.suppress(FileNotFoundError):
                remove(path)
    """,
    not_flagged=(
        "Handlers that do anything else: `except asyncio.CancelledError: raise`, logging, returning.",
        "`contextlib.suppress(...)`, which states the intent.",
        "A comment on the `except` line, the `pass` line or between them; a tool directive alone (`# type: ignore`, `# pragma: no cover`) is no comment, a directive followed by a reason is (`# pragma: no cover — defensive`).",
        "A catch another linter's warning was silenced for, on the `except` line: `# pylint: disable=broad-exception-caught` (or `bare-except`, `broad-except`, `W0702`/`W0703`/`W0718`), `# noqa: E722`/`BLE001`/`S110`, `# nosec B110` — the author met the warning and kept the catch on purpose.",
        "`except ImportError`/`ModuleNotFoundError` (the optional-import idiom).",
        "A specific exception class, which names the condition that is expected: `except FileNotFoundError: pass` around a best-effort `os.unlink`, `except ValueError: pass` in a parse fallback, `except httpx.TimeoutException: pass` in a poll or retry loop, `except KeyError: pass` on optional data (as bandit's B110 by default). Only a bare `except:`, `Exception`, `BaseException`, `OSError` (which also hides a permission or disk error), `KeyboardInterrupt`/`SystemExit`/`GeneratorExit` and `asyncio.CancelledError` are reported, alone or in a tuple.",
        "A `try` with an `else:` block (`try: x = d[k]` / `except KeyError: pass` / `else: use(x)`): the else states the intent.",
        "`except asyncio.CancelledError: pass` after a `try` whose body only awaits (awaiting a task just cancelled); "
        "after `task.cancel()` the handler of `try: await task` may catch anything (`except (CancelledError, Exception): pass`).",
        "In tests, a best-effort teardown step in a `finally:` block (`try: api.delete(x)` / `except Exception: pass`).",
    ),
)

XFA810 = rule(
    "XFA810",
    "raise-without-from",
    default=True,
    seeds=("001",),
    message="new exception raised inside 'except ... as {name}' without a cause; add 'from {name}' (or 'from None' to hide it on purpose)",
    what="""
        Reports `raise NewError(...)` (or `raise NewError`) inside an `except ... as e:`
        block without `from e` / `from None`.
    """,
    why="""
        Seed 001: "catch specific exceptions and chain with `from`". `from e` keeps the
        original error as the explicit cause in the traceback ("The above exception was
        the direct cause of..."); without it the report reads as a second failure during
        error handling.
    """,
    bad="""
        class ExternalServiceError(Exception):
            pass

        def fetch(client, url: str) -> bytes:
            try:
                return client.get(url)
            except TimeoutError as e:
                raise ExternalServiceError("upstream timed out")
    """,
    good="""
        class ExternalServiceError(Exception):
            pass

        def fetch(client, url: str) -> bytes:
            try:
                return client.get(url)
            except TimeoutError as e:
                raise ExternalServiceError("upstream timed out") from e
    """,
    not_flagged=(
        "Bare `raise`, and re-raising the caught name (`raise e`, `raise e.with_traceback(tb)`).",
        "`raise ... from e`, `raise ... from None` or any other cause.",
        "`except` blocks without `as name`, and raises in functions nested in the block.",
        "Raising a lower-case name (`raise error`): it may hold the caught exception.",
        "CLI exit signals (`typer.Exit(1)`, `click.Abort()`, `cappa.Exit(...)`, `SystemExit`): they end "
        "the command with a status and print no traceback.",
    ),
    fix="unsafe",
)


# -- XFA801, XFA802, XFA804, XFA806, XFA807 ---------------------------------------------------

_METHOD_KWARGS = STDLIB_LOG_KWARGS | {"msg"}
_LOG_KWARGS = _METHOD_KWARGS | {"level"}
_EVENT_NAME = lazy_re.compile(r"^[a-z_]+(\.[a-z_]+)+$")


@visitor(ast.Call, codes=(XFA801, XFA802, XFA804, XFA806, XFA807))
def logger_calls(node: ast.Call, ctx: Context) -> None:
    func = node.func
    if not isinstance(func, ast.Attribute) or func.attr not in LOG_METHODS:
        return
    found = log_call(node, ctx)
    if found is None:
        return
    method, kind = found
    msg = message_arg(node, method)
    if kind == STDLIB:
        if not _outside_app_code(ctx):
            how = _formatting(msg)
            if how is not None:
                ctx.report(node, XFA801, how=how, fixable=lazy_arguments_blocker(node, method) is None)
        allowed = _LOG_KWARGS if method == "log" else _METHOD_KWARGS
        bad = [kw for kw in node.keywords if kw.arg is not None and kw.arg not in allowed]
        if bad:
            ctx.report(bad[0], XFA802, names=", ".join(f"{kw.arg}=" for kw in bad))
        text = string_value(msg)
        if text is not None and not _EVENT_NAME.match(text):
            shown = text if len(text) <= 40 else text[:37] + "..."
            ctx.report(msg, XFA807, msg=shown)  # type: ignore[arg-type]
    if method == "error" and kind is not None and ctx.wants(XFA804):
        handler = ctx.in_body_of((ast.ExceptHandler,), ("body",))
        if (
            isinstance(handler, ast.ExceptHandler)
            and keyword(node, "exc_info") is None
            and not any(kw.arg is None for kw in node.keywords)
            and not _formats_traceback(node, ctx)
            and not _handler_keeps_traceback(handler, ctx)
            and not _expected_failure(node, handler, ctx)
        ):
            ctx.report(node, XFA804)
    if ctx.wants(XFA806):
        secret = _secret_in_log_call(node, msg, ctx)
        if secret is not None:
            ctx.report(node, XFA806, name=secret)


def _outside_app_code(ctx: Context) -> bool:
    """Tests, scripts and CI helper scripts (files under ``.github/``): their log lines go
    to a terminal or a CI log, not to a log store that is grouped and queried."""
    if ctx.is_test or ctx.is_script:
        return True
    return "/.github/" in "/" + ctx.filename.replace("\\", "/")


# -- XFA804: an except block that keeps the traceback anyway ------------------------------

#: exception types of expected network failures (their traceback says little)
_NETWORK_MODULES = frozenset({"httpx", "httpcore", "requests", "aiohttp", "urllib3", "websockets", "aiosmtplib", "smtplib"})
_NETWORK_ERRORS = frozenset(
    {
        "TimeoutError",
        "ConnectionError",
        "ConnectionRefusedError",
        "ConnectionResetError",
        "ConnectionAbortedError",
        "BrokenPipeError",
        "asyncio.TimeoutError",
        "asyncio.exceptions.TimeoutError",
        "socket.timeout",
        "socket.gaierror",
    }
)
_TRACEBACK_PRINTERS = frozenset({"traceback.print_exc", "traceback.print_exception"})


def _handler_keeps_traceback(handler: ast.ExceptHandler, ctx: Context) -> bool:
    """The ``except`` block logs the traceback elsewhere (``logger.exception(...)``, a call
    with ``exc_info=``, ``traceback.print_exc()``) or re-raises the exception, whose traceback
    the chain keeps (``raise``, ``raise e``, ``raise X from e``)."""
    memo = ctx.memo("xfa804_handlers", dict)
    key = id(handler)
    found = memo.get(key)
    if found is None:
        found = memo[key] = (handler, _logs_traceback(handler, ctx) or _reraises(handler, ctx))
    return found[1]


def _logs_traceback(handler: ast.ExceptHandler, ctx: Context) -> bool:
    stack: list[ast.AST] = list(handler.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (*SCOPE_TYPES, ast.ExceptHandler)):
            continue  # another scope, or another exception's handler
        if isinstance(node, ast.Call):
            func = node.func
            # ``exc_info=`` on any call; loguru's ``logger.opt(exception=True).error(...)``
            option = keyword(node, "exception") if isinstance(func, ast.Attribute) and func.attr == "opt" else None
            for kw in (keyword(node, "exc_info"), option):
                if kw is not None and not (isinstance(kw.value, ast.Constant) and kw.value.value in (False, None)):
                    return True
            if isinstance(func, ast.Attribute) and func.attr == "exception" and log_call(node, ctx) is not None:
                return True
            if ctx.resolve(func) in _TRACEBACK_PRINTERS and ctx.imported_from(func, "traceback"):
                return True
        stack.extend(ast.iter_child_nodes(node))
    return False


def _reraises(handler: ast.ExceptHandler, ctx: Context) -> bool:
    """A statement of the block (not nested under a condition) re-raises the caught
    exception or raises a new one ``from`` it; an ``HTTPException`` raised ``from`` it only
    for expected network errors (FastAPI turns it into a response and logs no traceback)."""
    caught = handler.name
    for stmt in handler.body:
        if not isinstance(stmt, ast.Raise):
            continue
        if stmt.exc is None:
            return True
        if not _is_http_exception(stmt.exc, ctx):
            if stmt.cause is None:
                return True  # ``raise PaymentError(...)``: its ``__context__`` keeps the traceback
            if _is_none(stmt.cause) and _all_expected(handler, ctx):
                # ``except TimeoutError: ... raise StartupError(...) from None``: an expected
                # failure goes on as the new error, whose traceback starts here
                return True
        if caught is None:
            continue
        if isinstance(stmt.exc, ast.Name) and stmt.exc.id == caught:
            return True
        if isinstance(stmt.cause, ast.Name) and stmt.cause.id == caught:
            if not _is_http_exception(stmt.exc, ctx) or _network_errors(handler, ctx):
                return True
    return False


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _all_expected(handler: ast.ExceptHandler, ctx: Context) -> bool:
    """Every type the handler catches is an expected failure (an ``OSError``, a parse error,
    a failed subprocess) or a network error."""
    exc = handler.type
    if exc is None:
        return False
    items = exc.elts if isinstance(exc, ast.Tuple) else [exc]
    return _network_errors(handler, ctx) or all(_expected_type(item, ctx) for item in items)


def _is_http_exception(exc: ast.expr, ctx: Context) -> bool:
    target = exc.func if isinstance(exc, ast.Call) else exc
    name = ctx.resolve(target) or ""
    if name in HTTP_EXCEPTIONS or name.rsplit(".", 1)[-1].endswith("HTTPException"):
        return True
    ancestors = ctx.class_ancestors(target)
    return bool(ancestors and ancestors & HTTP_EXCEPTIONS)


def _network_errors(handler: ast.ExceptHandler, ctx: Context) -> bool:
    """Every type the handler catches is an expected network failure."""
    exc = handler.type
    if exc is None:
        return False
    items = exc.elts if isinstance(exc, ast.Tuple) else [exc]
    for item in items:
        name = ctx.resolve(item)
        if name is None:
            return False
        head = name.split(".", 1)[0]
        if name in _NETWORK_ERRORS and (head == name or ctx.imported_from(item, head)) or (
            head in _NETWORK_MODULES and ctx.imported_from(item, head)
        ):
            continue
        return False
    return True


#: builtin exceptions of expected failures whose text says what happened (an import that
#: is not installed, a file or a permission on one path)
_EXPECTED_BUILTINS = frozenset(
    {
        "ImportError",
        "ModuleNotFoundError",
        "OSError",
        "IOError",
        "EnvironmentError",
        "FileNotFoundError",
        "FileExistsError",
        "PermissionError",
        "IsADirectoryError",
        "NotADirectoryError",
        "UnicodeDecodeError",
    }
)
#: library exceptions of the same kind: a document that does not parse, a command that failed
_EXPECTED_LIBRARY_ERRORS = frozenset(
    {
        "json.JSONDecodeError",
        "json.decoder.JSONDecodeError",
        "tomllib.TOMLDecodeError",
        "tomli.TOMLDecodeError",
        "toml.TomlDecodeError",
        "toml.decoder.TomlDecodeError",
        "yaml.YAMLError",
        "subprocess.CalledProcessError",
        "subprocess.TimeoutExpired",
    }
)
#: conversions whose ``ValueError``/``TypeError`` is the input's fault
_CONVERSIONS = frozenset({"int", "float", "complex"})
_CONVERSION_CALLS = frozenset({"uuid.UUID", "decimal.Decimal", "datetime.datetime.fromisoformat", "datetime.date.fromisoformat"})


def _expected_failure(call: ast.Call, handler: ast.ExceptHandler, ctx: Context) -> bool:
    """The handler catches only expected failures whose message is the whole story, so a
    traceback would add frames, not facts:

    * expected errors (``ImportError``, ``OSError`` and its subclasses, a JSON/TOML/YAML
      parse error, a failed subprocess, a network error) logged with the caught exception
      in the call (``logger.error("delete failed: %s", e)``);
    * ``ValueError``/``TypeError`` of a ``try`` whose body is one statement converting with
      ``int``/``float``/``UUID``/... (``int(payload)``): bad input, not a bug."""
    exc = handler.type
    if exc is None:
        return False
    items = exc.elts if isinstance(exc, ast.Tuple) else [exc]
    if handler.name and _network_errors(handler, ctx) or all(_expected_type(item, ctx) for item in items):
        return handler.name is not None and _mentions(call, handler.name)
    names = [ctx.resolve(item) if ctx.is_builtin(item) else None for item in items]
    if not all(n in ("ValueError", "TypeError", "builtins.ValueError", "builtins.TypeError") for n in names):
        return False
    body = _try_body(handler, ctx)
    if body is None or len(body) != 1:
        return False
    calls = [sub for sub in ast.walk(body[0]) if isinstance(sub, ast.Call)]
    return bool(calls) and all(_is_conversion(sub.func, ctx) for sub in calls)


def _expected_type(item: ast.expr, ctx: Context) -> bool:
    name = ctx.resolve(item)
    if name is None:
        return False
    if ctx.is_builtin(item):
        return name.removeprefix("builtins.") in _EXPECTED_BUILTINS
    head = name.split(".", 1)[0]
    return name in _EXPECTED_LIBRARY_ERRORS and ctx.imported_from(item, head)


def _is_conversion(func: ast.expr, ctx: Context) -> bool:
    if isinstance(func, ast.Name) and func.id in _CONVERSIONS and ctx.is_builtin(func):
        return True
    name = ctx.resolve(func)
    return name in _CONVERSION_CALLS and ctx.imported_from(func, name.split(".", 1)[0])


def _mentions(call: ast.Call, name: str) -> bool:
    """The log call passes the caught exception (``%s`` argument, f-string, ``str(e)``, ``extra``)."""
    for arg in [*call.args, *(kw.value for kw in call.keywords)]:
        if any(isinstance(sub, ast.Name) and sub.id == name for sub in ast.walk(arg)):
            return True
    return False


def _try_body(handler: ast.ExceptHandler, ctx: Context) -> list[ast.stmt] | None:
    """The body of the ``try`` (or ``try``/``except*``) that ``handler`` belongs to."""
    chain = ctx.ancestors
    for i in range(len(chain) - 1, 0, -1):
        if chain[i] is handler:
            parent = chain[i - 1]
            if any(h is handler for h in getattr(parent, "handlers", ())):
                return getattr(parent, "body", None)
            return None
    return None


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


# -- XFA806 ---------------------------------------------------------------------------

_SECRET_WORDS = frozenset({"password", "passwd", "token", "secret", "authorization", "ssn", "apikey", "creditcard", "cvv"})
#: trailing words that keep a name about the secret itself (``password_plain``)
_SECRET_TAILS = frozenset({"value", "str", "plain", "raw", "text", "b", "bytes", "string"})
_SECRET_PAIRS = frozenset(
    {"apikey", "secretkey", "privatekey", "creditcard", "cardnumber", "accesskey", "signingkey", "clientsecret"}
)
#: first words of a name that is a yes/no fact about a secret
_PREDICATE_HEADS = frozenset({"has", "is", "should", "can", "needs", "contains"})
#: words before ``token`` that make the name an amount, not a credential
_RATE_HEADS = frozenset({"per", "max", "min", "num"})
#: first words of a name for a secret already made safe to show (``masked_token``)
_MASKED_HEADS = frozenset(
    {"masked", "redacted", "obfuscated", "truncated", "short", "shortened", "abbreviated", "abbrev", "partial", "scrubbed", "sanitized", "censored"}
)
#: words of a pagination cursor: ``startPageToken``, ``next_page_token``, ``cursor``
_CURSOR_WORDS = frozenset({"page", "cursor", "continuation", "pagination"})
_SPLIT = lazy_re.compile(r"[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])")


def words_of(name: str) -> list[str]:
    return [w.lower() for w in _SPLIT.split(name) if w]


def names_secret(name: str) -> bool:
    """``name`` names a credential: its last word (ignoring ``_value``-like tails) is
    ``password``/``token``/``secret``/..., or it ends in ``api_key``/``credit_card``/
    ``secret_key``/``private_key``."""
    words = words_of(name)
    if len(words) > 1 and words[0] in _PREDICATE_HEADS:
        return False  # ``has_api_key``, ``is_token_valid``: a presence flag, not the secret
    if len(words) > 1 and words[0] in _MASKED_HEADS:
        return False  # ``masked_token``, ``short_token``: shown on purpose, made safe
    while len(words) > 1 and words[-1] in _SECRET_TAILS:
        words.pop()
    if not words:
        return False
    last = words[-1]
    if len(words) > 1 and words[-2] in _RATE_HEADS:
        return False  # ``cost_per_token``, ``max_token``: an amount of (LLM) tokens
    if last in _SECRET_WORDS or last == "pwd":
        return True
    if len(words) >= 2 and words[-2] + last in _SECRET_PAIRS:
        return True
    return last.endswith("password")


def _about_secret(value: ast.AST) -> bool:
    """``value`` is a name for a fact about a secret, not the secret: its words mention one
    but it does not name one (``refresh_token_payload``, ``token_id``, ``password_length``)."""
    name = value.id if isinstance(value, ast.Name) else value.attr if isinstance(value, ast.Attribute) else None
    if name is None or names_secret(name):
        return False
    words = words_of(name)
    return any(w in _SECRET_WORDS or w == "apikey" for w in words) or any(
        a + b in _SECRET_PAIRS for a, b in zip(words, words[1:])
    )


def _bound_to_non_secret(value: ast.AST, ctx: Context) -> bool:
    """``value`` is a local name bound to something that is no credential: a
    ``ContextVar.set(...)`` result (``token = request_var.set(r)``, a ``contextvars.Token``) or
    a pagination cursor (``token = resp.get("nextPageToken")``, ``token = page.next_cursor``)."""
    if not isinstance(value, ast.Name):
        return False
    found = ctx.lookup(value.id)
    if found is None or found.kind not in ("assign", "walrus") or found.value is None:
        return False
    bound = found.value
    if isinstance(bound, ast.Await):
        bound = bound.value
    if isinstance(bound, ast.Call) and isinstance(bound.func, ast.Attribute) and bound.func.attr == "set":
        return True
    for sub in ast.walk(bound):
        text = sub.value if isinstance(sub, ast.Constant) and isinstance(sub.value, str) else (
            sub.attr if isinstance(sub, ast.Attribute) else None
        )
        words = words_of(text) if text is not None and len(text) <= 40 else []
        # the key or attribute names the cursor itself (``next_page_token``, ``cursor``),
        # not a structure that holds one among other things (``page_info``)
        if words and (words[-1] == "cursor" or words[-1] == "token" and _CURSOR_WORDS.intersection(words[:-1])):
            return True
    return False


def _expr_secret(node: ast.AST, ctx: Context) -> str | None:
    if isinstance(node, ast.Name):
        return node.id if names_secret(node.id) and not _bound_to_non_secret(node, ctx) else None
    if isinstance(node, ast.Attribute):
        return _dotted(node) if names_secret(node.attr) else None
    if isinstance(node, ast.Subscript):
        key = node.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str) and names_secret(key.value):
            base = _dotted(node.value) or "..."
            return f"{base}[{key.value!r}]"
        return None
    if isinstance(node, ast.Starred):
        return None
    return None


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else node.attr
    return None


def _is_flag(value: ast.AST, ctx: Context) -> bool:
    """``value`` is a bool: a comparison, ``not x``, ``bool(...)``/``isinstance(...)``, a
    ``True``/``False`` constant, or ``and``/``or`` of those."""
    if isinstance(value, ast.Compare):
        return True
    if isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.Not):
        return True
    if isinstance(value, ast.Constant) and isinstance(value.value, bool):
        return True
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
        return value.func.id in ("bool", "isinstance", "callable", "hasattr") and ctx.is_builtin(value.func)
    if isinstance(value, ast.BoolOp):
        return all(_is_flag(v, ctx) for v in value.values)
    return False


def _secret_in_log_call(node: ast.Call, msg: ast.expr | None, ctx: Context) -> str | None:
    candidates: list[ast.AST] = []
    for arg in node.args:
        if arg is msg:
            if isinstance(msg, ast.JoinedStr):
                candidates.extend(v.value for v in msg.values if isinstance(v, ast.FormattedValue))
            elif isinstance(msg, ast.BinOp):
                right = msg.right
                candidates.extend(right.elts if isinstance(right, ast.Tuple) else [right])
                if isinstance(msg.op, ast.Add):
                    candidates.append(msg.left)
            elif isinstance(msg, ast.Call) and isinstance(msg.func, ast.Attribute) and msg.func.attr == "format":
                candidates.extend(msg.args)
                candidates.extend(kw.value for kw in msg.keywords)
            continue
        candidates.append(arg)
    for kw in node.keywords:
        if kw.arg == "extra" and isinstance(kw.value, ast.Dict):
            for key, value in zip(kw.value.keys, kw.value.values):
                if _is_flag(value, ctx):
                    continue  # ``"has_token": token is not None`` says whether, not what
                text = string_value(key)
                if text is not None and names_secret(text) and not _about_secret(value):
                    if _bound_to_non_secret(value, ctx):
                        continue
                    return f"extra key {text!r}"
                candidates.append(value)
        elif kw.arg in ("exc_info", "stack_info", "stacklevel", "extra") or _is_flag(kw.value, ctx):
            continue
        elif kw.arg is not None and names_secret(kw.arg) and not _about_secret(kw.value):
            if _bound_to_non_secret(kw.value, ctx):
                continue
            return f"{kw.arg}="
        elif kw.arg is not None:
            candidates.append(kw.value)
    for candidate in candidates:
        if isinstance(candidate, (ast.Tuple, ast.List)):
            candidates.extend(candidate.elts)
            continue
        found = _expr_secret(candidate, ctx)
        if found is not None:
            return found
    return None


# -- XFA803 ---------------------------------------------------------------------------


@visitor(ast.Assign, ast.AnnAssign, codes=(XFA803,))
def module_logger_name(node: ast.Assign | ast.AnnAssign, ctx: Context) -> None:
    value = node.value
    if not isinstance(value, ast.Call) or value.keywords and value.keywords[0].arg is None:
        return
    if ctx.frame.kind not in ("module", "class") or ctx.function is not None:
        return
    if any(f.kind in ("function", "lambda") for f in ctx.frames):
        return
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    if not any(isinstance(t, ast.Name) and t.id in LOGGER_NAMES for t in targets):
        return
    if ctx.resolve(value.func) != "logging.getLogger" or not ctx.imported_from(value.func, "logging"):
        return
    if ctx.is_test or ctx.is_script or _is_main_module(ctx) or ctx.in_main_block:
        return
    if _configures_logging_at_import(ctx):
        return
    args = list(value.args) + [kw.value for kw in value.keywords if kw.arg == "name"]
    if not args:
        names = {t.id for t in targets if isinstance(t, ast.Name)}
        if not _configures_root(ctx, names):
            ctx.report(value, XFA803, what="the root logger (getLogger() without a name)")
        return
    first = args[0]
    text = string_value(first)
    if text is not None:
        if _names_own_package(text, ctx.filename):
            return  # ``fastapi/logger.py``: ``getLogger("fastapi")`` is the package's logger
        if _hands_out_children(ctx, {t.id for t in targets if isinstance(t, ast.Name)}):
            return  # the root of a subsystem's loggers, which a function of the module hands out
        ctx.report(value, XFA803, what=repr(text))
    elif isinstance(first, ast.Name) and first.id == "__file__":
        ctx.report(value, XFA803, what="by its file path (__file__)")


def _hands_out_children(ctx: Context, names: set[str]) -> bool:
    """A function of the module returns a child of the logger (``def get_logger(name):
    return logger.getChild(name)``): the named logger is the root of a subsystem's loggers,
    which its modules take from this one, not a module's own logger."""
    for fn in ctx.functions.values():
        for sub in ast.walk(fn):
            if (
                isinstance(sub, ast.Return)
                and isinstance(sub.value, ast.Call)
                and isinstance(sub.value.func, ast.Attribute)
                and sub.value.func.attr == "getChild"
                and isinstance(sub.value.func.value, ast.Name)
                and sub.value.func.value.id in names
            ):
                return True
    return False


def _configures_root(ctx: Context, names: set[str]) -> bool:
    """The module configures the root logger it bound (``logger = logging.getLogger()`` then
    ``logger.setLevel(...)``/``addHandler(...)`` at module level): an entry point such as an
    AWS Lambda handler setting up logging, not a library module naming its logger."""
    tree = ctx.tree
    for stmt in _module_statements(getattr(tree, "body", ())):
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            func = stmt.value.func
            if (
                isinstance(func, ast.Attribute)
                and func.attr in ("setLevel", "addHandler")
                and isinstance(func.value, ast.Name)
                and func.value.id in names
            ):
                return True
    return False


def _module_statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements that run when the module is imported: the module body and the
    bodies of its module-level ``if``/``try``/``with`` blocks (``if USE_EMBEDDED_DB:
    logger.addHandler(...)`` in a settings module), not function or class bodies."""
    for stmt in body:
        yield stmt
        if isinstance(stmt, ast.If):
            yield from _module_statements(stmt.body)
            yield from _module_statements(stmt.orelse)
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            yield from _module_statements(stmt.body)
        elif isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar":
            yield from _module_statements(stmt.body)  # type: ignore[attr-defined]
            for handler in stmt.handlers:  # type: ignore[attr-defined]
                yield from _module_statements(handler.body)
            yield from _module_statements(stmt.orelse)  # type: ignore[attr-defined]
            yield from _module_statements(stmt.finalbody)  # type: ignore[attr-defined]


_LOGGING_SETUP = frozenset({"logging.basicConfig", "logging.config.dictConfig", "logging.config.fileConfig"})


def _configures_logging_at_import(ctx: Context) -> bool:
    """A statement of the module body configures logging when the module is imported:
    ``logging.basicConfig(...)``/``dictConfig(...)``/``fileConfig(...)``, ``x.addHandler(...)``,
    or a call of a function of this module that does (``setup_all_loggers()``).  Such a
    module is an entry point (a script run as ``__main__``, where ``__name__`` says nothing)
    or the app's logging setup, and the named logger it binds is the one it configures."""

    def compute() -> bool:
        tree = ctx.tree
        if not isinstance(tree, ast.Module):
            return False
        local = {
            stmt.name: stmt for stmt in tree.body if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef))
        }
        for stmt in _module_statements(tree.body):
            if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)):
                continue
            call = stmt.value
            if _sets_up_logging(call, ctx):
                return True
            target = local.get(call.func.id) if isinstance(call.func, ast.Name) else None
            if target is not None and _function_sets_up_logging(target, local, ctx, set()):
                return True
        return False

    return ctx.memo("xfa803_configures_logging", compute)


def _sets_up_logging(call: ast.Call, ctx: Context) -> bool:
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "addHandler":
        return True
    return ctx.resolve(func) in _LOGGING_SETUP and ctx.imported_from(func, "logging")


def _function_sets_up_logging(fn: ast.AST, local: dict[str, ast.AST], ctx: Context, seen: set[str]) -> bool:
    """``fn`` configures logging, itself or through another function of the module it calls."""
    for sub in ast.walk(fn):
        if not isinstance(sub, ast.Call):
            continue
        if _sets_up_logging(sub, ctx):
            return True
        name = sub.func.id if isinstance(sub.func, ast.Name) else None
        if name in local and name not in seen:
            seen.add(name)
            if _function_sets_up_logging(local[name], local, ctx, seen):
                return True
    return False


def _names_own_package(name: str, filename: str) -> bool:
    """``name`` is a package the file sits in (``fastapi`` for ``.../fastapi/logger.py``)."""
    parts = name.split(".")
    dirs = filename.replace("\\", "/").split("/")[:-1]
    n = len(parts)
    return n > 0 and any(dirs[i : i + n] == parts for i in range(len(dirs) - n + 1))


def _is_main_module(ctx: Context) -> bool:
    base = ctx.filename.replace("\\", "/").rsplit("/", 1)[-1]
    return base in ("__main__.py", "cli.py", "manage.py")


# -- XFA805 ---------------------------------------------------------------------------

_CLI_MODULES = ("typer", "click", "argparse", "fire", "docopt", "cyclopts", "rich_click", "asyncclick")
_CLI_FILES = frozenset({"cli.py", "commands.py", "manage.py", "__main__.py", "console.py", "command.py"})
_CLI_DIRS = ("/cli/", "/commands/", "/management/", "/bin/", "/cmd/")


def _is_cli_module(ctx: Context) -> bool:
    def compute() -> bool:
        path = "/" + ctx.filename.replace("\\", "/").lstrip("/")
        if path.rsplit("/", 1)[-1] in _CLI_FILES or any(d in path for d in _CLI_DIRS):
            return True
        for qualname in ctx.imports.values():
            if qualname.split(".", 1)[0] in _CLI_MODULES or qualname.startswith("alembic"):
                return True  # CLI frameworks; Alembic migrations wherever they live
        tree = ctx.tree
        if isinstance(tree, ast.Module):
            for stmt in tree.body:
                if isinstance(stmt, ast.If) and is_main_test(stmt.test):
                    return True
                # a ``print(...)`` statement of the module body: a script doing its work at
                # import (``python convert_to_env.py``), whose functions print for it too
                if (
                    isinstance(stmt, ast.Expr)
                    and isinstance(stmt.value, ast.Call)
                    and isinstance(stmt.value.func, ast.Name)
                    and stmt.value.func.id == "print"
                    and ctx.is_builtin(stmt.value.func)
                ):
                    return True
            # ``print(..., file=sys.stderr)``: the module talks to a terminal (a command's
            # implementation imported by its cli.py), application code would log instead
            for sub in ast.walk(tree):
                if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name) and sub.func.id == "print":
                    for kw in sub.keywords:
                        if kw.arg == "file" and ctx.resolve(kw.value) == "sys.stderr":
                            return True
        return False

    return ctx.memo("xfa805_cli_module", compute)


#: first words of a function whose job is to write to the terminal (``display_results``)
_PRINTING_FUNCTIONS = frozenset({"print", "display", "show", "echo", "pprint"})
#: a module importing one of these serves the app: its siblings are no command's helpers
_SERVER_MODULES = frozenset({"fastapi", "starlette", "uvicorn", "gunicorn", "hypercorn", "granian", "litestar"})


def _in_printing_function(ctx: Context) -> bool:
    """A function (not a route) whose name says it prints: ``display_results``, ``_print_table``."""
    for frame in ctx.frames:
        if frame.kind == "function" and frame.route is None:
            name = getattr(frame.node, "name", "")
            if name.lstrip("_").split("_", 1)[0].lower() in _PRINTING_FUNCTIONS:
                return True
    return False


def _import_heads_of(summary: dict) -> set[str]:
    return {q.split(".", 1)[0] for q in summary.get("imports", {}).values() if not q.startswith(".")}


def _is_command_helper(ctx: Context) -> bool:
    """A module of a command, by its siblings: the package's ``__main__.py`` parses a command
    line (``python -m pkg``), or a sibling entry script that parses one imports this module
    (``run.py`` with ``argparse`` doing ``from .store import upsert``); neither the module nor
    that entry point imports a web framework or an ASGI server."""

    def compute() -> bool:
        if ctx.module_imports and {q.split(".", 1)[0] for q in ctx.module_imports.values()} & _SERVER_MODULES:
            return False
        path = os.path.abspath(ctx.filename)
        directory, base = os.path.split(path)
        stem = base[:-3] if base.endswith(".py") else base
        package = os.path.basename(directory)
        try:
            names = sorted(os.listdir(directory))
        except OSError:
            return False
        for name in names:
            if not name.endswith(".py") or name == base:
                continue
            summary = ctx.index.summary(os.path.join(directory, name))
            if not summary:
                continue
            heads = _import_heads_of(summary)
            if not heads & set(_CLI_MODULES) or heads & _SERVER_MODULES:
                continue
            if name == "__main__.py":
                return True
            for qualname in summary.get("imports", {}).values():
                module = qualname.lstrip(".") if qualname.startswith(".") and not qualname.startswith("..") else qualname
                if qualname.startswith(".") and (module == stem or module.startswith(stem + ".")):
                    return True
                if f".{package}.{stem}." in f".{qualname}." and not qualname.startswith("."):
                    return True
        return False

    return ctx.memo("xfa805_command_helper", compute)


@visitor(ast.Call, codes=(XFA805,))
def print_calls(node: ast.Call, ctx: Context) -> None:
    func = node.func
    if not isinstance(func, ast.Name) or func.id != "print":
        return
    if _outside_app_code(ctx) or not ctx.is_builtin(func):
        return
    if len(ctx.frames) == 1:
        return  # a print that runs at import time: a script or a tutorial module
    if _is_cli_module(ctx) or ctx.in_main_block or _in_printing_function(ctx):
        return
    if _is_command_helper(ctx):
        return
    ctx.report(node, XFA805)


# -- XFA808 ---------------------------------------------------------------------------

_FILE_HANDLERS = frozenset(
    {
        "logging.FileHandler",
        "logging.handlers.RotatingFileHandler",
        "logging.handlers.TimedRotatingFileHandler",
        "logging.handlers.WatchedFileHandler",
    }
)
_QUEUE_CLASSES = frozenset({"logging.handlers.QueueHandler", "logging.handlers.QueueListener"})


@visitor(ast.Call, codes=(XFA808,))
def file_handlers(node: ast.Call, ctx: Context) -> None:
    if ctx.is_test or ctx.is_script:
        return
    name = ctx.call_name(node)
    if name is None:
        return
    data = ctx.frames[0].data
    if name in _QUEUE_CLASSES or name.rsplit(".", 1)[-1] in ("QueueHandler", "QueueListener"):
        data["xfa808_queue"] = True
    elif name in _FILE_HANDLERS and ctx.imported_from(node.func, "logging"):
        data.setdefault("xfa808_handlers", []).append((node, name))


@visitor(ast.Dict, codes=(XFA808,))
def dict_config_handlers(node: ast.Dict, ctx: Context) -> None:
    if ctx.is_test or ctx.is_script:
        return
    for key, value in zip(node.keys, node.values):
        if string_value(key) != "class":
            continue
        text = string_value(value)
        if text is None:
            continue
        data = ctx.frames[0].data
        if text in _FILE_HANDLERS:
            data.setdefault("xfa808_handlers", []).append((value, text))
        elif text in _QUEUE_CLASSES:
            data["xfa808_queue"] = True


@visitor(ast.Module, leave=True, codes=(XFA808,))
def report_file_handlers(node: ast.Module, ctx: Context) -> None:
    data = ctx.frames[0].data
    if data.get("xfa808_queue"):
        return
    for handler_node, name in data.get("xfa808_handlers", ()):
        ctx.report(handler_node, XFA808, handler=name)


# -- XFA809 ---------------------------------------------------------------------------

_OPTIONAL_IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError", "builtins.ImportError", "builtins.ModuleNotFoundError"})
_CANCELLED = frozenset({"asyncio.CancelledError", "asyncio.exceptions.CancelledError", "CancelledError", "anyio.get_cancelled_exc_class"})
#: classes that say nothing about which failure was expected (``except Exception: pass``,
#: ``except OSError: pass`` also hides a permission or disk error) or that must not be
#: swallowed (an interrupt, an exit, a generator's close)
_BROAD_ERRORS = frozenset(
    {
        "Exception",
        "BaseException",
        "OSError",
        "IOError",
        "EnvironmentError",
        "KeyboardInterrupt",
        "SystemExit",
        "GeneratorExit",
    }
)


def _broad(qualname: str) -> bool:
    name = qualname[len("builtins.") :] if qualname.startswith("builtins.") else qualname
    return name in _BROAD_ERRORS


#: tool directives say nothing about why an exception is ignored; ``error: XFAnnn``
#: is the expectation marker of this project's eval files
_DIRECTIVE = lazy_re.compile(
    r"^\s*(noqa\b|type:|pragma\b|pylint:|nosec\b|fmt:|isort:|mypy:|pyright:|ruff:|error:\s*XFA\d)",
    re.IGNORECASE,
)


#: a reason written after a directive in the same comment: ``pragma: no cover — defensive``
_DIRECTIVE_REASON = lazy_re.compile(r"(?:\s[-–—]{1,2}\s|[–—]|;)\s*[A-Za-z]{3,}")


def explains(line: str) -> bool:
    """``line`` has a comment that is not only tool directives (a directive followed by a
    reason, ``# pragma: no cover — defensive``, explains)."""
    text = comment_of(line)
    if text is None:
        return False
    return any(
        part.strip() and (not _DIRECTIVE.match(part) or _DIRECTIVE_REASON.search(part)) for part in text.split("#")
    )


#: a suppression, on the ``except`` line, of another linter's report of this very catch —
#: pylint's bare/broad except, pycodestyle's E722, flake8-blind-except's BLE001, bandit's
#: try-except-pass: the author met the warning and kept the catch on purpose
_BROAD_CATCH_SUPPRESSED = lazy_re.compile(
    r"pylint:\s*disable\s*=.*\b(bare-except|broad-except|broad-exception-caught|W0702|W0703|W0718)\b"
    r"|noqa\s*:.*\b(E722|BLE001|S110|B001)\b"
    r"|nosec\b.*\bB110\b",
    re.IGNORECASE,
)


def _catch_suppressed(line: str) -> bool:
    text = comment_of(line)
    return text is not None and _BROAD_CATCH_SUPPRESSED.search(text) is not None


def _handler_types(handler: ast.ExceptHandler, ctx: Context) -> list[str]:
    exc = handler.type
    if exc is None:
        return []
    items = exc.elts if isinstance(exc, ast.Tuple) else [exc]
    return [ctx.resolve(item) or "" for item in items]


@visitor(ast.ExceptHandler, codes=(XFA809,))
def swallowed_exceptions(node: ast.ExceptHandler, ctx: Context) -> None:
    body = node.body
    if not body or not all(_is_noop(stmt) for stmt in body):
        return
    lines = ctx.lines
    if lines is None:
        return  # comments are not known: stay silent
    end = getattr(body[-1], "end_lineno", None) or body[-1].lineno
    for lineno in range(node.lineno, end + 1):
        if 0 < lineno <= len(lines) and explains(lines[lineno - 1]):
            return
    if 0 < node.lineno <= len(lines) and _catch_suppressed(lines[node.lineno - 1]):
        return  # ``except Exception:  # pylint: disable=broad-exception-caught``: kept on purpose
    parent = ctx.parent
    if getattr(parent, "orelse", None):
        return  # ``try: x = d[k] except KeyError: pass else: use(x)``: the else is the intent
    types = _handler_types(node, ctx)
    if types and all(t in _OPTIONAL_IMPORT_ERRORS for t in types):
        return
    if types and not any(_broad(t) or t in _CANCELLED for t in types):
        return  # ``except FileNotFoundError: pass``: the class names the expected condition
    if types and all(t in _CANCELLED for t in types):
        if isinstance(parent, ast.Try) or parent.__class__.__name__ == "TryStar":
            if all(
                isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Await)
                for stmt in parent.body  # type: ignore[attr-defined]
            ):
                return
    if isinstance(parent, ast.Try) or parent.__class__.__name__ == "TryStar":
        if _test_teardown(parent, ctx) or _awaits_cancelled(node, parent, ctx):
            return
    stmt = body[0]
    ctx.report(node, XFA809, body="pass" if isinstance(stmt, ast.Pass) else "...")


def _test_teardown(parent: ast.AST, ctx: Context) -> bool:
    """In a test, ``try: client.delete(x) / except Exception: pass`` as a step of a
    ``finally:`` block: best-effort removal of the test's own leftovers."""
    body = getattr(parent, "body", [])
    if not ctx.is_test or len(body) != 1 or not isinstance(body[0], ast.Expr):
        return False
    chain = ctx.ancestors
    for i in range(len(chain) - 2, -1, -1):
        ancestor = chain[i]
        if isinstance(ancestor, SCOPE_TYPES):
            return False
        child = chain[i + 1]
        if isinstance(ancestor, ast.Try) and any(c is child for c in ancestor.finalbody):
            return True
    return False


def _awaits_cancelled(handler: ast.ExceptHandler, parent: ast.AST, ctx: Context) -> bool:
    """``task.cancel()`` then ``try: await task / except (CancelledError, Exception): pass``:
    waiting for a task just cancelled, whatever it ends with."""
    body = getattr(parent, "body", [])
    if len(body) != 1 or not isinstance(body[0], ast.Expr) or not isinstance(body[0].value, ast.Await):
        return False
    awaited = dotted_name(body[0].value.value)
    if awaited is None:
        return False
    chain = ctx.ancestors
    if len(chain) < 2:
        return False
    container = chain[-2]
    for field in ("body", "orelse", "finalbody"):
        block = getattr(container, field, None)
        if isinstance(block, list) and any(s is parent for s in block):
            index = next(i for i, s in enumerate(block) if s is parent)
            if index == 0:
                return False
            prev = block[index - 1]
            return (
                isinstance(prev, ast.Expr)
                and isinstance(prev.value, ast.Call)
                and isinstance(prev.value.func, ast.Attribute)
                and prev.value.func.attr == "cancel"
                and dotted_name(prev.value.func.value) == awaited
            )
    return False


def _is_noop(stmt: ast.stmt) -> bool:
    if isinstance(stmt, ast.Pass):
        return True
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and stmt.value.value is Ellipsis


# -- XFA810 ---------------------------------------------------------------------------


_TRACEBACK_FORMATTERS = frozenset({"format_exc", "format_exception", "format_tb", "print_exc"})


def _formats_traceback(node: ast.Call, ctx: Context | None = None) -> bool:
    """The call's arguments already hold the traceback (``traceback.format_exc()``), also
    through a name the same function assigned from one (``text = "".join(format_exception(e))``)."""
    carriers = _traceback_names(ctx) if ctx is not None else frozenset()
    for arg in [*node.args, *(kw.value for kw in node.keywords)]:
        for sub in ast.walk(arg):
            if (
                isinstance(sub, ast.Call)
                and isinstance(sub.func, ast.Attribute)
                and sub.func.attr in _TRACEBACK_FORMATTERS
            ):
                return True
            if isinstance(sub, ast.Name) and sub.id in carriers:
                return True
    return False


def _traceback_names(ctx: Context) -> frozenset[str]:
    """Names the innermost function assigns from a traceback formatter."""
    frame = ctx.function
    if frame is None:
        return frozenset()
    found = frame.data.get("xfa804_traceback_names")
    if found is None:
        names = set()
        for stmt in ast.walk(frame.node):
            if isinstance(stmt, ast.Assign) and any(
                isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) and sub.func.attr in _TRACEBACK_FORMATTERS
                for sub in ast.walk(stmt.value)
            ):
                names.update(t.id for t in stmt.targets if isinstance(t, ast.Name))
        found = frame.data["xfa804_traceback_names"] = frozenset(names)
    return found


#: exit signals of CLI frameworks (typer/click/cappa ``Exit``/``Abort``, ``SystemExit``):
#: they end the process with a status, and no traceback is printed that a cause would join
_EXIT_SIGNALS = frozenset({"Exit", "SystemExit", "Abort"})


@visitor(ast.Raise, codes=(XFA810,))
def raise_without_from(node: ast.Raise, ctx: Context) -> None:
    exc = node.exc
    if exc is None or node.cause is not None:
        return
    handler = ctx.in_body_of((ast.ExceptHandler,), ("body",))
    if not isinstance(handler, ast.ExceptHandler) or not handler.name:
        return
    caught = handler.name
    if isinstance(exc, ast.Name):
        if exc.id == caught or not exc.id[:1].isupper() or exc.id in _EXIT_SIGNALS:
            return
    elif isinstance(exc, ast.Call):
        target = exc.func
        tail = target.attr if isinstance(target, ast.Attribute) else target.id if isinstance(target, ast.Name) else ""
        if tail in _EXIT_SIGNALS:
            return  # ``raise typer.Exit(1)``: ends the command, no traceback shows a cause
        # ``raise e.with_traceback(tb)``, ``raise e.copy()``: the caught exception itself
        head = target
        while isinstance(head, (ast.Attribute, ast.Call)):
            head = head.value if isinstance(head, ast.Attribute) else head.func
        if isinstance(head, ast.Name) and head.id == caught and isinstance(target, ast.Attribute):
            return
        if isinstance(target, ast.Name) and not (target.id[:1].isupper() or target.id == "type"):
            return  # ``raise make_error(...)``: a factory may set the cause itself
    else:
        return
    ctx.report(node, XFA810, name=caught)


__all__ = [
    "FUNCTION_TYPES",
    "SCOPE_TYPES",
    "kind_of",
    "log_call",
    "names_secret",
    "words_of",
]
