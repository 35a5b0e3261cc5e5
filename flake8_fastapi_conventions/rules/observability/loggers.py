"""Which names are loggers, and which kind: what the XFA8xx rules share.

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

A rule that relies on the stdlib's formatting (%-style arguments, ``exc_info``) asks for
``stdlib`` only; one about what any logger can do accepts any known kind.
"""

from __future__ import annotations

import ast
import os
from typing import Any

from ...context import Context
from ...registry import Hook
from ...project import Symbol


STDLIB = "stdlib"
STRUCTLOG = "structlog"
LOGURU = "loguru"
OTHER = "other"
#: internal: the value ``None`` (``self.logger = None`` before a setup method assigns it)
_NONE = "none"

LOG_METHODS = frozenset(
    {"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log"}
)
#: the checks the logger-call visitor of :mod:`.dispatch` runs on every call of a known
#: logger's method (key "call"): ``check(node, method, kind, message, ctx)``, ``message``
#: the message argument or None
LOG_CALLS = Hook()
#: keyword arguments the stdlib ``Logger._log`` accepts
STDLIB_LOG_KWARGS = frozenset({"exc_info", "stack_info", "stacklevel", "extra"})
#: names that read as "this module's logger", or as some logger when nothing else shows what it is
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


def _outside_app_code(ctx: Context) -> bool:
    """Tests, scripts, CI helper scripts (files under ``.github/``) and a Sphinx build's
    ``conf.py``: their log lines go to a terminal or a CI log, not to a log store that is
    grouped and queried."""
    if ctx.is_test or ctx.is_script:
        return True
    return "/.github/" in "/" + ctx.filename.replace("\\", "/") or _sphinx_conf(ctx)


#: names a Sphinx ``conf.py`` sets at module level besides ``extensions``
_SPHINX_SETTINGS = frozenset({"html_theme", "project", "master_doc", "root_doc", "templates_path", "autodoc_default_options"})


def _sphinx_conf(ctx: Context) -> bool:
    """The module is Sphinx's configuration: a ``conf.py`` that binds ``extensions`` and
    another setting Sphinx reads (``html_theme``, ``project``, ...) at module level (the
    fourteenth reading's pipecat ``docs/api/conf.py``)."""
    if os.path.basename(ctx.filename) != "conf.py":
        return False

    def compute() -> bool:
        names = {
            t.id
            for stmt in ctx.tree.body
            if isinstance(stmt, (ast.Assign, ast.AnnAssign))
            for t in (stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target])
            if isinstance(t, ast.Name)
        }
        return "extensions" in names and bool(names & _SPHINX_SETTINGS)

    return ctx.memo("xfa8_sphinx_conf", compute)
