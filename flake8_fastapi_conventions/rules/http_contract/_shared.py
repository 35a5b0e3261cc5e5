"""What the XFA3xx rules share: FastAPI's parameter markers and status codes, a route's path parameters
and response class, a handler's parameters and frame, whether a route is outside the OpenAPI schema, and
the fields of a Pydantic model of the project."""

from __future__ import annotations

import ast

from ... import lazy_re
from ...context import Context, RouteInfo, has_kwargs_splat, keyword
from ...project import factory_default
from ...syntax import own_nodes as _own_nodes  # noqa: F401  (the rule modules import it from here)
from ...registry import Hook


# -- where the rules plug into the shared visitors of :mod:`.dispatch` ------------------

#: outside tests, a call of a method, by its name (``payload.model_dump()``), or under
#: "(any)" every method call: ``check(node, method, ctx)``
HANDLER_METHODS = Hook()
#: outside tests, a call by the callee's name, bare or dotted (``HTTPException(...)``), or
#: under "(any)" every call but ``Depends(...)``/``Security(...)`` (a dependency, not a call the
#: body makes): ``check(node, name, ctx)``
HANDLER_CALLS = Hook()
#: outside tests, a route handler's decorators and signature, ``check(node, routes,
#: params, ctx)``: "handler" every handler, "http handler" those that are not websocket
#: routes; and each HTTP route of those, ``check(node, route, ctx)``: "route" every one,
#: "route without **kwargs" those whose decorator passes no ``**kwargs``
ROUTE_HANDLERS = Hook()
#: outside tests, the value of a route handler's ``return`` statement: ``check(value, frame, ctx)``
HANDLER_RETURNS = Hook()
#: outside tests, a function once its body is walked: "function" every function,
#: "route" a route handler: ``check(node, frame, ctx)``
FUNCTION_ENDS = Hook()


MARKERS = frozenset({"Depends", "Security", "Query", "Path", "Body", "Header", "Cookie", "Form", "File"})
#: markers whose first positional argument is the default value
DEFAULT_MARKERS = frozenset({"Query", "Path", "Body", "Header", "Cookie", "Form", "File"})
NON_JSON_RESPONSES = frozenset(
    {
        "HTMLResponse", "RedirectResponse", "StreamingResponse", "FileResponse",
        "PlainTextResponse", "EventSourceResponse", "Response", "TemplateResponse",
    }
)
JSON_RESPONSES = frozenset({"JSONResponse", "ORJSONResponse", "UJSONResponse"})
LIST_TYPES = frozenset({"list", "List", "Sequence"})
_STATUS_NAME = lazy_re.compile(r"^HTTP_(\d{3})(?:_|$)")
_PARAM = lazy_re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z_][A-Za-z0-9_]*))?\}")
_PURE_PARAM = lazy_re.compile(r"^\{([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z_][A-Za-z0-9_]*))?\}$")


def _tail(name: str | None) -> str:
    return name.rsplit(".", 1)[-1] if name else ""


def fastapi_marker(ctx: Context, node: ast.AST | None) -> str | None:
    """``Depends``/``Query``/... when ``node`` is a call of FastAPI's marker, else None."""
    if not isinstance(node, ast.Call):
        return None
    qualname = ctx.resolve(node.func)
    tail = _tail(qualname)
    if tail not in MARKERS or not qualname:
        return None
    if ctx.imported_from(node.func, "fastapi"):
        return tail
    return None


def status_value(ctx: Context, node: ast.AST | None) -> int | None:
    """The integer of a status-code expression: ``201``, ``status.HTTP_201_CREATED``,
    ``HTTP_201_CREATED``, ``HTTPStatus.CREATED`` (``.value``)."""
    if node is None:
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, ast.Attribute) and node.attr == "value":
        node = node.value
    qualname = ctx.resolve(node)
    if not qualname:
        return None
    tail = _tail(qualname)
    m = _STATUS_NAME.match(tail)
    if m:
        return int(m.group(1))
    if "HTTPStatus." in qualname:
        from http import HTTPStatus  # here: the enum costs every flake8 run 0.4 ms to import

        member = getattr(HTTPStatus, tail, None)
        if isinstance(member, HTTPStatus):
            return member.value
    return None


