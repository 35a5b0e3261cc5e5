"""XFA209: routes declared on the ``FastAPI`` app instead of an ``APIRouter``."""

from __future__ import annotations

import ast

from ...context import Context, Frame, FUNCTION_TYPES, ROUTE_DECORATORS
from ...registry import moved_off, rule, visitor
from ._shared import _FASTAPI, _PROBE_WORD, _ROUTE_REGISTRATIONS, _file_stem, _is_probe

XFA209 = rule(
    "XFA209",
    "route-on-app",
    default=False,
    precision=moved_off("7 of 20"),
    seeds=("002",),
    message="route {decorator}(...) is registered on the FastAPI app",
    fix_hint="put it on an APIRouter (router = APIRouter()) in a routes module and app.include_router(router)",
    what="""
        Reports a route decorator (`get`, `post`, …, `api_route`, `websocket`) on a name
        assigned `FastAPI(...)` in the same file (or in the enclosing app-factory function).
    """,
    why="""
        Seed 002: endpoints declared on the app are "fine at 3 endpoints, disaster at 30";
        the layering is "schemas → deps → routers → services", with every route on a router
        that `main.py` includes.
    """,
    bad="""
        from fastapi import FastAPI

        from app.schemas import ItemCreate, ItemList, ItemRead

        app = FastAPI()


        @app.get("/items")
        async def list_items() -> ItemList:
            return ItemList(items=[])


        @app.post("/items")
        async def create_item(item: ItemCreate) -> ItemRead:
            return ItemRead(id=1, name=item.name)
    """,
    good="""
        from fastapi import APIRouter

        from app.schemas import ItemCreate, ItemList, ItemRead

        router = APIRouter()


        @router.get("/items")
        async def list_items() -> ItemList:
            return ItemList(items=[])


        @router.post("/items")
        async def create_item(item: ItemCreate) -> ItemRead:
            return ItemRead(id=1, name=item.name)
    """,
    not_flagged=(
        "`@app.exception_handler`, `@app.middleware`, `@app.on_event` (not routes).",
        "Tests and scripts (a throwaway app in a test is scaffolding).",
        "`@app.get` where `app` is imported or not visibly a `FastAPI(...)` instance in "
        "this file: it may be an `APIRouter`.",
        "Health/readiness probes (a path, handler or file name with a `health…`, `ready…`, "
        "`live…` or `ping` word): they belong to the app.",
        "An app with one route in all (a worker's status page, a CLI's local OAuth "
        "callback): there is nothing to split into routers.",
        "On an app that includes routers or mounts sub-applications in the same scope (the "
        "API already lives on routers), a GET of the root path `/` or of a catch-all "
        "`{name:path}` (the fallback registered after the routers).",
    ),
    example_path="app/main.py",
)


@visitor(ast.FunctionDef, ast.AsyncFunctionDef, codes=(XFA209,))
def route_on_app(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    if not node.decorator_list or ctx.is_test or ctx.is_script:
        return
    for decorator in node.decorator_list:
        if not (
            isinstance(decorator, ast.Call)
            and isinstance(decorator.func, ast.Attribute)
            and decorator.func.attr in ROUTE_DECORATORS
            and isinstance(decorator.func.value, ast.Name)
        ):
            continue
        target = decorator.func.value.id
        scope = _fastapi_instance_scope(target, ctx)
        if scope is None:
            continue
        if _is_probe_route(node, decorator, ctx):
            continue  # a health/readiness probe belongs to the app, routers or not
        if _app_level_route(node, decorator, ctx) and _composes(scope, target, ctx):
            continue
        if _route_count(scope, target, ctx) == 1:
            continue  # a one-endpoint app (a CLI's OAuth callback, a worker's status page)
        ctx.report(decorator, XFA209, decorator=f"@{target}.{decorator.func.attr}")


def _is_probe_route(fn: ast.FunctionDef | ast.AsyncFunctionDef, decorator: ast.Call, ctx: Context) -> bool:
    """A health/readiness probe, as :func:`_is_probe` knows them (the app may be called
    anything: ``worker = FastAPI()``)."""
    path = decorator.args[0] if decorator.args else next((k.value for k in decorator.keywords if k.arg == "path"), None)
    if isinstance(path, ast.Constant) and isinstance(path.value, str) and _PROBE_WORD.search(path.value):
        return True
    return bool(_PROBE_WORD.search(fn.name) or _PROBE_WORD.search(_file_stem(ctx)))


class AppRouteFacts:
    """Per file, by ``(id(scope), app name)``: how many routes the scope registers on the
    app, and whether it includes routers or mounts sub-applications on it."""

    __slots__ = ("route_counts", "composes")

    def __init__(self) -> None:
        self.route_counts: dict[tuple[int, str], int] = {}
        self.composes: dict[tuple[int, str], bool] = {}


class LocalApps:
    """Per function: each name it assigns, and whether one of the values is a ``FastAPI``
    app (``None`` until computed)."""

    __slots__ = ("apps",)

    def __init__(self) -> None:
        self.apps: dict[str, bool] | None = None


def _route_count(scope: ast.AST, name: str, ctx: Context) -> int:
    """How many routes ``scope`` registers on the app ``name``: route decorators and
    ``add_api_route``/``add_route`` calls (nested scopes included: an app factory's
    closures)."""
    key = (id(scope), name)
    counts = ctx.frames[0].state(AppRouteFacts).route_counts
    if key not in counts:
        counts[key] = _count_routes(scope, name)
    return counts[key]


def _count_routes(scope: ast.AST, name: str) -> int:
    count = 0
    for node in ast.walk(scope):
        if isinstance(node, FUNCTION_TYPES):
            for d in node.decorator_list:
                f = d.func if isinstance(d, ast.Call) else d
                if (
                    isinstance(f, ast.Attribute)
                    and f.attr in ROUTE_DECORATORS
                    and isinstance(f.value, ast.Name)
                    and f.value.id == name
                ):
                    count += 1
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in (*_ROUTE_REGISTRATIONS, "add_route", "add_websocket_route")
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == name
        ):
            count += 1
    return count


