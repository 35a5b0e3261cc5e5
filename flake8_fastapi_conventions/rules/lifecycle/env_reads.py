"""XFA611: ``os.environ`` / ``os.getenv`` read outside the settings module."""

from __future__ import annotations

import ast

from ...context import Context
from ...registry import rule, visitor
from ...settings import normalize_path


XFA611 = rule(
    "XFA611",
    "env-read-outside-settings",
    default=False,
    seeds=("003", "004"),
    message="{read} reads the environment outside the settings module",
    fix_hint="add a field to the BaseSettings class and read it from settings",
    what="""
        Reports `os.environ[...]`, `os.environ.get(...)`, `os.getenv(...)` (however `os`
        or `environ`/`getenv` were imported) outside the settings/config modules. A
        settings/config module is a file whose name without `.py` is, or ends with,
        `settings`, `config`, `configs`, `conf` or `configuration` (`settings.py`,
        `core/config.py`, `db_config.py`), or any file in a directory named `settings`,
        `config`, `configs` or `conf`. Test and script files (see the layer globs) and files
        under a `tools/` or `bin/` directory are not checked; writes (`os.environ["X"] = ...`)
        are not reads.

        Scope: tests and scripts are not checked. A CI script counts as a script under a
        `scripts/` directory (`.github/scripts/`); elsewhere (`ci/check.py`) it is checked
        like application code unless the layer globs (`fastapi-scripts-paths`) say
        otherwise.
    """,
    why="""
        Seed 004: "Use pydantic-settings with BaseSettings for all configuration";
        seed 003: "Settings via `pydantic-settings` `BaseSettings` with `.env` support".
        Scattered environment reads have no types, no validation at start-up and cannot
        be overridden in tests.
    """,
    bad="""
        import os

        REDIS_URL = os.getenv("REDIS_URL", "redis://localhost")
    """,
    good="""
        from app.config import settings

        REDIS_URL = settings.redis_url
    """,
    not_flagged=(
        "Reads in `settings.py`, `config.py`, `core/config.py`, `*/config/*`, `*/settings/*`.",
        "Tests and scripts; assignments to `os.environ`.",
    ),
    example_path="app/services/cache.py",
)


@visitor(ast.Subscript, codes=(XFA611,))
def environ_subscripts(node: ast.Subscript, ctx: Context) -> None:
    if ctx.is_test or not isinstance(node.ctx, ast.Load):
        return
    value = node.value
    if (
        (isinstance(value, ast.Attribute) and value.attr == "environ")
        or (isinstance(value, ast.Name) and value.id == "environ")
    ):
        if ctx.resolve(value) == "os.environ" and ctx.imported_from(value, "os") and _env_checked(ctx):
            ctx.report(node, XFA611, read="os.environ[...]")


_CONFIG_STEMS = ("settings", "config", "configs", "conf", "configuration")
_CONFIG_DIRS = frozenset({"settings", "config", "configs", "conf"})
#: directories of stand-alone tools, besides the scripts layer's globs
_TOOL_DIRS = frozenset({"tools", "bin"})


def is_config_module(path: str) -> bool:
    """A settings/config module: the file stem is, or ends with, a config word, or a
    directory on the path is named ``settings``/``config``/``configs``/``conf``."""
    parts = normalize_path(path).strip("/").split("/")
    stem = parts[-1].rsplit(".", 1)[0].lower() if parts else ""
    if any(stem == s or stem.endswith("_" + s) for s in _CONFIG_STEMS):
        return True
    return any(p.lower() in _CONFIG_DIRS for p in parts[:-1])


def _env_checked(ctx: Context) -> bool:
    return ctx.memo(
        "xfa6_env_checked",
        lambda: not (ctx.is_test or ctx.is_script or is_config_module(ctx.filename) or _is_tool(ctx.filename)),
    )


def _is_tool(path: str) -> bool:
    return any(p in _TOOL_DIRS for p in normalize_path(path).strip("/").split("/")[:-1])


@visitor(ast.Call, codes=(XFA611,))
def environ_reads(node: ast.Call, ctx: Context) -> None:
    func = node.func
    if isinstance(func, ast.Attribute):
        if func.attr == "getenv":
            pass
        elif func.attr == "get" and (
            (isinstance(func.value, ast.Attribute) and func.value.attr == "environ")
            or (isinstance(func.value, ast.Name) and func.value.id == "environ")
        ):
            pass
        else:
            return
    elif isinstance(func, ast.Name):
        if func.id != "getenv":
            return
    else:
        return
    qualname = ctx.resolve(func)
    if qualname not in ("os.getenv", "os.environ.get") or not ctx.imported_from(func, "os"):
        return
    if _env_checked(ctx):
        ctx.report(node, XFA611, read=f"{qualname}()")
