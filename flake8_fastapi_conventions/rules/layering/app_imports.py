"""XFA208: a module that imports the app from ``main``."""

from __future__ import annotations

import ast

from ...context import Context, is_main_test
from ...registry import rule, visitor
from ...settings import normalize_path
from ._shared import _file_dirs, _file_stem

XFA208 = rule(
    "XFA208",
    "app-imported-in-module",
    default=True,
    seeds=("003",),
    message="the FastAPI app is imported from {module}",
    fix_hint="pass what you need through dependencies (Depends/request.app) instead of importing app, which causes circular imports",
    what="""
        Reports `from <…>main import app` and `import <…>.main` followed by `<…>.main.app`
        in any module other than the ASGI entry point (`main.py`, `asgi.py`, `wsgi.py`,
        `__main__.py` and launcher modules such as `run.py`/`server.py`), whatever its
        layer: `core/`, `utils/` and `tasks/` modules included.
    """,
    why="""
        Seed 003: "NEVER import `app` in modules to avoid circular imports -- pass
        dependencies via DI". `main.py` imports the routers; a router that imports the app
        back closes the cycle.
    """,
    bad="""
        from app.main import app


        def get_settings():
            return app.state.settings
    """,
    good="""
        from fastapi import Request


        def get_settings(request: Request):
            return request.app.state.settings
    """,
    not_flagged=(
        "Tests, `conftest.py` and scripts.",
        "The entry modules themselves (`main.py`, `asgi.py`, `wsgi.py`, `__main__.py`, "
        "`run.py`, `server.py`, Lambda `handler.py`).",
        "Other names from `main` (`from app.main import create_app`).",
        "A package's `__init__.py` re-exporting the app of its own `main` module "
        "(`from .main import app`, for `uvicorn app:app`), and modules run as a script "
        "(with an `if __name__ == \"__main__\":` block).",
        "Imports under `if TYPE_CHECKING:`.",
        "A sub-application of a subpackage below the importing module (`plugins/__init__.py` "
        "collecting `plugins.echo.main`'s `app` to be mounted), unless the project index shows "
        "that module importing a module of the project.",
    ),
    example_path="app/api/deps.py",
)


#: entry modules that may import the app
_ENTRY_MODULES = frozenset(
    {"main", "asgi", "wsgi", "__main__", "run", "server", "serve", "handler", "lambda_function", "lambda_handler", "conftest"}
)


def _app_import_allowed(ctx: Context) -> bool:
    return ctx.memo(
        "layering.app_import_allowed",
        lambda: ctx.is_test
        or ctx.is_script
        or ctx.path_layer == "main"
        or _file_stem(ctx) in _ENTRY_MODULES
        or _runs_as_script(ctx),
    )


def _runs_as_script(ctx: Context) -> bool:
    """The module has a top-level ``if __name__ == "__main__":`` block: it is run, not
    imported (a launcher, an OpenAPI export)."""
    body = getattr(ctx.tree, "body", [])
    return any(isinstance(stmt, ast.If) and is_main_test(stmt.test) for stmt in body)


@visitor(ast.ImportFrom, codes=(XFA208,))
def imports_of_the_app(node: ast.ImportFrom, ctx: Context) -> None:
    if ctx.in_type_checking:
        return
    _app_import_from(node, ctx)  # any module but the entry points, whatever its layer


def _app_import_from(node: ast.ImportFrom, ctx: Context) -> None:
    module = node.module or ""
    if module.rsplit(".", 1)[-1] != "main" or not any(a.name == "app" for a in node.names):
        return
    if not node.level and module.split(".", 1)[0] in _THIRD_PARTY_MAINS:
        return
    if _app_import_allowed(ctx) or _reexports_own_main(node, ctx) or _sub_app_below(module, node.level or 0, ctx):
        return
    ctx.report(node, XFA208, module="." * (node.level or 0) + module)


def _sub_app_below(module: str, level: int, ctx: Context) -> bool:
    """The ``main`` module imported lives in a subpackage of the importing file's own
    package (``plugins/__init__.py`` importing ``plugins.echo.main``'s ``app``, ``from
    .echo.main import app``): a sub-application the package collects to be mounted, not the
    app that serves the importer — the app module is below the importer, so the importer
    does not sit under the app's routers and no cycle closes through it."""
    parts = [p for p in module.split(".") if p]
    package = parts[:-1]  # without ``main``
    if level:
        # ``from .echo.main import app``: ``echo`` is a subpackage of the importer's directory
        below = level == 1 and len(package) >= 1
    else:
        dirs = _file_dirs(ctx)
        below = any(dirs[-k:] == package[:k] for k in range(min(len(dirs), len(package) - 1), 0, -1))
    return below and not _imports_project(module, level, ctx)


def _imports_project(module: str, level: int, ctx: Context) -> bool:
    """The module ``module`` (as the importing file names it), when the project index finds
    it, imports a module of the project at its top level: it may import the importer back.
    Unknown (no index, not found) is ``False``: the path said enough."""
    index = ctx.index
    path = index.module_path(ctx.filename, "." * level + module) if index is not None else None
    summary = index.summary(path) if path is not None else None
    if not summary:
        return False
    path_dirs = normalize_path(path).split("/")[:-1]
    for qualname in summary.get("imports", {}).values():
        if index.root is None and not qualname.startswith(".") and qualname.split(".", 1)[0] in path_dirs:
            return True  # no project root to search from: ``app.core`` imported by ``app/…``
        parent = qualname.rsplit(".", 1)[0] if "." in qualname.lstrip(".") else qualname
        for candidate in {qualname, parent}:
            if candidate.strip(".") == "" and candidate:
                return True  # ``from . import x``: its own package
            if candidate and index.module_path(path, candidate) is not None:
                return True
    return False


def _reexports_own_main(node: ast.ImportFrom, ctx: Context) -> bool:
    """A package's ``__init__.py`` importing the app of its own ``main`` module (``from
    .main import app`` in ``app/__init__.py``, so that ``uvicorn app:app`` works)."""
    if _file_stem(ctx) != "__init__":
        return False
    module = node.module or ""
    if node.level:
        return node.level == 1 and module == "main"
    package = module.split(".")[:-1]
    dirs = _file_dirs(ctx)
    return bool(package) and dirs[-len(package):] == package


_THIRD_PARTY_MAINS = frozenset({"uvicorn", "typer", "click", "fastapi", "fastapi_cli", "gunicorn", "pip", "celery"})


@visitor(ast.Attribute, codes=(XFA208,))
def app_attribute_of_main(node: ast.Attribute, ctx: Context) -> None:
    if node.attr != "app":
        return
    value = node.value
    head = value
    while isinstance(head, ast.Attribute):
        head = head.value
    if not isinstance(head, ast.Name) or head.id not in ctx.imports:
        return
    dotted = ctx.resolve(value)
    if dotted is None or dotted.rsplit(".", 1)[-1] != "main":
        return
    if dotted.lstrip(".").split(".", 1)[0] in _THIRD_PARTY_MAINS:
        return
    if ctx.in_type_checking or _app_import_allowed(ctx):
        return
    stripped = dotted.lstrip(".")
    if _sub_app_below(stripped, len(dotted) - len(stripped), ctx):
        return
    ctx.report(node, XFA208, module=dotted)
