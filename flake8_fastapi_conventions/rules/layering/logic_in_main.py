"""XFA212: business logic in ``main.py``."""

from __future__ import annotations

import ast

from ...context import Context, FUNCTION_TYPES
from ...registry import rule, visitor
from ._shared import _FASTAPI

XFA212 = rule(
    "XFA212",
    "logic-in-main",
    default=False,
    seeds=("004",),
    message="{kind} {name} defined in the app's entry module",
    fix_hint="{fix}",
    what="""
        Reports, in `main.py` (and `asgi.py`/`wsgi.py`), top-level Pydantic or ORM model
        classes, route handlers, and functions other than the lifespan, the app factory,
        exception handlers, middleware/startup hooks and functions the app setup refers to.
    """,
    why="""
        Seed 004, "main.py Responsibilities (Keep It Thin)": create the app, define the
        lifespan, register routers, add middleware and global exception handlers —
        "Nothing else — no business logic, no model definitions, no utility functions."
    """,
    bad="""
        from fastapi import FastAPI
        from pydantic import BaseModel

        app = FastAPI()


        class Item(BaseModel):
            name: str
    """,
    good="""
        from fastapi import FastAPI

        from app.api.routes import items

        app = FastAPI()
        app.include_router(items.router)
    """,
    not_flagged=(
        "The lifespan (`@asynccontextmanager` or a function named `*lifespan*`), the app "
        "factory (a function that builds or returns a `FastAPI`), exception handlers, "
        "`@app.middleware`/`@app.on_event` hooks, and functions the app setup refers to "
        "(passed to `FastAPI(...)`, `app.add_exception_handler(...)`, assigned to "
        "`app.openapi`).",
        "Launcher functions such as `main()`/`run()` that start the server.",
        "Other classes (middleware classes, enums).",
    ),
    example_path="app/main.py",
)


_LAUNCHERS = frozenset({"main", "run", "start", "serve", "cli", "run_server", "start_server"})
_HOOK_DECORATORS = frozenset({"exception_handler", "middleware", "on_event"})
_CONTEXT_MANAGERS = frozenset({"contextlib.asynccontextmanager", "contextlib.contextmanager"})


@visitor(ast.Module, codes=(XFA212,))
def logic_in_main(node: ast.Module, ctx: Context) -> None:
    if ctx.path_layer != "main":
        return
    wired = set(_wired_names(node))
    for stmt in node.body:  # what the app factory and the lifespan refer to is wiring too
        if isinstance(stmt, FUNCTION_TYPES) and not ctx.routes_of(stmt) and _builds_app(stmt, ctx):
            wired.update(_loaded_names(stmt))
    for stmt in node.body:
        if isinstance(stmt, ast.ClassDef):
            kind = _model_kind(stmt, ctx)
            if kind:
                ctx.report(
                    stmt, XFA212, kind=kind, name=stmt.name,
                    fix="move it to the models/schemas module of its domain and import it",
                )
        elif isinstance(stmt, FUNCTION_TYPES):
            if ctx.routes_of(stmt):
                ctx.report(
                    stmt, XFA212, kind="route handler", name=f"{stmt.name}()",
                    fix="move it to an APIRouter in a routes module and app.include_router() it",
                )
            elif not _allowed_in_main(stmt, ctx, wired):
                ctx.report(
                    stmt, XFA212, kind="helper function", name=f"{stmt.name}()",
                    fix="move it to a service or utils module; main.py only builds the app",
                )


def _model_kind(cls: ast.ClassDef, ctx: Context) -> str | None:
    if ctx.is_model_class(ast.Name(id=cls.name)):
        return "Pydantic model"
    for stmt in cls.body:
        targets: list[ast.expr] = []
        if isinstance(stmt, ast.Assign):
            targets = stmt.targets
        elif isinstance(stmt, ast.AnnAssign):
            targets = [stmt.target]
        if any(isinstance(t, ast.Name) and t.id == "__tablename__" for t in targets):
            return "ORM model"
    for base in cls.bases:
        qualname = ctx.resolve(base) or ""
        if qualname.startswith("sqlalchemy.") and qualname.endswith(("DeclarativeBase", "DeclarativeBaseNoMeta")):
            return "ORM model"
    return None


def _loaded_names(node: ast.AST) -> set[str]:
    return {sub.id for sub in ast.walk(node) if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Load)}


def _wired_names(module: ast.Module) -> frozenset[str]:
    """Names the module-level code refers to (app setup: ``FastAPI(lifespan=...)``,
    ``app.add_exception_handler(E, handler)``, ``app.openapi = custom_openapi``)."""
    names = set()
    for stmt in module.body:
        if isinstance(stmt, (*FUNCTION_TYPES, ast.ClassDef)):
            continue
        for sub in ast.walk(stmt):
            if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Load):
                names.add(sub.id)
    return frozenset(names)


def _allowed_in_main(fn: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context, wired: frozenset[str] | set[str]) -> bool:
    name = fn.name
    lowered = name.lower()
    if name in wired or lowered in _LAUNCHERS or "lifespan" in lowered:
        return True
    for decorator in fn.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(target, ast.Attribute) and target.attr in _HOOK_DECORATORS:
            return True
        if ctx.resolve(target) in _CONTEXT_MANAGERS:
            return True
    return _builds_app(fn, ctx) or lowered.endswith(("exception_handler", "error_handler"))


def _builds_app(fn: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> bool:
    """The app factory (builds or returns a ``FastAPI``) or the lifespan."""
    lowered = fn.name.lower()
    if "lifespan" in lowered or lowered in ("create_app", "get_app", "get_application", "app_factory", "make_app"):
        return True
    if any(ctx.resolve(d) in _CONTEXT_MANAGERS for d in fn.decorator_list):
        return True
    returns = ctx.resolve(fn.returns) if fn.returns is not None else None
    if returns in _FASTAPI or returns == "FastAPI":
        return True
    return any(isinstance(sub, ast.Call) and ctx.resolve(sub.func) in _FASTAPI for sub in ast.walk(fn))
