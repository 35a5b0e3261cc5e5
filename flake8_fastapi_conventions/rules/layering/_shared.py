"""What the XFA2xx rules share: the layer of the file and of the modules it imports
(``file_layer``, ``imported_layers``), and what a health probe is.

A file's layer comes from its path and content (``ctx.layer``).  For the import rules the
layer of an *imported* module is found the same way: the module name is turned into the
path it would have (``app.services.user_service`` -> ``app/services/user_service.py``,
relative imports resolved against the file's own path) and run through the same globs;
when the project index finds the module's file, its content refines that layer as it does
the file's own (``services/search/model.py`` holding only Pydantic classes is a schemas
module)."""

from __future__ import annotations

import ast
import re

from ... import lazy_re
from ...context import Context, RouteInfo
from ...registry import Hook
from ...settings import normalize_path

#: the checks the call visitor of :mod:`.dispatch` runs: by method name for ``x.<method>(...)``
#: (``check(node, method, ctx)``), and "(attribute)" for every such call; "(imported name)"
#: for a call of a name the file imports, "(function)" for one of a function it defines
#: (``check(node, name, ctx)``)
LAYER_CALLS = Hook()

_LAYER_NAMES = {
    "routes": "route",
    "services": "service",
    "repositories": "repository",
    "models": "models",
    "schemas": "schemas",
}


def file_layer(ctx: Context) -> str | None:
    """The file's layer for these rules: as ``ctx.layer``, except that a file under a
    services/repositories path that defines route handlers (a domain package called
    ``service``, as in ``dispatch/service/views.py``) or registers them on an app or router
    (``app.add_api_route(path, endpoint)``, the route table of a runtime whose package is
    called ``services/``) is a routes file; and a file in a ``fakes/``/``mocks/``/``stubs/``
    directory (a test double of a service kept next to it) has no layer."""
    return ctx.memo("layering.file_layer", lambda: _file_layer(ctx))


#: directories of test doubles inside the application tree (``domains/connect/fakes/service.py``)
_TEST_DOUBLE_DIRS = frozenset({"fakes", "mocks", "stubs"})


def _file_layer(ctx: Context) -> str | None:
    layer = ctx.layer  # a file-name glob already beats a directory glob there
    if layer is not None and any(d.lower() in _TEST_DOUBLE_DIRS for d in _file_dirs(ctx)):
        return None  # a test double mirrors the real module's contract: test code
    if layer in ("services", "repositories") and (ctx.top_level_routes() or _registers_routes(ctx)):
        return "routes"
    return layer


_ROUTE_REGISTRATIONS = frozenset({"add_api_route", "add_api_websocket_route"})


def _registers_routes(ctx: Context) -> bool:
    """The file calls ``<app or router>.add_api_route(...)`` (or the websocket variant)."""
    if ctx.lines is not None and not any("add_api_" in line for line in ctx.lines):
        return False  # the walk below is the cost; most files never name the method
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _ROUTE_REGISTRATIONS
        and ctx.is_router(node.func.value)
        for node in ast.walk(ctx.tree)
    )


def layer_of_path(ctx: Context, path: str) -> str | None:
    """The layer of a project path (``Settings.layer_of`` caches the glob matching)."""
    return ctx.settings.layer_of(path)


def _file_dirs(ctx: Context) -> list[str]:
    """The directories of the file's path (``/a/b/c.py`` -> ``["a", "b"]``)."""
    return ctx.memo(
        "layering.file_dirs", lambda: [p for p in normalize_path(ctx.filename).split("/")[:-1] if p]
    )


def _file_stem(ctx: Context) -> str:
    name = normalize_path(ctx.filename).rsplit("/", 1)[-1]
    return name[:-3] if name.endswith(".py") else name


def _path_layer(ctx: Context, parts: list[str]) -> str | None:
    """The layer of the module ``parts`` (``["app", "services", "user_service"]``), from
    the part of its path that is not shared with the importing file's own directory: a
    ``service/models.py`` importing ``service/enums.py`` learns nothing from the
    ``service`` directory they both sit in, while ``app/api/routes/users.py`` importing
    ``app/repositories/x.py`` sees ``repositories/x.py``."""
    return _path_class(ctx, parts)[0]


def _path_class(ctx: Context, parts: list[str]) -> tuple[str | None, bool]:
    """``(layer, by_directory)`` of the module ``parts`` (see :func:`_path_layer`)."""
    if not parts or any(not p or p in (".", "..") for p in parts):
        return None, False
    rest = parts[_shared_prefix(ctx, parts) :]
    if not rest:
        return None, False
    return ctx.settings.classify("_/" + "/".join(rest) + ".py")


