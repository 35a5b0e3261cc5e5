"""XFA302: a route handler returns a raw dict with no response model."""

from __future__ import annotations

import ast
import re

from ... import lazy_re
from ...context import Context, RouteInfo, dotted_name
from ...registry import moved_off, rule
from ._shared import (
    HANDLER_RETURNS,
    _is_none,
    JSON_RESPONSES,
    _outside_schema,
    _own_nodes,
    _probe_path,
    _route_kw_splat,
    _subscript_base,
    _tail,
)

XFA302 = rule(
    "XFA302",
    "raw-dict-response",
    default=False,
    precision=moved_off("16 of 20", reading="sixth"),
    seeds=("004",),
    message="route {name}() returns a raw dict",
    fix_hint="return an instance of a Pydantic response model and declare it (response_model= or -> Model)",
    what="""
        Reports `return {...}`, `return {k: v for ...}` or `return dict(...)` in a route
        handler that declares no Pydantic response model: no `response_model=` (or one
        that is `dict`/`Dict[...]`/`Any`) and no return annotation (or a `dict`-like one).
    """,
    why="""
        Seed 004: "Never return raw dictionaries from endpoints. Always declare a
        response_model or return type annotation with a Pydantic model." A dict has no
        schema: nothing validates or documents what clients receive.
    """,
    bad="""
        from fastapi import APIRouter

        router = APIRouter()


        @router.get("/status")
        async def read_status() -> dict:
            return {"status": "ok"}
    """,
    good="""
        from fastapi import APIRouter
        from pydantic import BaseModel

        router = APIRouter()


        class StatusOut(BaseModel):
            status: str


        @router.get("/status")
        async def read_status() -> StatusOut:
            return StatusOut(status="ok")
    """,
    not_flagged=(
        "Returning a Pydantic model or an ORM object.",
        "A dict returned under a Pydantic `response_model=` or model return annotation: "
        "FastAPI validates it against the model, so the contract holds.",
        "A mapping of models declared as the response (`-> dict[str, list[LimitRead]]`, "
        "`response_model=dict[str, ItemRead]`): dynamic keys whose values FastAPI validates and "
        "documents; no model could describe the keys better. `dict[str, str]` or `dict[str, Any]` "
        "is still reported.",
        "Dicts returned by nested functions inside the handler.",
        "An empty dict (`return {}`, `return dict()`): an acknowledgement with no data, nothing "
        "a model would describe (a route that also returns a dict with data is reported there).",
        "Health and liveness probes (a path ending in `health`, `healthz`, `alive`, `livez`, "
        "`ping`, `ready`...) and routes outside any OpenAPI schema (`include_in_schema=False` "
        "on the route or its router, an app with `openapi_url=None` in this file, a router this "
        "file includes with `include_in_schema=False`). A path given by a constant is read from "
        "this file (`HEALTH = \"/healthz\"`); a constant of another module counts as a probe "
        "when its name or the handler's says so (`@app.get(SIDECAR_HEALTH_PATH)`, `READY_PATH`, "
        "`def health()`).",
        "The application's root banner: `@app.get(\"/\")` on a `FastAPI(...)` of this file "
        "returning a dict of constants only (`{\"message\": \"API is running\"}`). A router's "
        "`\"/\"` or a root answering data is reported.",
        "Webhook receivers that verify the provider's signature (`stripe.Webhook.construct_event"
        "(...)`, `Webhook(secret).verify(...)`): the provider is the only client and reads the status "
        "code, not a schema. A webhook route that verifies nothing is reported.",
        "A JSON Schema document literal (`{\"$schema\": ...}` or `{\"type\": \"object\", "
        "\"properties\": {...}}`): the payload is itself a schema.",
        "OAuth redirect URIs: a `GET` route whose path ends in a `callback` segment "
        "(`/oauth/callback`, `/auth/{provider}/callback`) and whose handler takes `code` and "
        "`state`: the provider sends the user's browser there, no API client reads a schema. "
        "A `POST` callback, or one without `code`/`state`, is reported.",
        "Modules under an `examples/` (`demos/`, `samples/`, `tutorials/`) directory: a demo's "
        "backend shows the library to a developer running it, it is not an API the project "
        "serves.",
        "Not told apart: `openapi_url=None` set on the app of another module, mock servers and "
        "debug-only routers. They are flagged.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/status.py",
)


DICT_TYPES = frozenset({"dict", "Dict", "Mapping", "MutableMapping", "Any", "JSONResponse"})


def _dict_like(ctx: Context, node: ast.AST | None) -> bool:
    if node is None:
        return False
    base, _ = ctx.unwrap_annotation(node)  # type: ignore[arg-type]
    if base is None:
        return False
    if isinstance(base, ast.Subscript):
        return _subscript_base(ctx, base) in DICT_TYPES
    return _tail(ctx.resolve(base)) in DICT_TYPES


@HANDLER_RETURNS.on("return", rules=(XFA302,))
def _returned_dict(value: ast.expr, frame, ctx: Context) -> None:
    fn = frame.node
    if isinstance(value, ast.Call):
        tail = _tail(ctx.resolve(value.func))
        if tail in JSON_RESPONSES or tail == "Response":
            return  # a response object, not a body the route's model would validate
    if ctx.wants(XFA302) and _is_dict_value(value, ctx) and not _empty_dict(value):
        if (
            not _declares_model(fn, ctx)
            and not _probe_or_hidden(ctx, fn)
            and not _example_module(ctx)
            and not _root_banner(ctx, fn, value)
            and not _webhook_receiver(ctx, fn)
            and not _json_schema_document(value)
            and not _oauth_redirect_callback(ctx, fn)
        ):
            ctx.report(value, XFA302, name=fn.name)


def _example_module(ctx: Context) -> bool:
    """The module lives under an ``examples/`` (``demos/``, ``samples/``, ``tutorials/``)
    directory: an example's or a demo's app shows the project's library, it is not an API
    the project serves (the lifecycle rules read the directory the same way)."""
    from ..lifecycle._shared import _in_examples  # lazily: the groups' declaration order stays as it is

    return ctx.memo("xfa302_examples", lambda: _in_examples(ctx))


def _probe_or_hidden(ctx: Context, fn) -> bool:
    """Every route of ``fn`` is a health probe or outside the OpenAPI schema."""
    routes = ctx.routes_of(fn)
    return bool(routes) and all(_probe_route(ctx, r, fn) or _outside_schema(ctx, r) for r in routes)


#: words of a constant's or a handler's name that make a route with a computed path a probe
_PROBE_WORDS = frozenset({"health", "healthz", "healthcheck", "liveness", "readiness", "livez", "readyz", "ping"})


def _probe_route(ctx: Context, route: RouteInfo, fn) -> bool:
    """The route is a health probe: its literal path ends in a probe segment, or its path is a
    name (``@app.get(HEALTH_PATH)``) bound in this file to such a literal or, when its value
    is not visible here (a constant of another module), the name or the handler's name says
    it is one (``SIDECAR_HEALTH_PATH``, ``def health()``)."""
    if route.path is not None:
        return _probe_path(route.path)
    expr = route.decorator.args[0] if route.decorator.args else route.keyword("path")
    if not isinstance(expr, (ast.Name, ast.Attribute)):
        return False
    if isinstance(expr, ast.Name):
        found = ctx.lookup(expr.id)
        value = getattr(found, "value", None) if found is not None and found.kind == "assign" else None
        if isinstance(value, ast.Constant):
            return isinstance(value.value, str) and _probe_path(value.value)
        if found is not None and found.kind != "import":
            return False
    constant = set(re.split(r"[_.]", (dotted_name(expr) or "").lower()))
    return bool(constant & (_PROBE_WORDS | {"ready", "alive"}) or set(fn.name.lower().split("_")) & _PROBE_WORDS)


def _root_banner(ctx: Context, fn, value: ast.expr) -> bool:
    """``@app.get("/")`` of an application (``FastAPI(...)`` in this file) answering a dict of
    constants (``{"message": "API is running"}``): a banner a person or a liveness check reads,
    not an API resource."""
    if not isinstance(value, ast.Dict) or not all(
        isinstance(k, ast.Constant) and isinstance(v, ast.Constant) for k, v in zip(value.keys, value.values)
    ):
        return False
    routes = ctx.routes_of(fn)
    if not routes:
        return False
    for r in routes:
        if r.path != "/" or not r.router.isidentifier():
            return False
        found = ctx.lookup(r.router)
        app = getattr(found, "value", None) if found is not None and found.kind == "assign" else None
        if not (isinstance(app, ast.Call) and _tail(ctx.resolve(app.func)) == "FastAPI"):
            return False
    return True


def _webhook_receiver(ctx: Context, fn) -> bool:
    """The handler verifies a provider's webhook signature (``stripe.Webhook.construct_event``,
    ``svix.Webhook(...).verify``): its only client is the provider, which reads the status
    code, not a body schema."""

    def compute() -> bool:
        for sub in _own_nodes(fn):
            if not isinstance(sub, ast.Call) or not isinstance(sub.func, ast.Attribute):
                continue
            if sub.func.attr == "construct_event":
                return True
            if sub.func.attr in ("verify", "verify_header", "verify_signature"):
                receiver = sub.func.value
                if isinstance(receiver, ast.Call):
                    receiver = receiver.func  # ``Webhook(secret).verify(...)``
                name = ctx.resolve(receiver) or dotted_name(receiver) or ""
                if "webhook" in name.lower():
                    return True
        return False

    return ctx.memo(f"xfa302_webhook:{fn.lineno}:{fn.col_offset}", compute)


def _json_schema_document(value: ast.expr) -> bool:
    """A JSON Schema document literal (``{"$schema": ...}``, or ``{"type": "object",
    "properties": {...}}``): the payload is itself a schema, which a Pydantic model would
    only describe as ``dict[str, Any]``."""
    if not isinstance(value, ast.Dict):
        return False
    keys = {k.value: v for k, v in zip(value.keys, value.values) if isinstance(k, ast.Constant) and isinstance(k.value, str)}
    if "$schema" in keys:
        return True
    kind = keys.get("type")
    return "properties" in keys and isinstance(kind, ast.Constant) and kind.value == "object"


#: path segments of an OAuth redirect URI
_CALLBACK_SEGMENT = lazy_re.compile(r"(?i)(^|[_-])(callback|oauth2?callback|redirect)$")


def _oauth_redirect_callback(ctx: Context, fn) -> bool:
    """Every route of ``fn`` is a ``GET`` OAuth redirect URI: the path's last literal segment
    is ``callback`` (``/oauth/callback``, ``/auth/{provider}/callback``) and the handler takes
    the ``code`` and ``state`` parameters the provider appends. The user's browser lands
    there after the provider's consent page; no API client reads a schema."""
    names = {a.arg for a in (*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs)}
    if not {"code", "state"} <= names:
        return False
    routes = ctx.routes_of(fn)
    if not routes:
        return False
    for r in routes:
        if r.path is None or r.methods != ("GET",):
            return False
        literal = [seg for seg in r.path.split("/") if seg and not seg.startswith("{")]
        if not literal or not _CALLBACK_SEGMENT.search(literal[-1]):
            return False
    return True


def _is_dict_value(value: ast.expr, ctx: Context) -> bool:
    if isinstance(value, (ast.Dict, ast.DictComp)):
        return True
    return isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "dict" and ctx.is_builtin(value.func)


def _empty_dict(value: ast.expr) -> bool:
    """``{}`` or ``dict()``: a reply with no data (an acknowledgement), nothing a model would
    describe; its problem is the missing 204, not a missing schema."""
    if isinstance(value, ast.Dict):
        return not value.keys
    return isinstance(value, ast.Call) and not value.args and not value.keywords


def _declares_model(fn, ctx: Context) -> bool:
    """Some route of ``fn`` declares a response model that is not dict-like."""
    for r in ctx.routes_of(fn):
        model = r.keyword("response_model")
        if model is not None:
            if _is_none(model) or (_dict_like(ctx, model) and not _mapping_of_models(ctx, model)):
                continue
            return True
        if _route_kw_splat(r):
            return True
    returns = fn.returns
    if returns is None or _is_none(returns):
        return False
    return not _dict_like(ctx, returns) or _mapping_of_models(ctx, returns)


def _mapping_of_models(ctx: Context, node: ast.expr) -> bool:
    """``dict[str, list[TokenLimitRead]]``: a mapping with dynamic keys whose values are
    Pydantic models; FastAPI validates and documents each value, and no model could describe
    the keys better."""
    base, _ = ctx.unwrap_annotation(node)
    if not isinstance(base, ast.Subscript) or not isinstance(base.slice, ast.Tuple) or len(base.slice.elts) != 2:
        return False
    for sub in ast.walk(base.slice.elts[1]):
        if isinstance(sub, (ast.Name, ast.Attribute)) and ctx.is_model_class(sub):
            return True
    return False
