"""XFA321: a path parameter no part of the route takes (ruff FAST003 parity).

The route's path parameters are what Starlette compiles from the path literal; a parameter
is taken by the handler (by name, or by ``Path(alias=...)``), or by any dependency FastAPI
solves for the route: the handler's ``Depends``/``Security`` parameters (defaults,
``Annotated`` metadata, ``Annotated`` aliases of this file or of another module of the
project), the decorator's ``dependencies=[...]``, the router's ``dependencies=[...]`` and
their sub-dependencies.  A dependency whose signature cannot be read (a callable instance,
``functools.partial``, a class with inherited fields, a name the index cannot follow) makes
the route unknown, and nothing is reported.
"""

from __future__ import annotations

import ast
from .. import lazy_re
from ..context import FUNCTION_TYPES, Context, depends_desc_target, desc_has_depends, param_default
from ..project import ROUTER_FACTORIES, Symbol, reads_path_params
from ..registry import rule, visitor

#: Starlette's path parameter syntax (``starlette.routing.PARAM_REGEX``): ``{name}`` or
#: ``{name:convertor}``; ``{ name }`` is literal text, not a parameter
PATH_PARAM = lazy_re.compile(r"{([a-zA-Z_][a-zA-Z0-9_]*)(:[a-zA-Z_][a-zA-Z0-9_]*)?}")
#: a ``:path`` parameter that ends the path: the catch-all tail of a route serving a
#: single-page app's index (or a fallback page) for whatever path below it the browser asks for
CATCH_ALL_TAIL = lazy_re.compile(r"{([a-zA-Z_][a-zA-Z0-9_]*):path}/?$")
#: ``Path``/``Query``/... markers whose ``alias=`` names the parameter FastAPI fills it from
_PARAM_MARKERS = frozenset(
    f"{m}.{n}"
    for m in ("fastapi", "fastapi.params", "fastapi.param_functions")
    for n in ("Path", "Query", "Header", "Cookie", "Body", "Form", "File")
)
_DATACLASS = frozenset({"dataclasses.dataclass", "pydantic.dataclasses.dataclass"})
#: how deep sub-dependencies are followed before the route counts as unknown
_MAX_DEPTH = 8

