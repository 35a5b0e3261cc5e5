"""XFA302: a route handler returns a raw dict with no response model; and the visitor of a handler's
``return`` statements for XFA301, XFA302 and XFA306."""

from __future__ import annotations

import ast

from ...context import Context
from ...registry import moved_off, rule, visitor
from ._shared import (
    _handler_frame,
    _is_none,
    JSON_RESPONSES,
    NON_JSON_RESPONSES,
    _outside_schema,
    _probe_path,
    _route_kw_splat,
    _subscript_base,
    _tail,
)
from .missing_response_models import XFA301, _builds_non_json
from .responses_bypassing_models import XFA306, _check_bypass

XFA302 = rule(
    "XFA302",
    "raw-dict-response",
    default=False,
    precision=moved_off("16 of 20", reading="sixth"),
    seeds=("004",),
    message="route {name}() returns a raw dict; return an instance of a Pydantic response model and declare it (response_model= or -> Model)",
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
        "Dicts returned by nested functions inside the handler.",
        "An empty dict (`return {}`, `return dict()`): an acknowledgement with no data, nothing "
        "a model would describe (a route that also returns a dict with data is reported there).",
        "Health and liveness probes (a path ending in `health`, `healthz`, `alive`, `livez`, "
        "`ping`, `ready`...) and routes outside any OpenAPI schema (`include_in_schema=False` "
        "on the route or its router, an app with `openapi_url=None` in this file, a router this "
        "file includes with `include_in_schema=False`).",
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


@visitor(ast.Return, codes=(XFA301, XFA302, XFA306))
def returned_responses(node: ast.Return, ctx: Context) -> None:
    if ctx.is_test:
        return
    frame = _handler_frame(ctx)
    if frame is None or node.value is None:
        return
    value = node.value
    fn = frame.node
    if isinstance(value, ast.Name) and value.id in frame.data.get("xfa301_response_names", ()):
        frame.data["xfa301_non_json"] = True  # ``response = StreamingResponse(...); return response``
    if _builds_non_json(ctx, value):
        frame.data["xfa301_non_json"] = True  # ``return render_report(...)`` with ``-> Response``
    if isinstance(value, ast.Call):
        tail = _tail(ctx.resolve(value.func))
        if tail in NON_JSON_RESPONSES or tail.endswith("TemplateResponse"):
            frame.data["xfa301_non_json"] = True
        if tail in JSON_RESPONSES or tail == "Response":
            if ctx.wants(XFA306) and ctx.imported_from(value.func, "fastapi", "starlette"):
                _check_bypass(fn, value, tail, ctx)
            return
    if ctx.wants(XFA302) and _is_dict_value(value, ctx) and not _empty_dict(value):
        if not _declares_model(fn, ctx) and not _probe_or_hidden(ctx, fn) and not _example_module(ctx):
            ctx.report(value, XFA302, name=fn.name)


def _example_module(ctx: Context) -> bool:
    """The module lives under an ``examples/`` (``demos/``, ``samples/``, ``tutorials/``)
    directory: an example's or a demo's app shows the project's library, it is not an API
    the project serves (XFA612 reads the directory the same way)."""
    from ..lifecycle import _in_examples  # lazily: the groups' declaration order stays as it is

    return ctx.memo("xfa302_examples", lambda: _in_examples(ctx))


def _probe_or_hidden(ctx: Context, fn) -> bool:
    """Every route of ``fn`` is a health probe or outside the OpenAPI schema."""
    routes = ctx.routes_of(fn)
    return bool(routes) and all(_probe_path(r.path) or _outside_schema(ctx, r) for r in routes)


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
            if _is_none(model) or _dict_like(ctx, model):
                continue
            return True
        if _route_kw_splat(r):
            return True
    returns = fn.returns
    return returns is not None and not _is_none(returns) and not _dict_like(ctx, returns)
