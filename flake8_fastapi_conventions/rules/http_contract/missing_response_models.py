"""XFA301: a JSON route handler declares no response model (no return annotation, no
``response_model=``), unless it answers with a non-JSON response."""

from __future__ import annotations

import ast

from ...context import FUNCTION_TYPES, Context, Frame, RouteInfo
from ...registry import moved_off, rule, visitor
from ._shared import (
    FUNCTION_ENDS,
    HANDLER_RETURNS,
    _handler_frame,
    _is_none,
    JSON_RESPONSES,
    non_json_response_class,
    NON_JSON_RESPONSES,
    _outside_schema,
    _own_nodes,
    _probe_path,
    _route_kw_splat,
    status_value,
    _tail,
)

XFA301 = rule(
    "XFA301",
    "missing-response-model",
    default=False,
    precision=moved_off("9 of 20"),
    seeds=("001", "003", "004"),
    message="route {name}() declares no response model",
    fix_hint="add response_model=<Schema> to the decorator or a return annotation -> <Schema>",
    what="""
        Reports a route handler whose decorator has no `response_model=` and whose `def`
        has no return annotation, so the response shape is neither validated nor in the
        OpenAPI schema.
    """,
    why="""
        Seed 003: "`response_model` on every route"; seed 004: "Always declare a
        response_model or return type annotation with a Pydantic model" and "Not setting
        response_model on endpoints — OpenAPI docs won't show the response schema".
    """,
    bad="""
        from fastapi import APIRouter

        router = APIRouter()


        @router.get("/users/{user_id}")
        async def read_user(user_id: int):
            return await load_user(user_id)
    """,
    good="""
        from fastapi import APIRouter

        from app.schemas import UserRead

        router = APIRouter()


        @router.get("/users/{user_id}", response_model=UserRead)
        async def read_user(user_id: int) -> UserRead:
            return await load_user(user_id)
    """,
    not_flagged=(
        "`response_model=None` written explicitly (a deliberate choice).",
        "`response_class=` anything but a JSON response (HTML, Redirect, Streaming, File, PlainText, ...).",
        "`status_code=204` (also `status.HTTP_204_NO_CONTENT`, `HTTPStatus.NO_CONTENT`).",
        "Websocket routes and routes with `include_in_schema=False`.",
        "Handlers that return a non-JSON response object (`RedirectResponse`, `HTMLResponse`, "
        "`StreamingResponse`, `FileResponse`, `PlainTextResponse`, `Response`, a template response).",
        "Decorators with a `**kwargs` splat (the keywords are unknown).",
        "Handlers that never return a value (no `return`, or only a bare `return`/`return None`, "
        "outside the functions nested in them): the reply is `null`, there is no response shape "
        "to declare.",
        "A success body documented with `responses={200: {\"model\": X}}` (or the route's own "
        "`status_code=`): it is in the OpenAPI schema.",
        "Handlers that return what a project function annotated `-> Response` (or another "
        "non-JSON response class) builds, here or in another module, directly or through a name; "
        "also a method of a project class annotated so, called on an instance "
        "(`helper = FormHelper(...)`, `return await helper.get_response()` with "
        "`-> _TemplateResponse`), and project subclasses of a non-JSON response class "
        "(`class HXRedirectResponse(RedirectResponse)`), and an unannotated function of this "
        "file (another route handler) that returns a non-JSON response itself "
        "(`return await recording_clip(...)`).",
        "Routes outside any OpenAPI schema: on an app declared `FastAPI(openapi_url=None)` or a "
        "router declared `APIRouter(include_in_schema=False)` in this file (also as a local of "
        "an app factory), or a router this "
        "file includes only with `include_router(..., include_in_schema=False)`.",
        "Health and liveness probes: a path whose last segment is `health`, `healthz`, `alive`, "
        "`livez`, `ping`, `ready`... (no path parameter).",
        "Not told apart: `openapi_url=None` or `include_in_schema=False` set in another module "
        "(the app that mounts the router); a delegate of another module with no return "
        "annotation; webhook receivers and mock or debug servers. They are flagged.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/users.py",
)


def route_status(ctx: Context, route: RouteInfo) -> int | None:
    return status_value(ctx, route.keyword("status_code"))


class NonJsonResponses:
    """A handler answers with a non-JSON response (``return StreamingResponse(...)``, a name bound
    to one, a project function annotated to return one): it has no response model to declare."""

    __slots__ = ("answers", "names")

    def __init__(self) -> None:
        self.answers: bool = False
        self.names: set[str] = set()


@FUNCTION_ENDS.on("route", rules=(XFA301,))
def _route_end(node: ast.FunctionDef | ast.AsyncFunctionDef, frame: Frame, ctx: Context) -> None:
    if ctx.wants(XFA301):
        _check_missing_model(node, ctx.routes_of(node), frame, ctx)


def _check_missing_model(node, routes: list[RouteInfo], frame: Frame, ctx: Context) -> None:
    if node.returns is not None or frame.state(NonJsonResponses).answers:
        return
    if not _returns_a_value(node):
        return  # no body but ``null``: there is no response shape to declare
    for r in routes:
        if r.is_websocket or _route_kw_splat(r) or r.keyword("response_model") is not None:
            return
        if non_json_response_class(ctx, r):
            return
        if route_status(ctx, r) == 204:
            return
        if _outside_schema(ctx, r) or _probe_path(r.path):
            return
        if _documents_success_model(ctx, r):
            return
    ctx.report(node, XFA301, name=node.name)


def _returns_a_value(fn) -> bool:
    """``fn`` itself (not a function nested in it) returns something other than ``None`` or
    yields."""
    for sub in _own_nodes(fn):
        if isinstance(sub, ast.Return) and sub.value is not None and not _is_none(sub.value):
            return True
        if isinstance(sub, (ast.Yield, ast.YieldFrom)):
            return True
    return False


def _documents_success_model(ctx: Context, route: RouteInfo) -> bool:
    """``responses={200: {"model": X}}`` (the route's own 2xx status, or 200): the success
    body is documented in the OpenAPI schema even without ``response_model=``."""
    responses = route.keyword("responses")
    if not isinstance(responses, ast.Dict):
        return False
    success = route_status(ctx, route) or 200
    for key, value in zip(responses.keys, responses.values):
        if key is None or not isinstance(value, ast.Dict):
            continue
        code = status_value(ctx, key)
        if code is None and isinstance(key, ast.Constant) and isinstance(key.value, str) and key.value.strip().isdigit():
            code = int(key.value)
        if code != success:
            continue
        if any(isinstance(k, ast.Constant) and k.value == "model" for k in value.keys):
            return True
    return False


@visitor(ast.Assign, codes=(XFA301,))
def non_json_response_names(node: ast.Assign, ctx: Context) -> None:
    """Names a handler binds to a non-JSON response object, for XFA301."""
    value = node.value
    if not isinstance(value, ast.Call) or len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name):
        return
    frame = _handler_frame(ctx)
    if frame is None:
        return
    tail = _tail(ctx.resolve(value.func))
    if tail in NON_JSON_RESPONSES or tail.endswith("TemplateResponse") or _builds_non_json(ctx, value):
        frame.state(NonJsonResponses).names.add(node.targets[0].id)