XFA321 = rule(
    "XFA321",
    "unused-path-parameter",
    default=True,
    seeds=("004",),
    message="path parameter {{{param}}} of route {name}() is taken by neither the handler nor its dependencies",
    fix_hint="add {param}: <type> to the signature (or remove {{{param}}} from the path)",
    what="""
        Reports a `{name}` (or `{name:convertor}`) in a route's path that
        nothing of the route takes: not the handler's signature (by name, or through
        `Path(alias="name")`), and none of the dependencies FastAPI solves for the route — the
        handler's `Depends`/`Security` parameters (as defaults, in `Annotated`, or through an
        `Annotated` alias of this file or another module of the project), the decorator's
        `dependencies=[...]`, the router's `dependencies=[...]`, and their sub-dependencies.
        The finding points at the `{` of the parameter in the path. Parity with ruff's
        FAST003, which reads dependencies of the same file only.
    """,
    why="""
        FastAPI matches the URL segment and then drops it: the handler
        never sees the value, so `/users/{user_id}` answers the same user for every id —
        almost always a parameter renamed in one place and not the other. Seed 004: the
        router "knows about HTTP (methods, status codes, response models, dependencies)" —
        its path and its handler's signature are one contract; ruff's FAST003 checks the
        same. FastAPI's path-parameter tutorial declares every `{name}` of the path as a
        parameter of the function. A positional-only
        parameter (`def f(user_id, /)`) does not take it either: FastAPI passes keywords.
    """,
    bad="""
        from fastapi import APIRouter
        from pydantic import BaseModel

        router = APIRouter()


        class UserRead(BaseModel):
            id: int


        @router.get("/users/{user_id}")
        async def read_user(userid: int) -> UserRead:
            return UserRead(id=userid)
    """,
    good="""
        from fastapi import APIRouter
        from pydantic import BaseModel

        router = APIRouter()


        class UserRead(BaseModel):
            id: int


        @router.get("/users/{user_id}")
        async def read_user(user_id: int) -> UserRead:
            return UserRead(id=user_id)
    """,
    not_flagged=(
        "A name a dependency of the route takes: `dependencies=[Depends(check_owner)]` on the "
        "decorator or the router, or `Annotated[..., Depends(get_item)]` (also through an alias "
        "such as `ItemDep` defined in another module), where `check_owner`/`get_item` has a "
        "parameter of that name, at any depth of sub-dependencies.",
        "A handler or dependency with `**kwargs`, one that reads `request.path_params`, or one "
        "that hands its `Request` to something else (a permission class may read the path); "
        "reading `request.state` or headers is fine.",
        "Routes with a dependency whose signature cannot be read: an instance of a class "
        "whose `__call__` is inherited or unknown, `functools.partial`, a class whose fields "
        "are inherited, a router made by a custom class (its `__init__` may add "
        "dependencies), a name the project index cannot follow — such as one imported from "
        "a module it cannot parse (the rule stays silent rather than guess). FastAPI's "
        "security schemes (`OAuth2PasswordBearer(...)`, `HTTPBearer()`) read headers, never "
        "the path.",
        "The catch-all tail of a route: a `:path` parameter that ends the path "
        "(`@router.get(\"/{full_path:path}\")`, `\"/p/{path_name:path}\"`): a handler that does not "
        "take it answers every path below the prefix with the same page (a single-page app's "
        "index; the tenth reading's chainlit `serve()`, the eleventh's feast `catch_all()`). "
        "Other parameters of the same path are still checked.",
        "`{ name }` with spaces, `{user-id}` and other text Starlette does not read as a "
        "parameter; paths that are not string literals.",
    ),
    example_path="app/routes/orders.py",
)


class _Unknown(Exception):
    """A dependency of the route whose signature cannot be read."""


