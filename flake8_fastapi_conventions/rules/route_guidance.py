"""XFA322-XFA326: what ruff's FAST rules and FastAPI's own current documentation advise
about declaring routes (all off by default)."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from .. import lazy_re
from ..context import FUNCTION_TYPES, Context, dotted_name
from ..fixes import Edit, Finding, Fix, Skip, argument_removal, fixes, removal_blocker
from ..line_budget import LineText
from ..registry import rule, visitor

if TYPE_CHECKING:  # the fix engine, on ast-grep, is imported only when fixing
    from ..fixer.engine import Source

_OPT_IN = "Off by default: enable it with `extend-select = {code}`."

# -- XFA322 -------------------------------------------------------------------------------

XFA322 = rule(
    "XFA322",
    "redundant-response-model",
    default=False,
    seeds=(),
    message="response_model={model} repeats the return annotation of {name}()",
    fix_hint="drop response_model= and keep -> {model}",
    what="""
        Reports `response_model=X` on a route decorator whose handler is also annotated
        `-> X` with the same type expression (string annotations are read as the type they
        spell). Parity with ruff's FAST001.
    """,
    why="""
        FastAPI takes the response model from the return annotation when `response_model=`
        is not given, so the keyword only repeats it, and the two copies drift apart in a
        later edit. Off by default because seed 003 asks for `response_model=` on every
        route: a team following it writes both on purpose.
    """,
    bad="""
        from fastapi import APIRouter
        from pydantic import BaseModel

        router = APIRouter()


        class ItemRead(BaseModel):
            id: int


        @router.get("/items/{item_id}", response_model=ItemRead)
        async def read_item(item_id: int) -> ItemRead:
            return ItemRead(id=item_id)
    """,
    good="""
        from fastapi import APIRouter
        from pydantic import BaseModel

        router = APIRouter()


        class ItemRead(BaseModel):
            id: int


        @router.get("/items/{item_id}")
        async def read_item(item_id: int) -> ItemRead:
            return ItemRead(id=item_id)
    """,
    not_flagged=(
        "A `response_model=` that differs from the return annotation (the usual way to "
        "return an ORM object or a dict and filter it through a schema).",
        "`response_model=None` (it switches the inferred model off).",
    ),
    example_path="app/routes/items.py",
    fix="safe",
    config=_OPT_IN.format(code="XFA322"),
)


def _type_key(node: ast.expr | None) -> str | None:
    """A comparable form of a type expression; a string annotation counts as what it spells."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            node = ast.parse(node.value, mode="eval").body
        except (SyntaxError, ValueError):
            return None
    if node is None:
        return None
    return ast.dump(node, annotate_fields=False, include_attributes=False).replace("Load()", "")


