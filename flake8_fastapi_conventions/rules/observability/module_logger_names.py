"""XFA803: a module logger not named ``__name__``."""

from __future__ import annotations

import ast
from typing import Iterator

from ...context import Context, string_value
from ...registry import moved_off, rule, visitor
from .loggers import LOGGER_NAMES


XFA803 = rule(
    "XFA803",
    "logger-not-module-name",
    default=False,
    precision=moved_off("1 of 2", reading="fifth", earlier="2 of 8"),
    seeds=("001",),
    message="module logger named {what}",
    fix_hint="use logging.getLogger(__name__)",
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
