"""XFA805: ``print()`` in application code."""

from __future__ import annotations

import ast
import os

from ...context import Context, is_main_test
from ...registry import moved_off, rule, visitor
from .loggers import _outside_app_code


XFA805 = rule(
    "XFA805",
    "print-in-app-code",
    default=False,
    precision=moved_off("3 of 20"),
    seeds=("004",),
    message="print() in application code is not leveled, filtered or structured",
    fix_hint="use a logger: logger.info(...)",
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
