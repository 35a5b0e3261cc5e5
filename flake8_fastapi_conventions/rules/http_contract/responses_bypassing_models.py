"""XFA306: a handler that declares a response model returns ``JSONResponse(...)`` (or ``Response``) of a
plain value, bypassing the model's validation and filtering."""

from __future__ import annotations

import ast

from ...context import Context
from ...registry import moved_off, rule
from ._shared import HANDLER_RETURNS, JSON_RESPONSES, _first_item, _is_none, LIST_TYPES, status_value, _subscript_base, _tail

XFA306 = rule(
    "XFA306",
    "response-bypasses-model",
    default=False,
    precision=moved_off("16 of 20"),
    seeds=("004",),
    message="route {name}() returns {cls}(...) directly, bypassing its response model {model}",
    fix_hint="return the data and let the model serialise it, or drop the model and declare response_class={cls}",
    what="""
        Reports `return JSONResponse(...)` / `ORJSONResponse(...)` / `UJSONResponse(...)` /
        `Response(...)` in a route handler that declares a response model: a
        `response_model=` other than `None`, or a return annotation that is a Pydantic model
        of this file (or a list of one).
    """,
    why="""
        Seed 004: "Returning a Response object directly bypasses FastAPI's validation and
        serialization entirely. The response_model is ignored, no filtering happens, and
        OpenAPI docs will not reflect the actual data."
    """,
    bad="""
        from fastapi import APIRouter
        from fastapi.responses import JSONResponse
        from pydantic import BaseModel

        router = APIRouter()


        class ItemRead(BaseModel):
            id: int
            name: str


        @router.get("/items/{item_id}", response_model=ItemRead)
        async def read_item(item_id: int) -> ItemRead:
            item = await load_item(item_id)
            return JSONResponse(content={"id": item.id, "name": item.name})
    """,
    good="""
        from fastapi import APIRouter
        from pydantic import BaseModel

        router = APIRouter()


        class ItemRead(BaseModel):
            id: int
            name: str


        @router.get("/items/{item_id}", response_model=ItemRead)
        async def read_item(item_id: int) -> ItemRead:
            item = await load_item(item_id)
            return ItemRead(id=item.id, name=item.name)
    """,
    not_flagged=(
        "A `response_model=` that is a container of primitives or untyped dicts (`dict[str, str]`, "
        "`list[dict]`, `list[str]`, directly or through a module-level alias here or in another "
        "module): it has no fields the content could bypass.",
        "Routes with `response_class=` and no model.",
        "Responses with an explicit error or empty status (`status_code=` 204 or >= 300): "
        "the documented `responses={404: ...}` pattern.",
        "A response whose literal status is a key of the route's `responses={...}` "
        "(e.g. `Response(status_code=202)` documented as `responses={202: ...}`).",
        "Return annotations that are a union (`Item | JSONResponse`), which FastAPI requires "
        "`response_model=None` for anyway.",
        "Content negotiation: `Response(..., media_type=\"text/plain\")` (any media type that is "
        "not JSON, or one computed at run time) is another representation, not the model's JSON.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/items.py",
)


@HANDLER_RETURNS.on("return", rules=(XFA306,))
def _returned_response(value: ast.expr, frame, ctx: Context) -> None:
    if not isinstance(value, ast.Call) or not ctx.wants(XFA306):
        return
    tail = _tail(ctx.resolve(value.func))
    if (tail in JSON_RESPONSES or tail == "Response") and ctx.imported_from(value.func, "fastapi", "starlette"):
        _check_bypass(frame.node, value, tail, ctx)


def _check_bypass(fn, call: ast.Call, cls: str, ctx: Context) -> None:
    if cls == "Response" and _non_json_media_type(call):
        return  # content negotiation: another representation (text, CSV) than the model's JSON
    code = None
    for kw in call.keywords:
        if kw.arg == "status_code":
            code = status_value(ctx, kw.value)
            if code is None:
                return  # a computed status: likely an error path
    if code is not None and (code == 204 or code >= 300):
        return
    if code is not None and code != 200 and _documented_status(fn, code, ctx):
        return  # a status the route documents in responses={...} (e.g. 202 "still processing")
    model = None
    for r in ctx.routes_of(fn):
        value = r.keyword("response_model")
        if value is not None:
            if _is_none(value) or _plain_container(ctx, value, 0):
                return  # ``dict[str, str]``, ``list[dict]``, ``list[str]``: no fields to bypass
            model = ast.unparse(value)
            break
    if model is None and fn.returns is not None:
        base, _ = ctx.unwrap_annotation(fn.returns)
        if isinstance(base, ast.Subscript) and _subscript_base(ctx, base) in LIST_TYPES:
            base = _first_item(base)
        if isinstance(base, ast.Name) and ctx.is_model_class(base):
            model = ast.unparse(fn.returns)
    if model is None:
        return
    ctx.report(call, XFA306, name=fn.name, cls=cls, model=model)


_PRIMITIVE_TYPES = frozenset({"str", "int", "float", "bool", "bytes", "Any", "None", "object"})
_PLAIN_DICTS = frozenset({"dict", "Dict", "Mapping", "MutableMapping"})
_PLAIN_LISTS = frozenset({"list", "List", "Sequence", "set", "Set", "tuple", "Tuple", "frozenset"})


def _plain_container(ctx: Context, node: ast.AST | None, depth: int) -> bool:
    """A response model that is a container of primitives or untyped dicts (``dict[str,
    str]``, ``list[dict]``, ``list[str]``, directly or through a module-level alias here or
    in another module): it has no fields a response could bypass."""
    if node is None or depth > 6:
        return False
    if _is_none(node):
        return True
    if isinstance(node, ast.Name):
        if node.id in _PRIMITIVE_TYPES | _PLAIN_DICTS | _PLAIN_LISTS and ctx.is_builtin(node):
            return True
        local = ctx.assignments.get(node.id)
        if local is not None:
            return _plain_container(ctx, local, depth + 1)
    if isinstance(node, ast.Subscript):
        tail = _tail(ctx.resolve(node.value))
        items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        if tail in _PLAIN_DICTS or tail in _PLAIN_LISTS or tail in ("Optional", "Union"):
            return all(_plain_container(ctx, i, depth + 1) or isinstance(i, ast.Constant) for i in items)
        return False
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _plain_container(ctx, node.left, depth + 1) and _plain_container(ctx, node.right, depth + 1)
    if isinstance(node, (ast.Name, ast.Attribute)):
        qualname = ctx.resolve(node) or ""
        if qualname.startswith("typing.") and _tail(qualname) in _PRIMITIVE_TYPES | _PLAIN_DICTS | _PLAIN_LISTS:
            return True
        sym = ctx.symbol(node)
        if sym is not None and sym.kind == "value" and isinstance(sym.info, dict):
            return _plain_desc(sym.info, 0)
    return False


def _plain_desc(desc: dict, depth: int) -> bool:
    """:func:`_plain_container` for an index value description (``{"k": "sub", "of":
    "list", "items": [{"k": "ref", "n": "str"}]}``)."""
    if depth > 6:
        return False
    kind = desc.get("k")
    if kind == "ref":
        return _tail(desc.get("n")) in _PRIMITIVE_TYPES | _PLAIN_DICTS | _PLAIN_LISTS and (
            "." not in (desc.get("n") or "") or (desc.get("n") or "").startswith("typing.")
        )
    if kind == "sub":
        base = desc.get("of") or ""
        if "." in base and not base.startswith("typing."):
            return False
        if _tail(base) not in _PLAIN_DICTS | _PLAIN_LISTS | {"Optional", "Union"}:
            return False
        return all(isinstance(i, dict) and _plain_desc(i, depth + 1) for i in desc.get("items", ()))
    return False


def _non_json_media_type(call: ast.Call) -> bool:
    """``Response(..., media_type="text/plain")`` or a media type computed at run time (the
    one an ``Accept`` header asked for); ``"application/json"`` (and ``+json``) is JSON."""
    for kw in call.keywords:
        if kw.arg == "media_type":
            value = kw.value
            if isinstance(value, ast.Constant):
                return isinstance(value.value, str) and not (
                    value.value.startswith("application/json") or "+json" in value.value
                )
            return not _is_none(value)
    return False


def _documented_status(fn, code: int, ctx: Context) -> bool:
    """Some route of ``fn`` lists ``code`` as a key of its ``responses={...}``."""
    for r in ctx.routes_of(fn):
        responses = r.keyword("responses")
        if not isinstance(responses, ast.Dict):
            continue
        for key in responses.keys:
            if key is None:
                continue
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                if key.value.strip() == str(code):
                    return True
            elif status_value(ctx, key) == code:
                return True
    return False
