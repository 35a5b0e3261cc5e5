"""XFA201: ``raise HTTPException`` in a service or repository."""

from __future__ import annotations

import ast

from ...context import Context, FUNCTION_TYPES, short_source
from ...project import HTTP_EXCEPTIONS
from ...registry import back_on, rule, visitor
from ._shared import _LAYER_NAMES, file_layer

XFA201 = rule(
    "XFA201",
    "http-exception-in-service",
    default=True,
    precision=back_on("20 of 20", reading="tenth"),
    seeds=("000", "001", "002", "003"),
    message="{what} raised in a {layer}",
    fix_hint="raise a domain exception (e.g. UserNotFoundError) and map it to HTTP in the route or an exception handler",
    what="""
        Reports `raise HTTPException(...)` (from `fastapi`, `fastapi.exceptions` or
        `starlette.exceptions`, however it was imported, also raised without arguments)
        in a services or repositories file; also a project subclass of `HTTPException`
        raised there (`class UserNotFound(HTTPException)`, defined in this module or
        another), and a module-level instance raised by name (`raise NOT_FOUND` with
        `NOT_FOUND = HTTPException(404, ...)` here or in another project module).
    """,
    why="""
        A service that raises `HTTPException` knows about HTTP: it cannot be reused from a
        CLI, a worker or a WebSocket, and its callers cannot tell a missing row from a bad
        request. Seed 001: "Services raise domain exceptions → Routes convert to
        `HTTPException`"; seed 002: "PatientNotFoundError — zero HTTP knowledge in
        service"; seed 003: "Custom domain exceptions with `@app.exception_handler` -- not
        bare `HTTPException` in services".
    """,
    bad="""
        from fastapi import HTTPException


        async def get_user(repo, user_id: int):
            user = await repo.get(user_id)
            if user is None:
                raise HTTPException(status_code=404, detail="User not found")
            return user
    """,
    good="""
        class UserNotFoundError(Exception):
            pass


        async def get_user(repo, user_id: int):
            user = await repo.get(user_id)
            if user is None:
                raise UserNotFoundError(user_id)
            return user
    """,
    not_flagged=(
        "Route, dependency, exception-handler and `main.py` files: that is where HTTP errors belong.",
        "Functions in a services file that are FastAPI dependencies (they take `Depends(...)` "
        "parameters or are passed to `Depends(...)` in the file).",
        "Test doubles kept in the application tree: a `fakes/`, `mocks/` or `stubs/` "
        "directory (`domains/connect/fakes/service.py` mirrors the real service for tests).",
        "Names the project index cannot follow to their definition (a class with a base "
        "outside the project other than `HTTPException`, a module it cannot find).",
    ),
    example_path="app/services/user_service.py",
)


class HTTPExceptionUse:
    """The file's ``HTTPException``: XFA201 reported a raise of it; the framework-import rule
    reports the imports of it when the file is left unless those raises were reported."""

    __slots__ = ("raised", "imports")

    def __init__(self) -> None:
        self.raised: bool = False
        self.imports: list[tuple[ast.stmt, str]] = []


def reports_raises(ctx: Context) -> bool:
    """Whether this run reports the ``raise HTTPException(...)`` of a service (the rule is
    on): the framework-import rule then leaves an import those raises need to it."""
    return ctx.wants(XFA201)


@visitor(ast.Raise, codes=(XFA201,))
def http_exception_in_service(node: ast.Raise, ctx: Context) -> None:
    exc = node.exc
    if exc is None:
        return
    called = isinstance(exc, ast.Call)
    target = exc.func if isinstance(exc, ast.Call) else exc
    if not isinstance(target, (ast.Name, ast.Attribute)):
        return
    layer = file_layer(ctx)
    if layer not in ("services", "repositories"):
        return
    what = _http_exception(target, called, ctx)
    if what is None:
        return
    frame = ctx.function
    if frame is not None and _is_dependency_function(frame.node, ctx):
        return
    ctx.frames[0].state(HTTPExceptionUse).raised = True
    ctx.report(node, XFA201, what=what, layer=_LAYER_NAMES[layer])


def _http_exception(target: ast.Name | ast.Attribute, called: bool, ctx: Context) -> str | None:
    """What the raised ``target`` is when it is FastAPI's/Starlette's ``HTTPException``, a
    project subclass of it, or (raised by name, not called) a module-level instance of
    either; ``None`` otherwise or when it cannot be followed."""
    if ctx.resolve(target) in HTTP_EXCEPTIONS and ctx.imported_from(target, "fastapi", "starlette"):
        return "HTTPException"
    sym = ctx.symbol(target)
    if sym is None:
        return None
    if sym.kind == "external":  # re-exported by a project module
        return "HTTPException" if sym.qualname in HTTP_EXCEPTIONS else None
    if sym.kind == "class":
        if ctx.index.external_ancestors(sym) & HTTP_EXCEPTIONS:
            return f"HTTPException subclass {sym.name}"
        return None
    if sym.kind == "value" and not called and sym.path is not None:
        desc = sym.info or {}
        if desc.get("k") != "call" or not desc.get("f"):
            return None
        cls = ctx.index.lookup(sym.path, desc["f"])
        if cls is None:
            return None
        if cls.kind == "external" and cls.qualname in HTTP_EXCEPTIONS:
            return f"HTTPException instance {short_source(target)}"
        if cls.kind == "class" and ctx.index.external_ancestors(cls) & HTTP_EXCEPTIONS:
            return f"HTTPException instance {short_source(target)}"
    return None


def _is_dependency_function(fn: ast.AST, ctx: Context) -> bool:
    """A FastAPI dependency: it takes ``Depends(...)`` parameters (also through an
    ``Annotated`` alias of another module), or it is passed to ``Depends(...)`` somewhere
    in the file."""
    if not isinstance(fn, FUNCTION_TYPES):
        return False
    if ctx.takes_dependencies(fn):
        return True
    return fn.name in ctx.memo("layering.depends_targets", lambda: _depends_targets(ctx))


def _depends_targets(ctx: Context) -> frozenset[str]:
    """Functions of the file passed to ``Depends(...)`` or to ``add_exception_handler``."""
    names = set()
    for node in ast.walk(ctx.tree):
        if not isinstance(node, ast.Call):
            continue
        target = ctx.depends_target(node)
        if isinstance(target, ast.Name):
            names.add(target.id)
        elif (  # functions passed to another app hook: exception handlers
            isinstance(node.func, ast.Attribute)
            and node.func.attr == "add_exception_handler"
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Name)
        ):
            names.add(node.args[1].id)
    return frozenset(names)
