"""XFA511: an engine or session factory built per request (in a route handler, a dependency
or a function they call) instead of once at start-up."""

from __future__ import annotations

import ast
from typing import Any

from ...context import Context
from ...registry import rule, visitor
from ._shared import _ENGINES, _MAKERS, DATABASE_CALLEES, SQLALCHEMY_CONSTRUCTORS, _decorator_tail


class PerRequestConstructions:
    """XFA511's facts about the file: the engine and session factory constructions made in a
    function, the functions the app runs at start-up (``lifespan=``, ``on_startup=``,
    ``add_event_handler``) and the names handed to ``Depends()``/``Security()``."""

    __slots__ = ("constructions", "lifespans", "depends")

    def __init__(self) -> None:
        self.constructions: list[tuple[ast.Call, str, list[Any]]] = []
        self.lifespans: set[str] = set()
        self.depends: set[str] = set()


XFA511 = rule(
    "XFA511",
    "engine-per-request",
    default=True,
    seeds=("004",),
    message="{call}() inside {where} builds a new {what} per call",
    fix_hint="create it once at module level or in the lifespan and inject it",
    what="""
        Reports `create_async_engine`/`create_engine`/`async_sessionmaker`/`sessionmaker`
        called in code that runs per request: a route handler, a dependency (a function
        this file passes to `Depends(...)`/`Security(...)`, or one that takes
        `Depends(...)` parameters itself), or a function of this module that a route
        handler or dependency calls, directly or through other functions of the module
        (`helper()`, `self.helper()` in the same class, `service.helper()` on a module-level
        instance of a class of this module); the message names which. Tests
        and scripts are not checked.

        Scope: tests and scripts are not checked. A CI script counts as a script under a
        `scripts/` directory (`.github/scripts/`); elsewhere (`ci/check.py`) it is checked
        like application code unless the layer globs (`fastapi-scripts-paths`) say
        otherwise.
    """,
    why="""
        An engine owns a connection pool; building one per request opens fresh
        connections every time and leaks pools. Seed 004 lists "Recreating database
        engines or session factories inside dependencies or endpoints. Initialize once at
        startup (in lifespan), reuse throughout the application lifecycle".
    """,
    bad="""
        from fastapi import APIRouter
        from sqlalchemy.ext.asyncio import create_async_engine

        from app.config import settings

        router = APIRouter()


        @router.get("/health/db")
        async def database_is_up() -> bool:
            engine = create_async_engine(settings.DATABASE_URL)
            async with engine.connect():
                return True
    """,
    good="""
        from fastapi import APIRouter, Request

        router = APIRouter()


        @router.get("/health/db")
        async def database_is_up(request: Request) -> bool:
            async with request.app.state.engine.connect():
                return True
    """,
    not_flagged=(
        "Module level and class bodies.",
        "The lifespan (a function passed as `lifespan=`, or an `@asynccontextmanager` taking "
        "the app) and startup handlers (`on_event(\"startup\")`, `add_event_handler`, `on_startup=[...]`).",
        "Cached factories: `@lru_cache`, `@cache`, `@functools.cache`, `@alru_cache`.",
        "`__init__` methods (built once with the object).",
        "Functions that no route handler or dependency of this module calls, whatever the file's "
        "layer: a service object's `start()`/`reload_engine()`, a `_create_engine()` called from "
        "`__init__`, a start-up or migration helper that creates, uses and disposes an engine, a "
        "one-off conversion tool. Whether a function of a services module runs per request "
        "depends on its callers in other modules, which one file does not show, so such "
        "functions are not reported (a route handler of another module that calls them is "
        "not seen either).",
        "An engine stored in a module-level cache: `_engines[url] = create_engine(url)` into a "
        "module-level dict, or a `global` the function assigns (built once per key).",
        "An app factory, which runs once at start-up: a function that constructs `FastAPI(...)` "
        "in its own body, is annotated `-> FastAPI`, or is named `create_app`/`make_app`/"
        "`build_app`/`get_app`/`get_application`/`create_application`/`app_factory` — but a "
        "route handler or dependency defined inside it is still per request.",
        "Tests (a test app or fixture builds its engine per test on purpose) and scripts.",
    ),
    example_path="app/api/routes/health.py",
)


@visitor(ast.Module, leave=True, codes=(XFA511,))
def engines_built_per_request(node: ast.Module, ctx: Context) -> None:
    _report_constructions(ctx)