def _is_none(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def non_json_response_class(ctx: Context, route: RouteInfo) -> bool:
    """``response_class=`` is set to something that is not a JSON response."""
    value = route.keyword("response_class")
    if value is None or _is_none(value):
        router = ctx.assignments.get(route.router)
        if not isinstance(router, ast.Call):
            return False
        default = keyword(router, "default_response_class")
        if default is None:
            return False
        value = default.value
    tail = _tail(ctx.resolve(value))
    return "JSON" not in tail.upper()


def path_params(path: str | None) -> set[str]:
    return {m.group(1) for m in _PARAM.finditer(path or "")}


def _subscript_base(ctx: Context, node: ast.AST) -> str:
    if isinstance(node, ast.Subscript):
        return _tail(ctx.resolve(node.value))
    return ""


def _first_item(node: ast.Subscript) -> ast.expr:
    sl = node.slice
    if isinstance(sl, ast.Tuple) and sl.elts:
        return sl.elts[0]
    return sl


def _handler_frame(ctx: Context):
    frame = ctx.frames[-1]
    if frame.kind == "function" and frame.route is not None:
        return frame
    return None


def _route_kw_splat(route: RouteInfo) -> bool:
    return has_kwargs_splat(route.decorator)


def _all_args(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[tuple[ast.arg, ast.expr | None]]:
    """Every named parameter with its default (``None`` when it has none)."""
    a = fn.args
    positional = [*a.posonlyargs, *a.args]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(a.defaults)) + list(a.defaults)
    pairs = list(zip(positional, defaults))
    pairs.extend(zip(a.kwonlyargs, a.kw_defaults))
    return pairs


def _markers_of(ctx: Context, annotation: ast.expr | None, default: ast.expr | None) -> list[str]:
    found = []
    _, metadata = ctx.unwrap_annotation(annotation)
    for item in metadata:
        marker = fastapi_marker(ctx, item)
        if marker:
            found.append(marker)
    marker = fastapi_marker(ctx, default)
    if marker:
        found.append(marker)
    return found


def _names_read(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """Every name the function's body (nested functions included) reads."""
    return {n.id for stmt in fn.body for n in ast.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _short_call(call: ast.Call) -> str:
    text = ast.unparse(call)
    return text if len(text) <= 60 else ast.unparse(call.func) + "(...)"


#: the last path segment of a liveness or health probe: its caller is an orchestrator or a
#: load balancer reading the status code, not an API client reading a schema
_PROBE_SEGMENTS = frozenset(
    {"health", "healthz", "healthcheck", "health-check", "alive", "livez", "liveness", "live", "ping", "readyz", "ready", "readiness"}
)


def _probe_path(path: str | None) -> bool:
    if not path:
        return False
    segments = [s for s in path.strip("/").split("/") if s]
    return bool(segments) and segments[-1].lower() in _PROBE_SEGMENTS and "{" not in path


def _outside_schema(ctx: Context, route: RouteInfo) -> bool:
    """The route is in no OpenAPI schema: ``include_in_schema=False`` on it or its router
    (``APIRouter(include_in_schema=False)``), the app it is declared on has
    ``openapi_url=None``, or this file includes its router with ``include_in_schema=False``."""
    include = route.keyword("include_in_schema")
    if isinstance(include, ast.Constant) and include.value is False:
        return True
    router = None
    if route.router.isidentifier():
        found = ctx.lookup(route.router)  # also ``app = FastAPI(...)`` in an app factory
        router = found.value if found is not None and found.kind == "assign" else None
    if isinstance(router, ast.Call):
        tail = _tail(ctx.resolve(router.func))
        if tail == "FastAPI":
            url = keyword(router, "openapi_url")
            if url is not None and _is_none(url.value):
                return True
        if tail in ("APIRouter", "FastAPI"):
            hidden = keyword(router, "include_in_schema")
            if hidden is not None and isinstance(hidden.value, ast.Constant) and hidden.value.value is False:
                return True
    return route.router in _hidden_includes(ctx)


def _hidden_includes(ctx: Context) -> frozenset[str]:
    """Routers this file includes only with ``include_in_schema=False``."""

    def compute() -> frozenset[str]:
        hidden: set[str] = set()
        shown: set[str] = set()
        for node in ast.walk(ctx.tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "include_router"
                and node.args
                and isinstance(node.args[0], ast.Name)
            ):
                continue
            flag = keyword(node, "include_in_schema")
            if flag is not None and isinstance(flag.value, ast.Constant) and flag.value.value is False:
                hidden.add(node.args[0].id)
            else:
                shown.add(node.args[0].id)
        return frozenset(hidden - shown)

    return ctx.memo("xfa30x_hidden_includes", compute)


#: bases that add no fields
_FIELDLESS_BASES = frozenset(
    {
        "pydantic.BaseModel", "pydantic.main.BaseModel", "pydantic.v1.BaseModel",
        "pydantic.generics.GenericModel", "sqlmodel.SQLModel", "typing.Generic", "Generic",
        "abc.ABC", "typing_extensions.Generic",
    }
)
REQUIRED = "required"
NONE_DEFAULT = "None"


def model_fields(ctx: Context, name: str) -> dict[str, tuple[str, ast.expr]] | None:
    """The fields of the model class ``name`` of this file, inherited ones included:
    field name -> (its default: ``REQUIRED``, ``NONE_DEFAULT`` or the default's source,
    its annotation). ``None`` when a base or the body is something this file cannot see
    through (an imported base, fields declared under ``if``)."""
    return ctx.memo(f"xfa3_fields:{name}", lambda: _collect_fields(ctx, name, set()))


def _collect_fields(ctx: Context, name: str, seen: set[str]) -> dict[str, tuple[str, ast.expr]] | None:
    cls = ctx.classes.get(name)
    if cls is None or name in seen or name in ctx.imports:
        return None
    seen.add(name)
    fields: dict[str, tuple[str, ast.expr]] = {}
    for base in cls.bases:
        target = base.value if isinstance(base, ast.Subscript) else base
        if ctx.resolve(target) in _FIELDLESS_BASES:
            continue
        inherited = _collect_fields(ctx, target.id, seen) if isinstance(target, ast.Name) else None
        if inherited is None:
            return None
        fields.update(inherited)
    for stmt in cls.body:
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            field = stmt.target.id
            if field.startswith("_") or _is_classvar(ctx, stmt.annotation):
                continue
            fields[field] = (_field_default(ctx, stmt), stmt.annotation)
        elif isinstance(stmt, (ast.If, ast.Try, ast.For, ast.While, ast.With)):
            return None
    return fields


def _is_classvar(ctx: Context, annotation: ast.expr) -> bool:
    target = annotation.value if isinstance(annotation, ast.Subscript) else annotation
    return _tail(ctx.resolve(target)) == "ClassVar"


def _field_default(ctx: Context, stmt: ast.AnnAssign) -> str:
    """``REQUIRED``, ``NONE_DEFAULT`` or the source of the default. An ``Optional`` field
    without a default counts as defaulting to ``None`` (pydantic v1 gives it one)."""
    optional = _optional(ctx, stmt.annotation)
    value = stmt.value
    if value is None:
        _, metadata = ctx.unwrap_annotation(stmt.annotation)
        for item in metadata:
            if isinstance(item, ast.Call) and _tail(ctx.resolve(item.func)) == "Field":
                return _field_call_default(item, optional)
        return NONE_DEFAULT if optional else REQUIRED
    if isinstance(value, ast.Call) and _tail(ctx.resolve(value.func)) == "Field":
        return _field_call_default(value, optional)
    if _is_none(value):
        return NONE_DEFAULT
    if isinstance(value, ast.Constant) and value.value is Ellipsis:
        return REQUIRED
    return ast.unparse(value)


def _field_call_default(call: ast.Call, optional: bool) -> str:
    default = call.args[0] if call.args else None
    for kw in call.keywords:
        if kw.arg == "default":
            default = kw.value
        elif kw.arg == "default_factory":
            return factory_default(kw.value)
    if default is None:
        return NONE_DEFAULT if optional else REQUIRED
    if isinstance(default, ast.Constant) and default.value is Ellipsis:
        return REQUIRED
    return NONE_DEFAULT if _is_none(default) else ast.unparse(default)


def _optional(ctx: Context, annotation: ast.expr | None, depth: int = 0) -> bool:
    if annotation is None or depth > 6:
        return False
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            return _optional(ctx, ast.parse(annotation.value, mode="eval").body, depth + 1)
        except (SyntaxError, ValueError):
            return False
    if _is_none(annotation):
        return True
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        return _optional(ctx, annotation.left, depth + 1) or _optional(ctx, annotation.right, depth + 1)
    if isinstance(annotation, ast.Subscript):
        tail = _tail(ctx.resolve(annotation.value))
        items = annotation.slice.elts if isinstance(annotation.slice, ast.Tuple) else [annotation.slice]
        if tail == "Optional":
            return True
        if tail == "Union":
            return any(_optional(ctx, i, depth + 1) for i in items)
        if tail == "Annotated" and items:
            return _optional(ctx, items[0], depth + 1)
        return False
    return _tail(ctx.resolve(annotation)) == "Any"