@visitor(ast.FunctionDef, ast.AsyncFunctionDef, codes=(XFA322,))
def redundant_response_model(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    if node.returns is None:
        return
    returns = _type_key(node.returns)
    if returns is None:
        return
    for route in ctx.routes_of(node):
        for kw in route.decorator.keywords:
            if kw.arg != "response_model":
                continue
            if isinstance(kw.value, ast.Constant) and kw.value.value is None:
                continue
            if _type_key(kw.value) == returns:
                declined = removal_blocker(ctx.lines, route.decorator, kw)
                ctx.report(kw, XFA322, declined=declined, model=ast.unparse(kw.value)[:60], name=node.name)


# -- XFA323 -------------------------------------------------------------------------------


#: FastAPI's parameter functions and Pydantic's/SQLModel's ``Field``
ELLIPSIS_CALLS = frozenset(
    {
        *(f"{m}.{n}" for m in ("fastapi", "fastapi.params", "fastapi.param_functions")
          for n in ("Query", "Path", "Body", "Header", "Cookie", "Form", "File")),
        "pydantic.Field", "pydantic.fields.Field", "pydantic.v1.Field", "sqlmodel.Field",
    }
)

XFA323 = rule(
    "XFA323",
    "ellipsis-default",
    default=False,
    seeds=(),
    message="`...` as the default of {what}",
    fix_hint="leave it out ({fixed}): a parameter or field without a default is already required",
    what="""
        Reports `...` (`Ellipsis`) written as the default of something that is required
        without it: the first argument (or `default=`) of FastAPI's `Query`, `Path`, `Body`,
        `Header`, `Cookie`, `Form`, `File` and of Pydantic's (or SQLModel's) `Field`, and
        `x: int = ...` in the body of a Pydantic model. The finding points at the `...`.
    """,
    why="""
        FastAPI's documentation on required parameters: "you don't need to use `...`",
        "not recommended" since `Annotated` made the default slot free — `Query()` and a
        field without a default are required. The `...` is a leftover of the syntax of
        FastAPI < 0.95 and Pydantic v1 that new readers take for a placeholder.
    """,
    bad="""
        from typing import Annotated

        from fastapi import APIRouter, Query
        from pydantic import BaseModel, Field

        router = APIRouter()


        class ItemCreate(BaseModel):
            name: str = Field(..., max_length=50)


        @router.get("/items/")
        async def search(q: Annotated[str, Query(..., min_length=3)]) -> ItemCreate:
            return ItemCreate(name=q)
    """,
    good="""
        from typing import Annotated

        from fastapi import APIRouter, Query
        from pydantic import BaseModel, Field

        router = APIRouter()


        class ItemCreate(BaseModel):
            name: str = Field(max_length=50)


        @router.get("/items/")
        async def search(q: Annotated[str, Query(min_length=3)]) -> ItemCreate:
            return ItemCreate(name=q)
    """,
    not_flagged=(
        "`...` in stubs (`.pyi`), in `Protocol` classes and in `@overload` signatures, and as "
        "the body of a function.",
        "`x: int = ...` in a class that is not a Pydantic model (a dataclass, a plain class).",
    ),
    example_path="app/routes/items.py",
    fix="safe",
    config=_OPT_IN.format(code="XFA323")
    + " The fix removes the `...`; it leaves `x: Optional[int] = ...` and `Field(...)` on an "
    "`Optional` field alone (under Pydantic v1 those defaults make the field required, and "
    "without them it would default to `None`).",
)


def _is_ellipsis(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is Ellipsis


def _exempt(ctx: Context) -> bool:
    """Stubs, ``Protocol`` classes, ``@overload`` signatures."""
    if ctx.filename.endswith(".pyi"):
        return True
    for ancestor in ctx.ancestors:
        if isinstance(ancestor, ast.ClassDef) and any(
            (ctx.resolve(b) or "").rsplit(".", 1)[-1] == "Protocol" for b in ancestor.bases
        ):
            return True
        if isinstance(ancestor, FUNCTION_TYPES) and any(
            (ctx.resolve(d) or "").rsplit(".", 1)[-1] == "overload" for d in ancestor.decorator_list
        ):
            return True
    return False


def _optional_field(annotation: ast.expr | None) -> bool:
    """``Optional[T]``, ``T | None``, ``Union[..., None]`` (as written, strings included):
    without a default such a field defaults to ``None`` under Pydantic v1."""
    if annotation is None:
        return False
    text = ast.unparse(annotation).replace(" ", "").strip("'\"")
    return "Optional[" in text or "|None" in text or "None|" in text or ("Union[" in text and "None" in text)


@visitor(ast.Call, codes=(XFA323,))
def ellipsis_marker(node: ast.Call, ctx: Context) -> None:
    if not (node.args and _is_ellipsis(node.args[0])) and not any(
        kw.arg == "default" and _is_ellipsis(kw.value) for kw in node.keywords
    ):
        return
    name = ctx.call_name(node)
    if name not in ELLIPSIS_CALLS or _exempt(ctx):
        return
    item: ast.AST = node.args[0] if node.args and _is_ellipsis(node.args[0]) else next(
        kw for kw in node.keywords if kw.arg == "default" and _is_ellipsis(kw.value)
    )
    at = item.value if isinstance(item, ast.keyword) else item
    short = name.rsplit(".", 1)[-1]
    parent = ctx.ancestors[-1] if ctx.ancestors else None
    # the fix drops a positional `...` only when it is the call's one positional argument,
    # and keeps it where it makes an Optional field required
    fixable = not (node.args and at is node.args[0] and len(node.args) > 1)
    if isinstance(parent, ast.AnnAssign) and parent.value is node and _optional_field(parent.annotation):
        fixable = False
    declined = removal_blocker(ctx.lines, node, item) if fixable else None
    ctx.report(at, XFA323, what=f"{short}(...)", fixed=f"{short}()", fixable=fixable, declined=declined)


@visitor(ast.AnnAssign, codes=(XFA323,))
def ellipsis_field(node: ast.AnnAssign, ctx: Context) -> None:
    if not _is_ellipsis(node.value) or not isinstance(node.target, ast.Name):
        return
    frame = ctx.frame
    if frame.kind != "class" or not isinstance(frame.node, ast.ClassDef) or _exempt(ctx):
        return
    if (ctx.resolve(_annotation_head(node.annotation)) or "").rsplit(".", 1)[-1] == "ClassVar":
        return
    if not _is_model(frame.node, ctx):
        return
    field = node.target.id
    fixable = not _optional_field(node.annotation)
    declined = None
    if fixable and ctx.lines is not None:
        declined = _field_default_blocker(ctx.lines, node)
    ctx.report(
        node.value,
        XFA323,
        what=f"field {field}",
        fixed=f"{field}: {ast.unparse(node.annotation)[:40]}",
        fixable=fixable,
        declined=declined,
    )


def _field_default_blocker(lines: list[str], field: ast.AnnAssign) -> str | None:
    """Why the XFA323 fix would not remove the field's `` = ...`` (as the fixer decides it,
    from the file's lines), or None."""
    annotation, value = field.annotation, field.value
    if value is None or not 0 < annotation.end_lineno <= value.end_lineno <= len(lines):  # type: ignore[operator]
        return None
    removal = _field_default_removal(LineText(lines, annotation.end_lineno, value.end_lineno), field)  # type: ignore[arg-type]
    return removal if isinstance(removal, str) else None


def _field_default_removal(source, field: ast.AnnAssign) -> tuple[int, int] | str:
    """The span of a field's `` = ...``, which the XFA323 fix removes (offsets into
    ``source.text``: the fixer's ``Source`` or a :class:`LineText`), or why it is kept."""
    annotation, value = field.annotation, field.value
    start = source.offset(annotation.end_lineno, annotation.end_col_offset)
    end = source.offset(value.end_lineno, value.end_col_offset)  # type: ignore[union-attr]
    removed = source.text[start:end]
    if "#" in removed:
        return "a comment inside the removed text"
    if "(" in removed:
        return "parentheses around the `...`"
    return start, end


def _annotation_head(annotation: ast.expr) -> ast.expr:
    return annotation.value if isinstance(annotation, ast.Subscript) else annotation


def _is_model(cls: ast.ClassDef, ctx: Context) -> bool:
    """A Pydantic model class (of this file, through the project's classes)."""
    if cls.name in ctx.classes and ctx.classes[cls.name] is cls:
        return ctx.is_model_class(ast.Name(cls.name)) or "pydantic" in ctx.class_kinds(ast.Name(cls.name))
    for base in cls.bases:
        target = base.value if isinstance(base, ast.Subscript) else base
        if ctx.is_model_class(target) if isinstance(target, (ast.Name, ast.Attribute)) else False:
            return True
    return False


# -- XFA324 -------------------------------------------------------------------------------

DEPRECATED_RESPONSES = frozenset(
    {
        "fastapi.responses.ORJSONResponse",
        "fastapi.responses.UJSONResponse",
        "fastapi.ORJSONResponse",
        "fastapi.UJSONResponse",
    }
)

XFA324 = rule(
    "XFA324",
    "deprecated-json-response",
    default=False,
    seeds=(),
    message="{cls} is deprecated by FastAPI",
    fix_hint="declare a return type or response_model and let Pydantic serialise the response (drop {cls})",
    what="""
        Reports FastAPI's `ORJSONResponse` and `UJSONResponse` used as a
        `response_class=`/`default_response_class=` (of a route, a router, the app or an
        `include_router`) or returned (`return ORJSONResponse(...)`).
    """,
    why="""
        FastAPI deprecates both (`FastAPIDeprecationWarning`): "FastAPI now serializes data
        directly to JSON bytes via Pydantic when a return type or response model is set,
        which is faster and doesn't need a custom response class." The custom classes also
        skip the response model's validation and filtering when returned directly.
    """,
    bad="""
        from fastapi import FastAPI
        from fastapi.responses import ORJSONResponse

        app = FastAPI(default_response_class=ORJSONResponse)
    """,
    good="""
        from fastapi import FastAPI

        app = FastAPI()
    """,
    not_flagged=(
        "`JSONResponse` and the other Starlette responses; a project's own `ORJSONResponse` "
        "class (only FastAPI's deprecated ones are reported).",
    ),
    config=_OPT_IN.format(code="XFA324"),
)


@visitor(ast.keyword, codes=(XFA324,))
def deprecated_response_class(node: ast.keyword, ctx: Context) -> None:
    if node.arg not in ("response_class", "default_response_class"):
        return
    name = ctx.resolve(node.value)
    if name in DEPRECATED_RESPONSES:
        ctx.report(node.value, XFA324, cls=name.rsplit(".", 1)[-1])


@visitor(ast.Return, codes=(XFA324,))
def deprecated_response_returned(node: ast.Return, ctx: Context) -> None:
    value = node.value
    if isinstance(value, ast.Call):
        name = ctx.call_name(value)
        if name in DEPRECATED_RESPONSES:
            ctx.report(value, XFA324, cls=name.rsplit(".", 1)[-1])


# -- XFA325 -------------------------------------------------------------------------------


#: the ``include_router`` arguments that belong on the ``APIRouter``
ROUTER_CONFIG = ("prefix", "tags", "dependencies")
_ROUTER_CALLS = frozenset({"fastapi.APIRouter", "fastapi.routing.APIRouter"})

XFA325 = rule(
    "XFA325",
    "router-config-in-include",
    default=False,
    seeds=(),
    message="include_router({router}, {args}=...) configures a router of this project from outside",
    fix_hint="declare {args} on its APIRouter(...) instead",
    what="""
        Reports `include_router(router, prefix=..., tags=..., dependencies=...)` where
        `router` is an `APIRouter(...)` made in this file or in another module of the
        project (the project index shows its call) without that argument.
    """,
    why="""
        FastAPI's "Bigger Applications" guide declares a router's `prefix`, `tags` and
        `dependencies` on the `APIRouter` itself, next to its routes, and keeps the
        `include_router` arguments for routers the project cannot edit (a third-party
        package's). Configured at the include, a router's paths and guards are invisible
        from the module that defines its routes.
    """,
    bad="""
        from fastapi import APIRouter, FastAPI

        router = APIRouter()
        app = FastAPI()
        app.include_router(router, prefix="/items", tags=["items"])
    """,
    good="""
        from fastapi import APIRouter, FastAPI

        router = APIRouter(prefix="/items", tags=["items"])
        app = FastAPI()
        app.include_router(router)
    """,
    not_flagged=(
        "Including a third-party router, or one the project index cannot follow.",
        "A router this file includes more than once (versioned mounts: the same router under "
        "`/v1` and `/v2`).",
        "Arguments the router also declares (the include adds to them, on purpose).",
        "A `prefix=` that mounts the router under the API version (`/api/v1`, `/v2`, or a "
        "setting such as `settings.API_V1_STR`): [[deep-resource-nesting]] asks for that prefix at the include.",
    ),
    config=_OPT_IN.format(code="XFA325"),
)


@visitor(ast.Module, leave=True, codes=(XFA325,))
def router_config_in_include(node: ast.Module, ctx: Context) -> None:
    includes: list[tuple[ast.Call, str]] = []
    for call in ast.walk(node):
        if (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr == "include_router"
            and call.args
            and ctx.is_router(call.func.value)
        ):
            text = dotted_name(call.args[0])
            if text is not None:
                includes.append((call, text))
    counts: dict[str, int] = {}
    for _, text in includes:
        counts[text] = counts.get(text, 0) + 1
    for call, text in includes:
        if counts[text] > 1:
            continue
        given = [kw.arg for kw in call.keywords if kw.arg in ROUTER_CONFIG and not _mount_prefix(kw)]
        if not given or any(kw.arg is None for kw in call.keywords):
            continue
        declared = _router_keywords(call.args[0], ctx)
        if declared is None:
            continue
        missing = [a for a in given if a not in declared]
        if missing:
            ctx.report(call, XFA325, router=text, args="/".join(missing))


_VERSION = lazy_re.compile(r"(^|/)(v\d+|api)(/|$)")


def _mount_prefix(kw: ast.keyword) -> bool:
    """A ``prefix=`` that mounts the router under the API's version (``/api/v1``, or a
    setting such as ``settings.API_V1_STR``): where the application is put together, not
    configuration of the router (``deep-resource-nesting`` asks for exactly that prefix at the include)."""
    if kw.arg != "prefix":
        return False
    value = kw.value
    if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
        return True
    return bool(_VERSION.search(value.value))


def _router_keywords(expr: ast.expr, ctx: Context) -> set[str] | None:
    """The keywords of the ``APIRouter(...)`` call that made ``expr``; ``None`` when it is
    not a router of this project made by such a call."""
    if isinstance(expr, ast.Name) and expr.id in ctx.assignments:
        value = ctx.assignments[expr.id]
        if isinstance(value, ast.Call) and ctx.resolve(value.func) in _ROUTER_CALLS:
            if any(kw.arg is None for kw in value.keywords):
                return None
            return {kw.arg for kw in value.keywords if kw.arg}
        return None
    sym = ctx.symbol(expr)
    if sym is None or sym.kind != "value" or not isinstance(sym.info, dict):
        return None
    if sym.info.get("k") != "call" or sym.info.get("f") not in _ROUTER_CALLS:
        return None
    return set(sym.info.get("kw") or ())


# -- XFA326 -------------------------------------------------------------------------------

XFA326 = rule(
    "XFA326",
    "multi-method-route",
    default=False,
    seeds=(),
    message="{name}() answers {methods} in one handler",
    fix_hint="write one function per HTTP operation (@router.{first}(...), ...)",
    what="""
        Reports `@router.api_route(..., methods=[...])` and `router.add_api_route(...,
        methods=[...])` that bind more than one HTTP method to one handler. `HEAD` next to
        `GET` is not counted.
    """,
    why="""
        FastAPI's path operation decorators map one function to one operation: each gets
        its own OpenAPI operation, status code, response model and docs. A handler that
        branches on `request.method` serves several contracts behind one signature, and
        its OpenAPI entries share one operation id.
    """,
    bad="""
        from fastapi import APIRouter

        router = APIRouter()


        @router.api_route("/items/{item_id}", methods=["PUT", "PATCH"])
        async def save_item(item_id: int) -> None: ...
    """,
    good="""
        from fastapi import APIRouter

        router = APIRouter()


        @router.put("/items/{item_id}")
        async def replace_item(item_id: int) -> None: ...


        @router.patch("/items/{item_id}")
        async def update_item(item_id: int) -> None: ...
    """,
    not_flagged=(
        "`methods=[\"GET\", \"HEAD\"]`; a single method; `methods=` that is not a literal list.",
    ),
    example_path="app/routes/items.py",
    config=_OPT_IN.format(code="XFA326"),
)


def _methods(value: ast.expr) -> list[str] | None:
    if not isinstance(value, (ast.List, ast.Tuple, ast.Set)):
        return None
    found = []
    for elt in value.elts:
        if not (isinstance(elt, ast.Constant) and isinstance(elt.value, str)):
            return None
        found.append(elt.value.upper())
    return list(dict.fromkeys(found))


@visitor(ast.Call, codes=(XFA326,))
def multi_method_route(node: ast.Call, ctx: Context) -> None:
    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr in ("api_route", "add_api_route")):
        return
    value = next((kw.value for kw in node.keywords if kw.arg == "methods"), None)
    if value is None or not ctx.is_router(func.value):
        return
    methods = _methods(value)
    if methods is None:
        return
    counted = [m for m in methods if not (m == "HEAD" and "GET" in methods)]
    if len(counted) < 2:
        return
    name = "handler"
    parent = ctx.parent
    if isinstance(parent, FUNCTION_TYPES) and any(d is node for d in parent.decorator_list):
        name = parent.name
    elif func.attr == "add_api_route" and len(node.args) > 1:
        name = dotted_name(node.args[1]) or name
    else:
        endpoint = next((kw.value for kw in node.keywords if kw.arg == "endpoint"), None)
        name = (dotted_name(endpoint) if endpoint is not None else None) or name
    ctx.report(value, XFA326, name=name, methods="/".join(counted), first=counted[0].lower())


# -- the fix ---------------------------------------------------------------------------


def _fix_drop_argument(src: Source, call: ast.Call, item: ast.AST) -> Edit:
    """An edit that removes one argument (positional or keyword) of ``call`` with the comma
    that separates it from its neighbours."""
    span = argument_removal(src, call, item)
    if isinstance(span, str):
        raise Skip(span)
    return Edit(*span, "")


def _fix_enclosing_call(src: Source, node: ast.AST) -> ast.Call:
    parent = src.parent(node)
    if isinstance(parent, ast.keyword):
        parent = src.parent(parent)
    if not isinstance(parent, ast.Call):
        raise Skip("not an argument of a call")
    return parent


@fixes(XFA322)
def fix_redundant_response_model(src: Source, finding: Finding) -> Fix:
    found = src.ast_at(finding, ast.keyword)
    if not found or not isinstance(found[0], ast.keyword) or found[0].arg != "response_model":
        raise Skip("no response_model= at the reported position")
    kw = found[0]
    return Fix([_fix_drop_argument(src, _fix_enclosing_call(src, kw), kw)])


@fixes(XFA323)
def fix_ellipsis_default(src: Source, finding: Finding) -> Fix:
    found = src.ast_at(finding, ast.Constant)
    node = next((n for n in found if isinstance(n, ast.Constant) and n.value is Ellipsis), None)
    if node is None:
        raise Skip("no ... at the reported position")
    parent = src.parent(node)
    if isinstance(parent, ast.AnnAssign) and parent.value is node:
        if _optional_field(parent.annotation):
            raise Skip("an Optional field: without `...` it would default to None under Pydantic v1")
        removal = _field_default_removal(src, parent)
        if isinstance(removal, str):
            raise Skip(removal)
        return Fix([Edit(*removal, "")])
    call = _fix_enclosing_call(src, node)
    item: ast.AST = parent if isinstance(parent, ast.keyword) else node
    if item is node and (len(call.args) > 1 or call.args[0] is not node):
        raise Skip("more positional arguments follow the `...`")
    field = next((a for a in src.ancestors(call) if isinstance(a, ast.AnnAssign)), None)
    if field is not None and field.value is call and _optional_field(field.annotation):
        raise Skip("an Optional field: without `...` it would default to None under Pydantic v1")
    return Fix([_fix_drop_argument(src, call, item)])