@DATABASE_CALLEES.on("Depends", "Security", rules=(XFA511,))
def _dependency(node: ast.Call, name: str, ctx: Context) -> None:
    if node.args and isinstance(node.args[0], ast.Name):
        ctx.state(PerRequestConstructions).depends.add(node.args[0].id)


@SQLALCHEMY_CONSTRUCTORS.on(*_ENGINES, *_MAKERS, rules=(XFA511,))
def _record_construction(node: ast.Call, tail: str, ctx: Context) -> None:
    if not ctx.wants(XFA511):
        return
    functions = [f for f in ctx.frames if f.kind == "function"]
    if not functions or ctx.frame.kind == "class":
        return
    if _memoised(node, functions[-1].node, ctx):
        return
    ctx.state(PerRequestConstructions).constructions.append((node, tail, functions))


_CACHE_DECORATORS = frozenset({"lru_cache", "cache", "cached", "alru_cache", "cached_property"})


def _is_lifecycle_function(fn: ast.AST, lifespans: set[str], ctx: Context) -> bool:
    name = getattr(fn, "name", "")
    if name in lifespans or name == "__init__":
        return True
    for decorator in getattr(fn, "decorator_list", ()):
        tail = _decorator_tail(decorator)
        if tail in _CACHE_DECORATORS:
            return True
        if tail == "on_event":
            return True
        if tail in ("asynccontextmanager", "contextmanager"):
            args = fn.args  # type: ignore[attr-defined]
            params = [*args.posonlyargs, *args.args]
            if params:
                first = params[0]
                ann = ctx.resolve(first.annotation) if first.annotation is not None else None
                if first.arg in ("app", "_app", "application", "fastapi_app", "_") or (ann or "").endswith("FastAPI"):
                    return True
    return False


_APP_FACTORY_NAMES = frozenset(
    {"create_app", "make_app", "build_app", "get_application", "create_application", "app_factory", "get_app"}
)


_FASTAPI_CLASSES = frozenset({"fastapi.FastAPI", "fastapi.applications.FastAPI"})


def _is_app_factory(fn: ast.AST, ctx: Context) -> bool:
    """A function that builds the app once at start-up: it constructs a ``FastAPI(...)``
    in its own body, is annotated ``-> FastAPI``, or is named ``create_app``/``make_app``/
    ``get_application``/..."""
    if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    if fn.name in _APP_FACTORY_NAMES:
        return True
    if fn.returns is not None and (ctx.resolve(fn.returns) or "") in _FASTAPI_CLASSES:
        return True
    def builds() -> bool:
        stack: list[ast.AST] = list(fn.body)
        while stack:
            node = stack.pop()
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                continue
            if isinstance(node, ast.Call) and (ctx.resolve(node.func) or "") in _FASTAPI_CLASSES:
                return True
            stack.extend(ast.iter_child_nodes(node))
        return False
    return ctx.memo(f"xfa5.app_factory.{fn.lineno}.{fn.col_offset}", builds)


def _runs_once(functions: list[Any], lifespans: set[str], depends: set[str], ctx: Context) -> bool:
    """The construction runs once: in the lifespan, a startup hook, a cached factory,
    ``__init__`` or the app factory, and not in a route handler or dependency defined
    inside it (``def create_app(): ... @app.get("/") async def root(): ...``)."""
    for i, frame in enumerate(functions):
        if _is_lifecycle_function(frame.node, lifespans, ctx) or _is_app_factory(frame.node, ctx):
            inner = functions[i + 1:]
            return not any(f.route is not None or getattr(f.node, "name", None) in depends for f in inner)
    return False


def _report_constructions(ctx: Context) -> None:
    state = ctx.state(PerRequestConstructions)
    records = state.constructions
    if not records or ctx.is_test or ctx.is_script:
        return  # a test app or fixture builds its engine per test; a script runs once
    lifespans = state.lifespans
    depends = state.depends
    for node, tail, functions in records:
        if _runs_once(functions, lifespans, depends, ctx):
            continue
        where = None
        if any(f.route is not None for f in functions):
            where = "a route handler"
        elif any(getattr(f.node, "name", None) in depends or ctx.takes_dependencies(f.node) for f in functions):
            where = "a dependency"
        else:
            caller = _per_request_callers(ctx, depends).get(id(functions[-1].node))
            if caller is not None:
                where = f"{getattr(functions[-1].node, 'name', 'a function')}() (called by {caller})"
        if where is None:
            continue
        what = "engine and connection pool" if tail in _ENGINES else "session factory"
        ctx.report(node, XFA511, call=tail, where=where, what=what)