@HANDLER_RETURNS.on("return", rules=(XFA301,))
def _returned_non_json(value: ast.expr, frame: Frame, ctx: Context) -> None:
    """A handler that answers with a non-JSON response (``return StreamingResponse(...)``,
    a name bound to one, ``return render_report(...)`` with ``-> Response``) needs no model."""
    state = frame.state(NonJsonResponses)
    if isinstance(value, ast.Name) and value.id in state.names:
        state.answers = True
    if _builds_non_json(ctx, value):
        state.answers = True
    if isinstance(value, ast.Call):
        tail = _tail(ctx.resolve(value.func))
        if tail in NON_JSON_RESPONSES or tail.endswith("TemplateResponse"):
            state.answers = True


def _builds_non_json(ctx: Context, value: ast.expr) -> bool:
    """A call (maybe awaited) of a project function annotated to return a non-JSON response
    (``def render_report(...) -> Response``), here or in another module."""
    if isinstance(value, ast.Await):
        value = value.value
    if not isinstance(value, ast.Call):
        return False
    sym = ctx.symbol(value.func)
    if sym is not None and sym.kind == "class":
        return _non_json_class(ctx, value.func)  # ``HXRedirectResponse(...)``, a project subclass
    if isinstance(value.func, ast.Attribute) and sym is None:
        # ``form_helper.get_response()`` on an instance of a project class whose method is
        # annotated ``-> _TemplateResponse``
        return _non_json_name(_method_return(ctx, value.func.value, value.func.attr))
    if sym is None or sym.kind != "function" or not isinstance(sym.info, dict):
        return False
    if _non_json_name(sym.info.get("ann")):
        return True
    return _delegate_returns_non_json(ctx, value.func)


