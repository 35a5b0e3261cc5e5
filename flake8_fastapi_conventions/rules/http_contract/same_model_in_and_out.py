"""XFA311: a route takes and returns the same model, so clients can set (or read back) server-only
fields."""

from __future__ import annotations

import ast

from ... import lazy_re
from ...context import Context, RouteInfo
from ...registry import moved_off, rule
from ._shared import ROUTE_HANDLERS, _markers_of, model_fields, _tail

XFA311 = rule(
    "XFA311",
    "same-model-in-and-out",
    default=False,
    precision=moved_off("1 of 4", reading="ninth", earlier="0 of 7", pooled_over="third and eighth readings"),
    seeds=("002", "004"),
    message="route {name}() uses {model} as both request body and response model",
    fix_hint="declare a separate response schema (e.g. {suggest}) for the output",
    what="""
        Reports a route handler with a request-body parameter whose model (a Pydantic
        model known from this file or the project index, or any class passed with `Body()`)
        is also the route's `response_model=` or, without one, its return annotation —
        unless every field of the model can be seen (here or through the project index,
        bases and nested models included) and none looks server-managed or secret.
    """,
    why="""
        Seed 004: "Using the same Pydantic model for both request input and response
        output. Always separate them — input models may have passwords or write-only
        fields." Seed 002: "Create / Update / Response — never mix them".
    """,
    bad="""
        from fastapi import APIRouter
        from pydantic import BaseModel

        router = APIRouter()


        class User(BaseModel):
            username: str
            password: str


        @router.post("/users")
        async def create_user(user: User) -> User:
            return await save_user(user)
    """,
    good="""
        from fastapi import APIRouter
        from pydantic import BaseModel

        router = APIRouter()


        class UserCreate(BaseModel):
            username: str
            password: str


        class UserRead(BaseModel):
            id: int
            username: str


        @router.post("/users")
        async def create_user(user: UserCreate) -> UserRead:
            return await save_user(user)
    """,
    not_flagged=(
        "Different models in and out.",
        "Types that are not models: a builtin (`value: str = Body()` returned as `-> str`), a "
        "stdlib value type (`UUID`, `datetime`) or an enum of this file or the project "
        "(`level: LogLevel = Body()` with `-> LogLevel`): nothing can leak, no schema to split.",
        "Classes this file does not show to be Pydantic models (set `fastapi-schema-modules` "
        "so that imported schemas are known).",
        "A model of this file that is harmless to echo back (a settings or toggle form): every "
        "field is visible here, through bases and nested models of this file, of builtin, "
        "stdlib, typing, pydantic or enum types, and no field name looks server-managed or "
        "secret (`id`, `uuid`, `*_id`, `*_at`, `owner`, `version`, `role`, `is_superuser`, "
        "`password`, `token`, `secret`, `api_key`, `hashed_*`...). A model of another module of "
        "the project is read from the project index the same way (its fields, bases and every "
        "type its fields mention); one whose module, base or a field type cannot be followed is "
        "still reported.",
        "Not told apart: a representation a standard prescribes for both directions (SCIM "
        "resources, RFC 7643) still has `id`/`meta` fields that look server-managed, and is "
        "reported; silence it with `# noqa: XFA311` on the parameter.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/users.py",
)


def _response_model_name(node: ast.FunctionDef | ast.AsyncFunctionDef, route: RouteInfo, ctx: Context) -> str | None:
    model = route.keyword("response_model")
    if model is not None:
        return model.id if isinstance(model, ast.Name) else None
    returns = node.returns
    if returns is None:
        return None
    base, _ = ctx.unwrap_annotation(returns)
    return base.id if isinstance(base, ast.Name) else None


@ROUTE_HANDLERS.on("http handler", rules=(XFA311,))
def _http_handler(node, routes: list[RouteInfo], params, ctx: Context) -> None:
    if ctx.wants(XFA311):
        _check_same_model(node, routes[0], params, ctx)


def _check_same_model(node, route: RouteInfo, params, ctx: Context) -> None:
    out = _response_model_name(node, route, ctx)
    if out is None:
        return
    for arg, default in params:
        if arg.annotation is None:
            continue
        base, metadata = ctx.unwrap_annotation(arg.annotation)
        if not isinstance(base, ast.Name) or base.id != out:
            continue
        markers = _markers_of(ctx, arg.annotation, default)
        if any(m != "Body" for m in markers):
            continue
        if not (ctx.is_model_class(base) or "Body" in markers):
            continue
        if _plain_value_type(ctx, base):
            continue
        if _echo_safe_model(ctx, base.id, set()):
            continue
        suggest = out[:-6] + "Read" if out.endswith("Create") else out + "Read"
        ctx.report(arg, XFA311, name=node.name, model=out, suggest=suggest)
        return


def _plain_value_type(ctx: Context, base: ast.Name) -> bool:
    """``base`` is a value with no fields, not a model: a builtin (``str``, ``int``, ``dict``),
    a stdlib/typing value type (``UUID``, ``datetime``) or an enum of this file or of the
    project (``level: LogLevel = Body()`` echoed back as ``-> LogLevel``): nothing
    server-managed can be set or read back, there is no schema to split."""
    if ctx.is_model_class(base):
        return False
    if ctx.is_builtin(base):
        return True
    cls = ctx.classes.get(base.id)
    if cls is not None:
        return any(
            (ctx.resolve(b) or "").startswith("enum.") or _tail(ctx.resolve(b)) in ("Enum", "StrEnum", "IntEnum")
            for b in cls.bases
        )
    if base.id in ctx.imports and ctx.imports[base.id].split(".", 1)[0] in _PLAIN_TYPE_MODULES - {"pydantic"}:
        return True
    sym = ctx.symbol(base)
    if sym is None or sym.kind != "class":
        return False
    ancestors = ctx.index.external_ancestors(sym)
    return any(a.startswith("enum.") for a in ancestors) and "?" not in ancestors


#: field names that a client must not set or must not read back: identifiers, ownership,
#: timestamps, secrets, privileges
_SERVER_ONLY_FIELD = lazy_re.compile(
    r"(?i)^(id|pk|uuid|guid|owner|created|updated|created_by|updated_by|version|etag|role|roles|"
    r"permissions|scopes|is_superuser|is_admin|is_staff|is_verified)$|_id$|_ids$|_at$|_on$|"
    r"password|passwd|secret|(^|_)(token|hash|hashed|salt|api_?key|apikey|private_key|credentials?)(_|$)"
)
#: modules whose types hold no fields of their own
_PLAIN_TYPE_MODULES = frozenset(
    {"typing", "typing_extensions", "datetime", "uuid", "decimal", "enum", "pydantic", "annotated_types", "ipaddress", "pathlib", "collections"}
)


def _echo_safe_model(ctx: Context, name: str, seen: set[str]) -> bool:
    """The model ``name`` of this file can go in and out unchanged: every field is visible
    (its bases and nested models are of this file too) and none looks server-managed or
    secret (``id``, ``owner_id``, ``created_at``, ``password``, ``is_superuser``...)."""
    if name in seen:
        return True
    seen.add(name)
    if name not in ctx.classes:
        sym = ctx.symbol(ast.Name(id=name, ctx=ast.Load()))
        return sym is not None and sym.kind == "class" and _echo_safe_class(ctx, sym, set(), 0)
    fields = model_fields(ctx, name)
    if fields is None:
        return False  # not all of its fields are visible here
    for field, (_, annotation) in fields.items():
        if _SERVER_ONLY_FIELD.search(field):
            return False
        if not _plain_field_type(ctx, annotation, seen, 0):
            return False
    return True


_PLAIN_BUILTINS = frozenset(
    {"str", "int", "float", "bool", "bytes", "list", "dict", "set", "frozenset", "tuple", "None", "object"}
)
_FIELDLESS_EXTERNAL = frozenset({"pydantic.BaseModel", "pydantic.main.BaseModel", "typing.Generic"})


def _echo_safe_class(ctx: Context, sym, seen: set[str], depth: int) -> bool:
    """A model class of another module of the project, read from its summary: every field
    is listed (none under ``if``), its bases are ``BaseModel`` or such classes, no field
    name looks server-managed or secret, and every type its fields mention is a builtin, a
    stdlib/typing/pydantic type, an enum or such a model."""
    if sym.qualname in seen:
        return True
    if depth > 8 or not isinstance(sym.info, dict) or sym.path is None:
        return False
    seen.add(sym.qualname)
    info = sym.info
    if info.get("open") or info.get("methods") and any(m.startswith("model_post") for m in info["methods"]):
        return False
    for base in info.get("bases", ()):
        found = ctx.index.lookup(sym.path, base)
        if found is None:
            return False
        if found.kind == "external":
            if found.qualname not in _FIELDLESS_EXTERNAL:
                return False
        elif found.kind != "class" or not _echo_safe_class(ctx, found, seen, depth + 1):
            return False
    if not info.get("bases"):
        return False
    fields = info.get("fields", [])
    types = info.get("ftypes")
    if fields and types is None:
        return False
    for field in fields:
        if _SERVER_ONLY_FIELD.search(field):
            return False
        for name in types.get(field, ["?"]):  # type: ignore[union-attr]
            if not _plain_type_name(ctx, sym.path, name, seen, depth):
                return False
    return True


def _plain_type_name(ctx: Context, path: str, name: str, seen: set[str], depth: int) -> bool:
    if name == "?":
        return False
    if name in _PLAIN_BUILTINS or name in ("Optional", "Union", "Literal", "Annotated", "Any"):
        return True
    if name.split(".", 1)[0] in _PLAIN_TYPE_MODULES:
        return True
    found = ctx.index.lookup(path, name)
    if found is None or found.kind != "class":
        return False
    ancestors = ctx.index.external_ancestors(found)
    if any(a.startswith("enum.") for a in ancestors) and "?" not in ancestors:
        return True
    return _echo_safe_class(ctx, found, seen, depth + 1)


def _plain_field_type(ctx: Context, node: ast.AST | None, seen: set[str], depth: int) -> bool:
    """The annotation names only builtins, typing/pydantic/stdlib value types, enums and
    echo-safe models of this file."""
    if node is None or depth > 12:
        return node is None
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str):
            try:
                return _plain_field_type(ctx, ast.parse(node.value, mode="eval").body, seen, depth + 1)
            except (SyntaxError, ValueError):
                return False
        return True
    if isinstance(node, ast.Subscript):
        tail = _tail(ctx.resolve(node.value))
        if tail == "Literal":
            return True
        items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        if tail == "Annotated" and items:  # the type, and metadata calls (``Field(...)``), not doc strings
            items = [items[0], *(i for i in items[1:] if not isinstance(i, ast.Constant))]
        return _plain_field_type(ctx, node.value, seen, depth + 1) and all(
            _plain_field_type(ctx, i, seen, depth + 1) for i in items
        )
    if isinstance(node, (ast.Tuple, ast.List)):
        return all(_plain_field_type(ctx, e, seen, depth + 1) for e in node.elts)
    if isinstance(node, ast.BinOp):
        return _plain_field_type(ctx, node.left, seen, depth + 1) and _plain_field_type(ctx, node.right, seen, depth + 1)
    if isinstance(node, ast.Call):  # ``Field(...)``/``constr(...)`` metadata
        return _plain_field_type(ctx, node.func, seen, depth + 1)
    if isinstance(node, ast.Attribute):
        return (ctx.resolve(node) or "").split(".", 1)[0] in _PLAIN_TYPE_MODULES
    if isinstance(node, ast.Name):
        if node.id in ctx.imports:
            if ctx.imports[node.id].split(".", 1)[0] in _PLAIN_TYPE_MODULES:
                return True
            sym = ctx.symbol(node)  # a model or enum of another module of the project
            if sym is None or sym.kind != "class" or sym.path is None:
                return False
            return _plain_type_name(ctx, sym.path, sym.name or "?", set(), 0)
        cls = ctx.classes.get(node.id)
        if cls is not None:
            if any((ctx.resolve(b) or "").startswith("enum.") or _tail(ctx.resolve(b)) in ("Enum", "StrEnum", "IntEnum") for b in cls.bases):
                return True
            return ctx.is_model_class(node) and _echo_safe_model(ctx, node.id, seen)
        return ctx.is_builtin(node) or node.id in ("Optional", "Union", "Literal", "Annotated", "Any")
    return False