def _memoised(node: ast.Call, fn: ast.AST, ctx: Context) -> bool:
    """The construction is stored in a module-level cache: ``_engines[url] =
    create_engine(url)`` into a module-level dict, or a ``global`` name the function
    assigns (built once per key, not per call)."""
    parent = ctx.parent
    if not (isinstance(parent, (ast.Assign, ast.AnnAssign)) and parent.value is node):
        return False
    targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
    declared = {
        name for stmt in ast.walk(fn) if isinstance(stmt, ast.Global) for name in stmt.names
    }
    for target in targets:
        if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
            bound = ctx.lookup(target.value.id)
            module_value = ctx.assignments.get(target.value.id)
            if bound is not None and bound.kind == "assign" and module_value is not None and bound.value is module_value:
                return True
        elif isinstance(target, ast.Name) and target.id in declared:
            return True
    return False


def _per_request_callers(ctx: Context, depends: set[str]) -> dict[int, str]:
    """The functions of this module that run per request because a route handler or a
    dependency of this module calls them, directly or through other functions of the
    module (``helper()`` for a module function, ``self.helper()`` for a method of the same
    class): ``id(def)`` -> ``"the route handler list_users()"`` (the first entry point
    found)."""

    def compute() -> dict[int, str]:
        functions: dict[str, list[ast.AST]] = {}
        methods: dict[tuple[int, str], list[ast.AST]] = {}
        owner: dict[int, int] = {}
        entries: list[tuple[ast.AST, str]] = []
        stack: list[tuple[ast.AST, ast.ClassDef | None]] = [(ctx.tree, None)]
        while stack:
            node, cls = stack.pop()
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.ClassDef):
                    stack.append((child, child))
                elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    if cls is not None and node is cls:
                        methods.setdefault((id(cls), child.name), []).append(child)
                        owner[id(child)] = id(cls)
                    elif node is ctx.tree:
                        functions.setdefault(child.name, []).append(child)
                    if ctx.routes_of(child):
                        entries.append((child, f"the route handler {child.name}()"))
                    elif (node is ctx.tree and child.name in depends) or ctx.takes_dependencies(child):
                        entries.append((child, f"the dependency {child.name}()"))
                    stack.append((child, None))
                elif not isinstance(child, ast.Lambda):
                    stack.append((child, cls))
        found: dict[int, str] = {}
        queue = list(entries)
        seen = {id(fn) for fn, _ in entries}
        while queue:
            fn, label = queue.pop(0)
            cls_id = owner.get(id(fn))
            for sub in ast.walk(fn):
                if not isinstance(sub, ast.Call):
                    continue
                func = sub.func
                callees: list[ast.AST] = []
                if isinstance(func, ast.Name):
                    callees = functions.get(func.id, [])
                elif (
                    isinstance(func, ast.Attribute)
                    and isinstance(func.value, ast.Name)
                    and func.value.id in ("self", "cls")
                    and cls_id is not None
                ):
                    callees = methods.get((cls_id, func.attr), [])
                elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                    # ``service.run()`` on a module-level ``service = ReportService(...)``
                    value = ctx.assignments.get(func.value.id)
                    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
                        cls_node = ctx.classes.get(value.func.id)
                        if cls_node is not None:
                            callees = methods.get((id(cls_node), func.attr), [])
                for callee in callees:
                    if id(callee) not in seen:
                        seen.add(id(callee))
                        found[id(callee)] = label
                        queue.append((callee, label))
        return found

    return ctx.memo("xfa5.per_request", compute)


@visitor(ast.keyword, codes=(XFA511,))
def note_lifespan(node: ast.keyword, ctx: Context) -> None:
    if node.arg == "lifespan" and isinstance(node.value, ast.Name):
        ctx.state(PerRequestConstructions).lifespans.add(node.value.id)
    elif node.arg in ("on_startup",) and isinstance(node.value, (ast.List, ast.Tuple)):
        for elt in node.value.elts:
            if isinstance(elt, ast.Name):
                ctx.state(PerRequestConstructions).lifespans.add(elt.id)


@visitor(ast.Call, codes=(XFA511,))
def note_event_handler(node: ast.Call, ctx: Context) -> None:
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr == "add_event_handler" and len(node.args) >= 2:
        handler = node.args[1]
        if isinstance(handler, ast.Name):
            ctx.state(PerRequestConstructions).lifespans.add(handler.id)