@visitor(ast.FunctionDef, ast.AsyncFunctionDef, codes=(XFA321,))
def unused_path_parameter(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    routes = ctx.routes_of(node)
    if not routes or ctx.frame.kind == "class":
        return  # a method of a class-based view: the class's attributes are dependencies too
    consumed: set[str] | None = None
    for route in routes:
        if route.path is None or _wrapped(node, route, routes):
            continue
        tail = CATCH_ALL_TAIL.search(route.path)
        params = [
            p
            for p in dict.fromkeys(m.group(1) for m in PATH_PARAM.finditer(route.path))
            if tail is None or p != tail.group(1)
        ]
        if not params:
            continue
        try:
            if consumed is None:
                consumed = _handler_names(node, ctx)
            taken = set(consumed)
            taken |= _dependency_list(route.keyword("dependencies"), ctx, 0, set())
            taken |= _router_dependencies(route.decorator.func, ctx)
        except _Unknown:
            return
        for param in params:
            if param not in taken:
                ctx.report(_position(route, param, ctx), XFA321, param=param, name=node.name)


def _wrapped(fn: ast.FunctionDef | ast.AsyncFunctionDef, route, routes) -> bool:
    """Another decorator (not a route's, which returns the function as it is) stands between
    the route's and the function: FastAPI reads the signature of what it returns, which
    this file does not show."""
    decorators = fn.decorator_list
    at = next((i for i, d in enumerate(decorators) if d is route.decorator), len(decorators))
    own = {id(r.decorator) for r in routes}
    return any(id(d) not in own for d in decorators[at + 1 :])


def _handler_names(fn: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> set[str]:
    """The names the handler and its parameter dependencies take."""
    names = _signature_names(fn, ctx, 0, set())
    if reads_path_params(fn, ctx.resolve):
        raise _Unknown
    return names


def _signature_names(
    fn: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context, depth: int, seen: set[int]
) -> set[str]:
    """What a function of this file takes by keyword: its parameter names and aliases, and
    the names its sub-dependencies take."""
    if depth > _MAX_DEPTH:
        raise _Unknown
    if id(fn) in seen:
        return set()
    seen.add(id(fn))
    args = fn.args
    if args.kwarg is not None:
        raise _Unknown
    names: set[str] = set()
    for arg in (*args.args, *args.kwonlyargs):
        # FastAPI fills a parameter with a ``Path(alias=...)`` from the alias, not its name
        names |= _param_aliases(fn, arg, ctx) or {arg.arg}
        dep = ctx.param_depends(fn, arg.arg)
        if dep is not None:
            target = ctx.depends_target(dep)
            if target is None:  # ``Depends()``: the annotation's class
                target, _ = ctx.unwrap_annotation(arg.annotation)
                if target is None:
                    raise _Unknown
            names |= _target_names(target, ctx, depth + 1, seen)
        else:
            default = param_default(fn, arg.arg)
            if isinstance(default, (ast.Name, ast.Attribute)):
                names |= _default_dependency(default, ctx, depth + 1, seen)
            if arg.annotation is not None:
                names |= _alias_dependency(arg.annotation, ctx, depth + 1, seen)
    return names


def _param_aliases(fn: ast.AST, arg: ast.arg, ctx: Context) -> set[str]:
    """``alias=`` of the parameter's ``Path(...)`` marker: FastAPI reads such a parameter
    from the path parameter of that name.  (A ``Query(alias="item_id")`` reads the query
    string, never the path, so it takes nothing from the path.)"""
    markers: list[ast.expr] = []
    default = param_default(fn, arg.arg)
    if default is not None:
        markers.append(default)
    if arg.annotation is not None:
        markers.extend(ctx.unwrap_annotation(arg.annotation)[1])
    found = set()
    for marker in markers:
        if not isinstance(marker, ast.Call):
            continue
        name = ctx.resolve(marker.func)
        if name not in _PARAM_MARKERS:
            continue
        for kw in marker.keywords:
            if name.endswith(".Path") and kw.arg in (None, "validation_alias"):
                raise _Unknown  # ``Path(**opts)``, ``Path(validation_alias=AliasChoices(...))``
            if kw.arg == "alias":
                if not (isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str)):
                    raise _Unknown
                if name.endswith(".Path"):
                    found.add(kw.value.value)
                else:
                    found.add("")  # a query/header/... alias: the name is not a path parameter
    return found


def _default_dependency(
    default: ast.expr, ctx: Context, depth: int, seen: set[int], required: bool = False
) -> set[str]:
    """``item=ItemDep`` where ``ItemDep = Depends(get_item)`` (this file or another module).
    ``required``: the name must be such a ``Depends`` value (an item of ``dependencies=``),
    anything else is unknown."""
    if isinstance(default, ast.Name):
        binding = ctx.lookup(default.id)
        if binding is not None and binding.kind == "assign" and binding.value is not None:
            if ctx.is_depends(binding.value):
                target = ctx.depends_target(binding.value)
                if target is None:
                    raise _Unknown
                return _target_names(target, ctx, depth, seen)
            if required:
                raise _Unknown
            return set()
    sym = ctx.symbol(default)
    if sym is None:
        _unfollowed_import(default, ctx)
    if sym is not None and sym.kind == "value" and sym.path is not None and isinstance(sym.info, dict):
        if _is_depends_desc(sym.info):
            return _depends_desc_names(ctx, sym.path, sym.info, depth, seen)
    if required:
        raise _Unknown
    return set()


def _alias_dependency(annotation: ast.expr, ctx: Context, depth: int, seen: set[int]) -> set[str]:
    """A parameter annotated with an ``Annotated[..., Depends(f)]`` alias of another module
    (aliases of this file are unwrapped by ``param_depends``)."""
    base, metadata = ctx.unwrap_annotation(annotation)
    if metadata or not isinstance(base, (ast.Name, ast.Attribute)):
        return set()
    sym = ctx.symbol(base)
    if sym is None:
        _unfollowed_import(base, ctx)
        return set()
    if sym.kind != "value" or sym.path is None:
        return set()
    return _desc_alias_names(ctx, sym.path, sym.info, depth, seen)


def _unfollowed_import(expr: ast.expr, ctx: Context) -> None:
    """``expr`` was imported from a module of the project that the index cannot read (a
    syntax error for this Python, a module too dynamic to summarise): it may be an
    ``Annotated[..., Depends(f)]`` alias, so the route is unknown."""
    head = expr
    while isinstance(head, ast.Attribute):
        head = head.value
    if isinstance(head, ast.Name):
        binding = ctx.lookup(head.id)
        if binding is not None and binding.kind == "import":
            raise _Unknown


def _desc_alias_names(ctx: Context, path: str, desc: object, depth: int, seen: set[int]) -> set[str]:
    if not isinstance(desc, dict) or not desc_has_depends(desc):
        return set()
    marker = _alias_marker(desc)
    if marker is None:
        raise _Unknown
    return _depends_desc_names(ctx, path, marker, depth, seen)


def _is_depends_desc(desc: object) -> bool:
    return isinstance(desc, dict) and desc.get("k") == "call" and str(desc.get("f", "")).rsplit(".", 1)[-1] in (
        "Depends",
        "Security",
    )


def _depends_desc_names(ctx: Context, path: str, desc: dict, depth: int, seen: set[int]) -> set[str]:
    """What the dependency of a ``Depends(...)`` description of the module ``path`` takes."""
    target = depends_desc_target(desc)
    if target is not None:
        return _symbol_names(ctx.index.lookup(path, target), ctx, depth, seen)
    if desc.get("ac"):  # ``Depends(HTTPBearer())``: an instance made in place
        cls = ctx.index.lookup(path, str(desc["ac"]))
        if cls is not None and _security_scheme(cls):
            return set()
        if cls is not None and cls.kind == "class" and isinstance(cls.info, dict):
            return _sig_names(cls, cls.info.get("call"), ctx, depth, seen)
    raise _Unknown


def _alias_marker(desc: dict) -> dict | None:
    """The ``Depends(...)`` description in an ``Annotated[T, Depends(f)]`` description."""
    for _ in range(_MAX_DEPTH):
        items = desc.get("items") or []
        for item in items[1:]:
            if _is_depends_desc(item):
                return item  # type: ignore[return-value]
        if not items or not isinstance(items[0], dict) or items[0].get("k") != "sub":
            return None
        desc = items[0]
    return None


def _dependency_list(value: ast.expr | None, ctx: Context, depth: int, seen: set[int]) -> set[str]:
    """The names the ``dependencies=[Depends(f), ...]`` of a decorator or router take."""
    if value is None:
        return set()
    if not isinstance(value, (ast.List, ast.Tuple)):
        raise _Unknown
    names: set[str] = set()
    for item in value.elts:
        if isinstance(item, (ast.Name, ast.Attribute)):
            # ``dependencies=[DependsRBAC]`` with ``DependsRBAC = Depends(rbac_verify)``
            names |= _default_dependency(item, ctx, depth + 1, seen, required=True)
            continue
        target = ctx.depends_target(item)
        if target is None:
            raise _Unknown
        names |= _target_names(target, ctx, depth + 1, seen)
    return names


def _router_dependencies(func: ast.expr, ctx: Context) -> set[str]:
    """``dependencies=`` of the router the route is declared on.  A router made by a class
    of the project or of another library (``UserAPIRouter(...)``, whose ``__init__`` may add
    dependencies), or one neither this file nor the index shows, makes the route unknown."""
    if not isinstance(func, ast.Attribute):
        raise _Unknown
    router = func.value
    if isinstance(router, ast.Name):
        binding = ctx.lookup(router.id)
        if binding is not None and binding.kind == "assign" and isinstance(binding.value, ast.Call):
            if ctx.resolve(binding.value.func) not in ROUTER_FACTORIES:
                raise _Unknown
            for kw in binding.value.keywords:
                if kw.arg is None:
                    raise _Unknown
                if kw.arg == "dependencies":
                    return _dependency_list(kw.value, ctx, 0, set())
            return set()
    sym = ctx.symbol(router)
    if sym is None or sym.kind != "value" or not isinstance(sym.info, dict):
        raise _Unknown
    if sym.info.get("k") != "call" or sym.info.get("f") not in ROUTER_FACTORIES:
        raise _Unknown
    if "dependencies" in (sym.info.get("kw") or ()):
        raise _Unknown
    return set()


def _target_names(target: ast.expr, ctx: Context, depth: int, seen: set[int]) -> set[str]:
    """What the dependency ``target`` (the argument of ``Depends``) takes."""
    if depth > _MAX_DEPTH:
        raise _Unknown
    if isinstance(target, ast.Call):  # ``Depends(Checker(...))``: the instance's ``__call__``
        return _instance_names(target.func, ctx, depth, seen)
    if not isinstance(target, (ast.Name, ast.Attribute)):
        raise _Unknown
    if isinstance(target, ast.Name):
        binding = ctx.lookup(target.id)
        if binding is not None and binding.kind == "def" and isinstance(binding.node, FUNCTION_TYPES):
            return _local_function(binding.node, ctx, depth, seen)
        if binding is not None and binding.kind == "class" and isinstance(binding.node, ast.ClassDef):
            return _local_class(binding.node, ctx, depth, seen)
        if binding is not None and binding.kind == "assign" and isinstance(binding.value, ast.Call):
            return _instance_names(binding.value.func, ctx, depth, seen)
        if binding is None or binding.kind != "import":
            raise _Unknown
    return _symbol_names(ctx.symbol(target), ctx, depth, seen)


def _instance_names(cls: ast.expr, ctx: Context, depth: int, seen: set[int]) -> set[str]:
    """An instance of ``cls`` used as a dependency: what its ``__call__`` takes."""
    if isinstance(cls, ast.Name):
        binding = ctx.lookup(cls.id)
        if binding is not None and binding.kind == "class" and isinstance(binding.node, ast.ClassDef):
            call = next(
                (s for s in binding.node.body if isinstance(s, FUNCTION_TYPES) and s.name == "__call__"), None
            )
            if call is None:
                raise _Unknown  # inherited, or no callable at all
            return _local_function(call, ctx, depth, seen)
        if binding is None or binding.kind != "import":
            raise _Unknown
    elif not isinstance(cls, ast.Attribute):
        raise _Unknown
    sym = ctx.symbol(cls)
    if sym is not None and _security_scheme(sym):
        return set()
    if sym is None or sym.kind != "class" or not isinstance(sym.info, dict):
        raise _Unknown
    return _sig_names(sym, sym.info.get("call"), ctx, depth, seen)


def _security_scheme(sym: Symbol) -> bool:
    """One of FastAPI's security schemes (``OAuth2PasswordBearer(...)``, ``HTTPBearer()``,
    ``APIKeyHeader(...)``): its instances read a header, a cookie or the query string,
    never the path."""
    return sym.kind == "external" and sym.qualname.startswith("fastapi.security.")


def _local_function(fn: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context, depth: int, seen: set[int]) -> set[str]:
    if reads_path_params(fn, ctx.resolve):
        raise _Unknown
    return _signature_names(fn, ctx, depth, seen)


def _local_class(cls: ast.ClassDef, ctx: Context, depth: int, seen: set[int]) -> set[str]:
    """A class used as a dependency: its ``__init__``'s parameters, or the fields of a
    dataclass or Pydantic model that inherits none."""
    init = next((s for s in cls.body if isinstance(s, FUNCTION_TYPES) and s.name == "__init__"), None)
    plain_bases = all(
        ctx.resolve(b) in ("object", "pydantic.BaseModel", "pydantic.main.BaseModel") for b in cls.bases
    ) and not cls.keywords
    if init is not None:
        if not plain_bases:
            raise _Unknown
        names = _local_function(init, ctx, depth, seen)
        names.discard(init.args.args[0].arg if init.args.args else "self")
        return names
    dataclass = any(
        ctx.resolve(d.func if isinstance(d, ast.Call) else d) in _DATACLASS for d in cls.decorator_list
    )
    pydantic = bool(cls.bases) and all(
        ctx.resolve(b) in ("pydantic.BaseModel", "pydantic.main.BaseModel") for b in cls.bases
    )
    if not plain_bases or not (dataclass or pydantic) or any(s.name == "__call__" for s in cls.body if isinstance(s, FUNCTION_TYPES)):
        raise _Unknown
    return {s.target.id for s in cls.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)}