def _module_file_layer(ctx: Context, dotted: str, parts: list[str]) -> tuple[bool, str | None]:
    """``(found, layer)`` of the module ``dotted`` (as imported here; ``parts`` is its path
    from the package the file's path starts at): when the project index finds its file, the
    layer is the path's refined by the file's content (``ctx.module_layer``)."""
    path = ctx.index.module_path(ctx.filename, dotted)
    if path is None:
        return False, None
    if path.replace("\\", "/").endswith("/__init__.py"):
        parts = [*parts, "__init__"]
    path_layer, by_directory = _path_class(ctx, parts)
    return True, ctx.module_layer(path, path_layer, by_directory)


def _join(module: str, name: str) -> str:
    return f"{module}{name}" if module.endswith(".") else f"{module}.{name}"


def _shared_prefix(ctx: Context, parts: list[str]) -> int:
    """How many leading ``parts`` are the file's own directories (aligned where the
    first part occurs in the file's path)."""
    dirs = _file_dirs(ctx)
    best = 0
    for start, name in enumerate(dirs):
        if name != parts[0]:
            continue
        n = 0
        while start + n < len(dirs) and n < len(parts) and dirs[start + n] == parts[n]:
            n += 1
        best = max(best, n)
    return best


def _relative_base(ctx: Context, level: int) -> list[str] | None:
    """The package directory a ``level``-dot relative import starts from."""
    dirs = _file_dirs(ctx)
    if level - 1 > len(dirs):
        return None
    return dirs[: len(dirs) - (level - 1)]


def _is_internal(ctx: Context, module: str) -> bool:
    """An absolute import of the project itself: its top package is a directory of the
    file's path (``app.services.x`` from ``app/api/routes/users.py``)."""
    head = module.split(".", 1)[0]
    return head in _file_dirs(ctx)


def imported_layers(ctx: Context, node: ast.Import | ast.ImportFrom) -> list[tuple[str, str]]:
    """``(layer, module)`` of each project module the import statement brings in, where
    the layer is clear."""
    found: list[tuple[str, str]] = []
    if isinstance(node, ast.Import):
        for alias in node.names:
            if not _is_internal(ctx, alias.name):
                continue
            parts = alias.name.split(".")
            known, layer = _module_file_layer(ctx, alias.name, parts)
            if not known:
                layer = _path_layer(ctx, parts)
            if layer is not None:
                found.append((layer, alias.name))
        return found
    level = node.level or 0
    module = node.module or ""
    if level:
        base = _relative_base(ctx, level)
        if base is None:
            return found
        display = "." * level + module
    else:
        if not module or not _is_internal(ctx, module):
            return found
        base = []
        display = module
    mod_parts = base + (module.split(".") if module else [])
    dotted = "." * level + module
    package_known, package_content = _module_file_layer(ctx, dotted, mod_parts) if mod_parts else (False, None)
    module_layer = _path_layer(ctx, mod_parts) if module else None
    init_layer = _path_layer(ctx, mod_parts + ["__init__"]) if mod_parts else None
    package_layer = package_content if package_known else module_layer or init_layer
    for alias in node.names:
        name = alias.name
        sub_known, sub_layer = (False, None)
        if name != "*" and name == name.lower():
            # a submodule the index finds: its own content decides
            sub_known, sub_layer = _module_file_layer(ctx, _join(dotted, name), mod_parts + [name])
        if sub_known:
            layer = sub_layer
        elif package_known:
            layer = package_layer  # a member of the package's (or module's) file
        elif name == "*":
            layer = package_layer
        else:
            name_layer = _path_layer(ctx, mod_parts + [name]) if name == name.lower() else None
            if package_layer is None:
                # ``from app import crud``: the name is a submodule or subpackage when it
                # reads as one both ways (``crud.py`` and ``crud/__init__.py``); a
                # function such as ``get_service`` does not
                layer = name_layer if name_layer == _path_layer(ctx, mod_parts + [name, "__init__"]) else None
            elif name_layer is None or name_layer == package_layer:
                layer = package_layer
            else:
                layer = None  # the package and the name disagree: unclear
        if layer is not None:
            target = display if name == "*" else (f"{display}.{name}" if not display.endswith(".") else f"{display}{name}")
            found.append((layer, target))
    return found


_SQL_MODULES = ("sqlalchemy", "sqlmodel")


_PROBE_WORD = lazy_re.compile(r"(?:^|[^a-z])(health|ready|readiness|live|liveness|alive|ping)", re.IGNORECASE)


def _is_probe(route: RouteInfo, ctx: Context) -> bool:
    if route.path and _PROBE_WORD.search(route.path):
        return True
    if _PROBE_WORD.search(route.node.name):
        return True
    return bool(_PROBE_WORD.search(_file_stem(ctx)))


_FASTAPI = frozenset({"fastapi.FastAPI", "fastapi.applications.FastAPI"})