def _delegate_returns_non_json(ctx: Context, func: ast.expr, seen: frozenset[str] = frozenset()) -> bool:
    """``return await recording_clip(...)``: an unannotated function of this file (often
    another route handler) that returns a non-JSON response object itself
    (``StreamingResponse(..., media_type="video/mp4")``), or through such a delegate of
    its own (``label_clip`` -> ``event_clip`` -> ``recording_clip``), the way the
    handler's own returns are read."""
    if not isinstance(func, ast.Name) or func.id in seen or len(seen) > 3:
        return False
    node = ctx.functions.get(func.id)
    found = ctx.lookup(func.id)
    if found is not None and (found.kind != "def" or getattr(found, "node", None) is not node):
        return False  # rebound, or not the module-level function (``None``: defined further down)
    if not isinstance(node, FUNCTION_TYPES) or node.returns is not None:
        return False
    for sub in _own_nodes(node):
        if not isinstance(sub, ast.Return):
            continue
        value = sub.value.value if isinstance(sub.value, ast.Await) else sub.value
        if isinstance(value, ast.Call):
            tail = _tail(ctx.resolve(value.func))
            if tail in NON_JSON_RESPONSES or tail.endswith("TemplateResponse"):
                return True
            if _delegate_returns_non_json(ctx, value.func, seen | {func.id}):
                return True
    return False


def _non_json_name(qualname: str | None) -> bool:
    tail = _tail(qualname)
    return tail in NON_JSON_RESPONSES or tail.endswith("TemplateResponse")


def _non_json_class(ctx: Context, func: ast.expr) -> bool:
    """A project class deriving from a non-JSON response class (``class HXRedirectResponse
    (RedirectResponse)``) and from no JSON one."""
    ancestors = ctx.class_ancestors(func)
    if not ancestors or "?" in ancestors:
        return False
    tails = {_tail(a) for a in ancestors}
    if tails & JSON_RESPONSES:
        return False
    return any(_non_json_name(a) and a.split(".", 1)[0] in ("starlette", "fastapi", "sse_starlette") for a in ancestors)


def _method_return(ctx: Context, receiver: ast.expr, method: str) -> str | None:
    """The return annotation of ``receiver.method`` when ``receiver`` is a local name bound
    once to an instance of a project class (``helper = FormHelper(...)``) or a parameter
    annotated with one; the method is looked up in the class and its project bases."""
    if not isinstance(receiver, ast.Name):
        return None
    found = ctx.lookup(receiver.id)
    if found is None:
        return None
    cls_expr: ast.expr | None = None
    if found.kind == "assign" and isinstance(getattr(found, "value", None), ast.Call):
        cls_expr = found.value.func  # type: ignore[union-attr]
    elif found.kind == "param":
        cls_expr, _ = ctx.unwrap_annotation(getattr(found, "annotation", None))
        if isinstance(cls_expr, ast.Subscript):
            cls_expr = cls_expr.value  # ``FormHelper[PermissionForm]``
    sym = ctx.symbol(cls_expr) if cls_expr is not None else None
    if sym is None or sym.kind != "class":
        return None
    classes = (c for c in ctx.index.walk_class_hierarchy(sym) if c is not None and c.kind == "class")
    for _, current in zip(range(12), classes):
        if isinstance(current.info, dict) and method in current.info.get("methods", {}):
            return current.info.get("mret", {}).get(method)
    return None
