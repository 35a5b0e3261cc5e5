"""XFA313: a route handler parameter without a type annotation."""

from __future__ import annotations

import ast

from ...context import Context, RouteInfo, keyword, string_value
from ...registry import back_on, rule
from ._shared import ROUTE_HANDLERS, DEFAULT_MARKERS, _names_read, path_params, _short_call, _tail

XFA313 = rule(
    "XFA313",
    "unannotated-route-param",
    default=True,
    precision=back_on("20 of 20", reading="eighth"),
    seeds=("004",),
    message="route parameter {name} has no type annotation: {consequence}",
    fix_hint="annotate it ({fix})",
    what="""
        Reports a route handler parameter without a type annotation. The message says what
        is lost: for a path or query parameter (also `Query()`/`Header()`/... defaults)
        FastAPI passes the raw string on, unconverted and untyped in the OpenAPI schema; for
        `Body()` it accepts any JSON; for a `Depends(...)`/`Security(...)` default FastAPI
        injects the dependency's result without needing the annotation, but editors and type
        checkers see `Any` and a reader cannot tell what the parameter holds.
    """,
    why="""
        FastAPI derives validation, conversion and the OpenAPI schema from the annotation;
        without one a request value arrives as an unvalidated string (seed 004: use Pydantic
        and type hints for every input). A dependency parameter keeps working, but its type
        is only known by reading the dependency.
    """,
    bad="""
        from fastapi import APIRouter

        from app.schemas import ItemRead

        router = APIRouter()


        @router.get("/items/{item_id}")
        async def read_item(item_id) -> ItemRead:
            return await load_item(item_id)
    """,
    good="""
        from fastapi import APIRouter

        from app.schemas import ItemRead

        router = APIRouter()


        @router.get("/items/{item_id}")
        async def read_item(item_id: int) -> ItemRead:
            return await load_item(item_id)
    """,
    not_flagged=(
        "`self` and `cls`; `*args` and `**kwargs` (separate issues).",
        "Functions that are not route handlers (dependencies included).",
        "A path parameter (of the route's path or its router's `prefix=`) that the handler never "
        "reads, such as the `_` of a hidden `/{_:path}` catch-all that only answers 404.",
        "A `Depends(...)`/`Security(...)` parameter (or a module-level alias of one) that the handler "
        "never reads: a guard such as `rate_limiter=Depends(RateLimiter(...))` or a permission check, "
        "run for its effect; no one reads its value, so its type tells no one anything.",
        "The message says what is lost: a `Depends(...)`/`Security(...)` default, or a module-level "
        "alias of one (`user=CurrentUser` with `CurrentUser = Depends(get_user)`, here or in another "
        "module), is injected without the annotation; a parameter of the router's `prefix=` is a "
        "path parameter; on a router that may be included with a prefix this file does not show, "
        "the message does not claim it is a query parameter.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/items.py",
)


@ROUTE_HANDLERS.on("handler", rules=(XFA313,))
def _route_params(node: ast.FunctionDef | ast.AsyncFunctionDef, routes: list[RouteInfo], params, ctx: Context) -> None:
    if ctx.wants(XFA313):
        _check_unannotated_params(node, routes[0], params, ctx)


def _check_unannotated_params(node: ast.FunctionDef | ast.AsyncFunctionDef, route: RouteInfo, params, ctx: Context) -> None:
    in_path = path_params(route.path) | _prefix_params(ctx, route)
    read = None
    for arg, default in params:
        if arg.annotation is None and arg.arg not in ("self", "cls"):
            if arg.arg in in_path and default is None:
                if read is None:
                    read = _names_read(node)
                if arg.arg not in read:
                    continue  # a path parameter the handler ignores (``/{_:path}`` catch-all)
            elif _injected_dependency(ctx, default):
                if read is None:
                    read = _names_read(node)
                if arg.arg not in read and not read & {"locals", "vars"}:
                    continue  # a guard (``rate_limiter=Depends(RateLimiter(...))``): no value is used
            consequence, fix = _unannotated_consequence(ctx, arg.arg, default, in_path, route)
            ctx.report(arg, XFA313, name=arg.arg, consequence=consequence, fix=fix)


def _unannotated_consequence(
    ctx: Context, name: str, default: ast.expr | None, in_path: set[str], route: RouteInfo | None = None
) -> tuple[str, str]:
    """What FastAPI does with an unannotated route parameter, and how to annotate it."""
    marker = _tail(ctx.resolve(default.func)) if isinstance(default, ast.Call) else ""
    if marker in ("Depends", "Security"):
        target = default.args[0] if default.args else None  # type: ignore[union-attr]
        named = isinstance(target, (ast.Name, ast.Attribute))
        source = ast.unparse(target) if named else "the dependency"  # type: ignore[arg-type]
        return (
            f"FastAPI injects what {source} returns (it does not need the annotation), but editors "
            "and type checkers see it as Any and readers cannot tell what it holds",
            f"{name}: Annotated[<type>, {_short_call(default)}]",  # type: ignore[arg-type]
        )
    alias = _depends_alias(ctx, default)
    if alias is not None:  # ``user=CurrentUser`` with ``CurrentUser = Depends(get_user)``
        return (
            f"FastAPI injects the dependency {alias} stands for (it does not need the annotation), "
            "but editors and type checkers see it as Any and readers cannot tell what it holds",
            f"{name}: <type> = {alias}",
        )
    if marker == "Body" and ctx.imported_from(default.func, "fastapi"):  # type: ignore[union-attr]
        return "FastAPI accepts any JSON value for it without validation", f"{name}: <model or type>"
    if marker in DEFAULT_MARKERS and ctx.imported_from(default.func, "fastapi"):  # type: ignore[union-attr]
        return (
            f"FastAPI passes the raw {marker.lower()} value on without converting or validating it",
            f"{name}: <type>",
        )
    if name in in_path:
        return "FastAPI reads it as an untyped path parameter and passes the raw string on", f"{name}: <type>"
    if route is not None and _may_be_prefixed(ctx, route):
        # the router is included elsewhere: a prefix there (``/dags/{dag_id}``) may declare it
        return (
            "FastAPI passes the raw string on, unconverted and untyped in the OpenAPI schema "
            "(a query parameter, or a path parameter if a prefix the router is included with declares it)",
            f"{name}: <type>",
        )
    return "FastAPI reads it as an untyped query parameter and passes the raw string on", f"{name}: <type>"


def _router_call(ctx: Context, route: RouteInfo) -> ast.Call | None:
    """The ``APIRouter(...)``/``FastAPI(...)`` call this file binds the route's router to."""
    if "." in route.router:
        return None
    found = ctx.bindings.get(route.router)
    value = getattr(found, "value", None) if found is not None and found.kind == "assign" else None
    return value if isinstance(value, ast.Call) else None


def _prefix_params(ctx: Context, route: RouteInfo) -> set[str]:
    """Parameters the route's router declares in its ``prefix=`` (``APIRouter(prefix="/dags/{dag_id}")``)."""
    call = _router_call(ctx, route)
    prefix = keyword(call, "prefix") if call is not None else None
    text = string_value(prefix.value) if prefix is not None else None
    return path_params(text) if text else set()


def _may_be_prefixed(ctx: Context, route: RouteInfo) -> bool:
    """The route's router may get a prefix from an ``include_router`` this file does not
    show: it is not the application (``FastAPI()``) of this file."""
    call = _router_call(ctx, route)
    if call is None:
        return True
    return _tail(ctx.resolve(call.func)) != "FastAPI"


def _injected_dependency(ctx: Context, default: ast.expr | None) -> bool:
    """``default`` is a ``Depends(...)``/``Security(...)`` call of FastAPI's, or a module-level
    alias of one: FastAPI injects the parameter whatever its annotation."""
    if isinstance(default, ast.Call):
        return _tail(ctx.resolve(default.func)) in ("Depends", "Security") and ctx.imported_from(
            default.func, "fastapi"
        )
    return _depends_alias(ctx, default) is not None


def _depends_alias(ctx: Context, default: ast.expr | None) -> str | None:
    """``default`` names a module-level ``X = Depends(f)`` (or ``Security``) of this module or
    another one of the project: its source text, else ``None``."""
    if not isinstance(default, (ast.Name, ast.Attribute)):
        return None
    sym = ctx.symbol(default)
    desc = sym.info if sym is not None and sym.kind == "value" else None
    if isinstance(desc, dict) and desc.get("k") == "call" and _tail(desc.get("f")) in ("Depends", "Security"):
        return ast.unparse(default)
    return None
