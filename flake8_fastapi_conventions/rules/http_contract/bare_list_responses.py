"""XFA303: a GET route answers with a bare list (no envelope to page or extend)."""

from __future__ import annotations

import ast

from ...context import FUNCTION_TYPES, Context, RouteInfo
from ...registry import moved_off, rule
from ._shared import ROUTE_HANDLERS, _all_args, _first_item, _is_none, LIST_TYPES, _optional, _outside_schema, _subscript_base, _tail

XFA303 = rule(
    "XFA303",
    "bare-list-response",
    default=False,
    precision=moved_off("10 of 20"),
    seeds=("004",),
    message="route {name}() responds with a bare list {shape}",
    fix_hint="wrap it in an envelope model (class {item}Page(BaseModel): items: list[{item}]; total: int) so pagination fields can be added later",
    what="""
        Reports a route whose `response_model=` is `list[X]`, `List[X]` or `Sequence[X]`,
        or, without `response_model=`, whose return annotation is one of them.
    """,
    why="""
        Seed 004: "Returning bare lists from list endpoints without an envelope/wrapper.
        Once clients depend on a bare array, you cannot add pagination metadata (total,
        next_cursor, has_more) without a breaking change. Always wrap list responses in an
        object from day one."
    """,
    bad="""
        from fastapi import APIRouter

        from app.schemas import ItemRead

        router = APIRouter()


        @router.get("/items", response_model=list[ItemRead])
        async def list_items() -> list[ItemRead]:
            return await load_items()
    """,
    good="""
        from fastapi import APIRouter

        from app.schemas import ItemPage

        router = APIRouter()


        @router.get("/items", response_model=ItemPage)
        async def list_items() -> ItemPage:
            items = await load_items()
            return ItemPage(items=items, total=len(items))
    """,
    not_flagged=(
        "Lists of optional items (`list[Item | None]`): a batch get answering one entry per "
        "requested id, `None` for a missing one, bounded by the request.",
        "Routes outside any OpenAPI schema (as for [[missing-response-model]]).",
        "Not told apart: a batch get whose ids come as one comma-separated string split in the "
        "handler (`ids.split(\",\")`), and a series computed over a requested time window. "
        "They are flagged.",
        "A list wrapped in an envelope model (`response_model=ItemPage`).",
        "A `list[...]` return annotation when `response_model=` names something else "
        "(FastAPI uses the decorator's model).",
        "Websocket routes, and routes that do not answer GET (a POST upload or bulk create "
        "returning what it created).",
        "Catalogs fixed in code: every `return` builds the list from module-level values or "
        "enums of the project (`[P(key=k) for k in PROVIDERS]`, `list(REGISTRY.values())`), "
        "through locals assigned once, never from a parameter or a call that could read storage; "
        "also through a (not async) project function of this module or another whose every "
        "`return` is built so, its parameters at most picking from the table "
        "(`for r in roles_for(\"team\")` with `return _ROLES[scope]`, `return sorted(THEMES)`).",
        "Not told apart: a catalog read from a bundled file, fetched and cached, built through a "
        "class (`VoiceCatalog(...).for_provider(p)`) or returned by a method of an object "
        "(`manager.get_roles()`) looks like any list read from storage, and is flagged.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/items.py",
)


@ROUTE_HANDLERS.on("http handler", rules=(XFA303,))
def _http_handler(node: ast.FunctionDef | ast.AsyncFunctionDef, routes: list[RouteInfo], params, ctx: Context) -> None:
    if ctx.wants(XFA303):
        _check_bare_list(node, routes[0], ctx)


def _check_bare_list(node: ast.FunctionDef | ast.AsyncFunctionDef, route: RouteInfo, ctx: Context) -> None:
    model = route.keyword("response_model")
    target = model if model is not None else node.returns
    if target is None or _is_none(target):
        return
    base, _ = ctx.unwrap_annotation(target) if target is node.returns else (target, [])
    if not isinstance(base, ast.Subscript) or _subscript_base(ctx, base) not in LIST_TYPES:
        return
    if route.methods and "GET" not in route.methods:
        return  # a POST upload or bulk create answering with what it created: no list endpoint
    if _static_catalog(node, ctx):
        return
    item = _first_item(base)
    if _optional(ctx, item):
        return  # ``list[Item | None]``: one entry per requested id, ``None`` for a missing one
    if _outside_schema(ctx, route):
        return
    item_name = _tail(ctx.resolve(item)) or "Item"
    if not item_name[:1].isupper():
        item_name = "Item"
    ctx.report(target, XFA303, name=node.name, shape=ast.unparse(base), item=item_name)


_VIEW_METHODS = frozenset({"values", "keys", "items", "copy"})
#: methods that read a container without changing it
_READ_METHODS = _VIEW_METHODS | {"get", "count", "index"}
_STATIC_BUILTINS = frozenset({"list", "sorted", "tuple", "set", "frozenset", "reversed", "enumerate", "filter", "map", "dict"})


def _static_catalog(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> bool:
    """Every ``return`` of the handler gives a list fixed in code: built from module-level
    values or enums of the project (``[Provider(name=n) for n in PROVIDERS]``,
    ``list(REGISTRY.values())``), through locals assigned once, never from a parameter or a
    call that could read storage. Such a catalog has no pages to add."""
    params = {a.arg for a, _ in _all_args(node)}
    assigned: dict[str, list[ast.expr]] = {}
    returns: list[ast.expr] = []
    stack: list[ast.AST] = list(node.body)
    while stack:
        sub = stack.pop()
        if isinstance(sub, (*FUNCTION_TYPES, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(sub, ast.Return):
            if sub.value is None:
                return False
            returns.append(sub.value)
        elif (
            isinstance(sub, ast.Call)
            and isinstance(sub.func, ast.Attribute)
            and isinstance(sub.func.value, ast.Name)
            and sub.func.attr not in _READ_METHODS
        ):
            # ``items = []`` then ``items.append(row)``: filled at run time, not fixed
            assigned.setdefault(sub.func.value.id, []).append(None)  # type: ignore[arg-type]
        elif isinstance(sub, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.For, ast.AsyncFor, ast.With, ast.AsyncWith, ast.NamedExpr)):
            targets = sub.targets if isinstance(sub, ast.Assign) else [getattr(sub, "target", None)]
            for target in targets:
                for name in ast.walk(target) if target is not None else ():
                    if isinstance(name, ast.Name):
                        value = sub.value if isinstance(sub, (ast.Assign, ast.AnnAssign)) and target is name else None
                        assigned.setdefault(name.id, []).append(value)  # type: ignore[arg-type]
            if isinstance(sub, (ast.With, ast.AsyncWith)):
                for item in sub.items:
                    for name in ast.walk(item.optional_vars) if item.optional_vars is not None else ():
                        if isinstance(name, ast.Name):
                            assigned.setdefault(name.id, []).append(None)  # type: ignore[arg-type]
        stack.extend(ast.iter_child_nodes(sub))
    # ``return []`` (a stub, or the empty answer of a branch) says nothing either way
    returns = [r for r in returns if not (isinstance(r, (ast.List, ast.Tuple)) and not r.elts)]
    return bool(returns) and all(_static_value(ctx, r, params, assigned, 0) for r in returns)


def _static_value(ctx: Context, expr: ast.expr, params: set[str], assigned: dict, depth: int) -> bool:
    if depth > 8:
        return False
    again = lambda e: _static_value(ctx, e, params, assigned, depth + 1)  # noqa: E731
    if isinstance(expr, ast.Constant):
        return True
    if isinstance(expr, (ast.List, ast.Tuple, ast.Set)):
        return all(again(e.value if isinstance(e, ast.Starred) else e) for e in expr.elts)
    if isinstance(expr, (ast.ListComp, ast.GeneratorExp, ast.SetComp)):
        return all(again(g.iter) for g in expr.generators)
    if isinstance(expr, ast.Name):
        if expr.id in params:
            return False
        if expr.id in assigned:
            values = assigned[expr.id]
            return len(values) == 1 and values[0] is not None and again(values[0])
        sym = ctx.symbol(expr)
        return sym is not None and sym.kind in ("value", "class")
    if isinstance(expr, (ast.Attribute, ast.Subscript)):
        return again(expr.value)
    if isinstance(expr, ast.Call):
        func = expr.func
        args = [*expr.args, *(kw.value for kw in expr.keywords)]
        if isinstance(func, ast.Name) and func.id in _STATIC_BUILTINS and ctx.is_builtin(func):
            return bool(args) and all(isinstance(a, (ast.Lambda, ast.Constant)) or again(a) for a in args)
        if isinstance(func, ast.Attribute) and func.attr in _VIEW_METHODS and not args:
            return again(func.value)
        # ``get_roles("workspace")``: a project function (here or in another module) whose
        # every return is a collection fixed in code (its arguments at most pick from it)
        sym = ctx.symbol(func)
        if sym is not None and sym.kind == "function" and isinstance(sym.info, dict) and sym.info.get("cat"):
            return True
    return False