def _symbol_names(sym: Symbol | None, ctx: Context, depth: int, seen: set[int]) -> set[str]:
    """What a dependency of another module takes, from its summary's ``sig`` (a function)
    or ``init`` (a class with its own ``__init__``)."""
    if depth > _MAX_DEPTH or sym is None or sym.path is None or not isinstance(sym.info, dict):
        raise _Unknown
    info = sym.info
    if info.get("dup"):
        raise _Unknown
    if sym.kind == "function":
        return _sig_names(sym, info.get("sig"), ctx, depth, seen)
    if sym.kind == "class":
        return _sig_names(sym, info.get("init"), ctx, depth, seen)
    if sym.kind == "value" and info.get("k") == "call":  # ``checker = Checker(...)``
        cls = ctx.index.lookup(sym.path, str(info.get("f", "")))
        if cls is not None and _security_scheme(cls):
            return set()
        if cls is not None and cls.kind == "class" and isinstance(cls.info, dict):
            return _sig_names(cls, cls.info.get("call"), ctx, depth, seen)
    raise _Unknown


def _sig_names(sym: Symbol, sig: object, ctx: Context, depth: int, seen: set[int]) -> set[str]:
    if not isinstance(sig, dict) or sig.get("kw") or sig.get("pp") or sym.path is None:
        raise _Unknown
    key = hash((sym.path, sym.name, id(sig)))
    if key in seen:
        return set()
    seen.add(key)
    names = set(sig.get("p") or ())
    for dep in sig.get("d") or ():
        if dep == "?":
            raise _Unknown
        if dep.startswith("@"):
            names |= _annotation_names(ctx, sym.path, dep[1:], depth + 1, seen)
        else:
            names |= _symbol_names(ctx.index.lookup(sym.path, dep), ctx, depth + 1, seen)
    return names


def _annotation_names(ctx: Context, path: str, dotted: str, depth: int, seen: set[int]) -> set[str]:
    """A parameter of another module's dependency annotated ``dotted``: an ``Annotated``
    alias holding a ``Depends`` (followed), or a type (nothing)."""
    sym = ctx.index.lookup(path, dotted)
    if sym is None:
        raise _Unknown  # a name of the project the index cannot follow
    if sym.kind == "value" and sym.path is not None:
        return _desc_alias_names(ctx, sym.path, sym.info, depth, seen)
    return set()


def _position(route, param: str, ctx: Context) -> tuple[int, int] | ast.AST:
    """The ``{`` of ``{param}`` in the path literal, when the literal sits on one line."""
    literal = route.decorator.args[0] if route.decorator.args else route.keyword("path")
    if literal is None:
        return route.decorator
    if ctx.lines is None or literal.end_lineno != literal.lineno:
        return literal
    raw = ctx.lines[literal.lineno - 1].encode("utf-8")[literal.col_offset : literal.end_col_offset]
    for needle in (b"{" + param.encode() + b"}", b"{" + param.encode() + b":"):
        at = raw.find(needle)
        if at >= 0:
            return (literal.lineno, literal.col_offset + at)
    return literal