def _is_fastapi_instance(name: str, ctx: Context) -> bool:
    return _fastapi_instance_scope(name, ctx) is not None


def _fastapi_instance_scope(name: str, ctx: Context) -> ast.AST | None:
    """The scope (the app factory's function, or the module) where ``name`` is assigned
    ``FastAPI(...)``; ``None`` when it is not visibly an app."""
    # the enclosing function (an app factory) first: a local name hides the module's
    frame = ctx.function
    if frame is not None:
        local = _local_assignments(frame, ctx).get(name)
        if local is not None:
            return frame.node if local else None
        if name in frame.params:
            return None
    value = ctx.assignments.get(name)
    if isinstance(value, ast.Call) and ctx.resolve(value.func) in _FASTAPI and ctx.imported_from(value.func, "fastapi"):
        return ctx.tree
    return None


_COMPOSING = frozenset({"include_router", "mount"})


def _composes(scope: ast.AST, name: str, ctx: Context) -> bool:
    """The app ``name`` includes routers or mounts sub-applications in ``scope``: the API
    lives on routers already, the app is the composition root."""
    key = (id(scope), name)
    composes = ctx.frames[0].state(AppRouteFacts).composes
    found = composes.get(key)
    if found is None:
        found = composes[key] = any(
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _COMPOSING
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == name
            for node in ast.walk(scope)
        )
    return found


def _app_level_route(fn: ast.FunctionDef | ast.AsyncFunctionDef, decorator: ast.Call, ctx: Context) -> bool:
    """A route that belongs to the app rather than to a router: a health/readiness probe
    (as :func:`._shared._is_probe` knows them), or a GET of the root path ``/`` or of a catch-all (a
    ``{name:path}`` parameter: the fallback registered after the routers)."""
    route = next((r for r in ctx.routes_of(fn) if r.decorator is decorator), None)
    if route is None:
        return False
    if _is_probe(route, ctx):
        return True
    if not route.methods or not set(route.methods) <= {"GET", "HEAD"}:
        return False  # a form posted to "/" is the API's
    path = decorator.args[0] if decorator.args else next((k.value for k in decorator.keywords if k.arg == "path"), None)
    if path is None:
        return False
    if isinstance(path, ast.Constant) and path.value == "/":
        return True
    return any(
        isinstance(sub, ast.Constant) and isinstance(sub.value, str) and ":path}" in sub.value for sub in ast.walk(path)
    )


def _local_assignments(frame: Frame, ctx: Context) -> dict[str, bool]:
    state = frame.state(LocalApps)
    found = state.apps
    if found is None:
        found = {}
        for node in ast.walk(frame.node):
            if isinstance(node, ast.Assign):
                targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
                value = node.value
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
                targets = [node.target.id]
                value = node.value
            else:
                continue
            is_app = isinstance(value, ast.Call) and ctx.resolve(value.func) in _FASTAPI
            for t in targets:
                found[t] = found.get(t, False) or is_app
        state.apps = found
    return found
