"""XFA310: a ``limit``/``page_size``/``offset`` parameter with no bound; the names a handler
range-checks or clamps itself (compared, ``min``/``max``, a project helper that compares)."""

from __future__ import annotations

import ast

from ...context import Context, RouteInfo, has_kwargs_splat
from ...registry import moved_off, rule, visitor
from ._shared import FUNCTION_ENDS, HANDLER_CALLS, _all_args, _is_none, _names_read, _optional, _own_nodes, path_params, _tail

XFA310 = rule(
    "XFA310",
    "unbounded-pagination",
    default=False,
    precision=moved_off("15 of 20", reading="tenth"),
    seeds=("004",),
    message="query parameter {name}: {type} has no {missing}",
    fix_hint="bound it: {name}: Annotated[{type}, Query({bounds})]{default}",
    what="""
        Reports an `int` query parameter of a route handler, or of a dependency used with
        `Depends(...)` in the same file, named `limit`, `page_size`, `per_page` or `size`
        without an upper bound (`le=`/`lt=`), or named `offset`, `skip` or `page` without
        any bound. Bounds are read from `Query(...)`/`Field(...)` keywords (as default or in
        `Annotated`), `conint(...)`, `annotated_types` (`Le(100)`), and module aliases. The
        suggested bounds fit the parameter: `ge=0` for `offset`/`skip` and for a `page` that
        defaults to 0 or that the handler multiplies as it is (`offset = page * page_size`,
        pages counted from 0), `ge=1` for other pages; `ge=1, le=100` for a size (`ge=0` when it
        defaults to 0, `le=` the default when that is larger, an existing lower bound kept);
        the suggested declaration keeps the parameter's type as written (`int | None`,
        `Optional[int]`), its default and its other `Query(...)` keywords (`alias=`).
    """,
    why="""
        Seed 004: "Not validating pagination parameters. Allow negative page numbers or
        absurdly large page sizes and you invite abuse. Constrain with Pydantic
        Field(ge=1, le=100)." A page size needs a maximum; an offset or page number only
        needs a floor (`ge=0`/`ge=1`), since its upper end is the data.
    """,
    bad="""
        from fastapi import APIRouter

        from app.schemas import ItemPage

        router = APIRouter()


        @router.get("/items")
        async def list_items(skip: int = 0, limit: int = 100) -> ItemPage:
            return await load_items(skip, limit)
    """,
    good="""
        from typing import Annotated

        from fastapi import APIRouter, Query

        from app.schemas import ItemPage

        router = APIRouter()


        @router.get("/items")
        async def list_items(
            skip: Annotated[int, Query(ge=0)] = 0,
            limit: Annotated[int, Query(ge=1, le=100)] = 100,
        ) -> ItemPage:
            return await load_items(skip, limit)
    """,
    not_flagged=(
        "Bounded parameters (`Query(le=100)`, `Annotated[int, Field(ge=1, le=100)]`, `conint(le=100)`, an alias of them).",
        "`offset`/`skip`/`page` with only a lower bound.",
        "Parameters the handler clamps or checks itself (`min(limit, 100)`, `if limit > 100:`), "
        "or passes to a project function (here or in another module, through the project index) "
        "that compares or clamps the parameter it receives the value as (`validate_limit(limit)` "
        "with `if limit > MAX: raise ...`, a shared `paginate(query, page=page)` rejecting `page < 1`).",
        "Parameters the handler (or dependency) never reads, not even in a nested function or "
        "through `locals()`: a leftover `page_size: int = Query(20, ge=1)` whose value reaches nothing.",
        "Not told apart: a method reached through a runtime attribute chain "
        "(`app.DATABASE.runs.list(page_size=page_size)`) cannot be followed, even when it clamps "
        "the value; it is reported. Nor is a proxy route that forwards the size to a generated "
        "HTTP client of an upstream API owning the bound (`list_sessions.asyncio(client=c, "
        "limit=limit)`): the client's function takes the value without comparing it, so it is "
        "reported.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers and their dependencies are reported).",
        "Path parameters, `Depends`/`Body`/`Header`/`Cookie`/`Form` parameters, and names "
        "whose type is not `int` or comes from an alias this file cannot see.",
        "Metadata this file cannot read (`AfterValidator(...)`, custom markers).",
        "A size (`limit`, `page_size`, ...) that defaults to `None` or `0` and that the handler "
        "leaves as it is (`page_size: int | None = None`, paged only `if page_size and page:`): "
        "absent, it asks for the whole list by design, and an upper bound on a given size bounds "
        "nothing. A handler that gives the absent size one of its own (`limit or 10`, "
        "`if limit is None: limit = 20`) is reported.",
    ),
    example_path="app/routes/items.py",
)


UPPER_LIMIT_PARAMS = frozenset({"limit", "page_size", "per_page", "size"})
OFFSET_PARAMS = {"offset": "ge=0", "skip": "ge=0", "page": "ge=1"}
_UPPER = frozenset({"le", "lt"})
_LOWER = frozenset({"ge", "gt"})
_BOUND_HOLDERS = frozenset({"Query", "Field", "Path", "conint"})
_ANNOTATED_TYPES = {"Le": "le", "Lt": "lt", "Ge": "ge", "Gt": "gt"}


class _CheckedNames:
    """The names a function range-checks or clamps (compared, ``min``/``max``, passed to a
    project helper that compares)."""

    __slots__ = ("names",)

    def __init__(self) -> None:
        self.names: set[str] = set()


class _PendingPagination:
    """The file's unbounded parameters, judged when the module is left: a route's are reported,
    a plain function's only when the file passes it to ``Depends``/``Security``."""

    __slots__ = ("pending", "depends_targets")

    def __init__(self) -> None:
        self.pending: list = []
        self.depends_targets: set[str] = set()


def _pagination_candidates(node, ctx: Context, route: RouteInfo | None):
    """(arg, message kwargs) of every unbounded pagination parameter of ``node``."""
    in_path: set[str] = set()
    if route is not None:
        for r in ctx.routes_of(node):
            in_path |= path_params(r.path)
    for arg, default in _all_args(node):
        name = arg.arg
        if name not in UPPER_LIMIT_PARAMS and name not in OFFSET_PARAMS:
            continue
        if name in in_path or arg.annotation is None:
            continue
        bounds = _bounds(ctx, arg.annotation, default)
        if bounds is None:
            continue
        start = _int_default(ctx, default)
        if name in UPPER_LIMIT_PARAMS:
            if bounds & _UPPER:
                continue
            if _no_limit_default(ctx, default) and not _replaces_falsy(node, name):
                # ``page_size: int | None = None`` (or ``limit: int = 0``) left as it is: absent
                # means the whole list, by design; an upper bound on a given size bounds nothing
                continue
            # keep the default inside the suggested range: ``limit: int = 0`` (0 = no limit)
            # gets ``ge=0``, ``limit: int = 500`` gets ``le=500``
            upper = f"le={max(100, start)}" if start is not None else "le=100"
            lower = _lower_bound_text(ctx, arg.annotation, default) if bounds & _LOWER else None
            if lower is not None:
                suggestion = f"{lower}, {upper}"
            else:
                suggestion = f"ge={0 if start == 0 else 1}, {upper}"
            missing, suggested = "upper bound", suggestion
        else:
            if bounds:
                continue
            if name == "page" and start is None and _zero_based_page(node):
                start = 0  # ``offset = page * page_size``: pages count from 0
            missing, suggested = "bound", _floor(name, start)
        kept = _query_keywords(ctx, arg.annotation, default)
        yield arg, {
            "name": name,
            "missing": missing,
            "type": _declared_type(ctx, arg.annotation),
            "bounds": ", ".join([*kept, suggested]),
            "default": _declared_default(ctx, default),
        }


def _declared_type(ctx: Context, annotation: ast.expr) -> str:
    """The parameter's type as written, out of a literal ``Annotated[...]``: ``int``,
    ``int | None``, ``Optional[int]`` (``int`` for ``conint(...)``; ``int | None`` when
    it is written through an alias this message cannot show)."""
    node: ast.expr | None = annotation
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            node = ast.parse(node.value, mode="eval").body
        except (SyntaxError, ValueError):
            node = None
    if isinstance(node, ast.Subscript) and _tail(ctx.resolve(node.value)) == "Annotated":
        items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        node = items[0] if items else None
    if node is not None and _plain_int_type(ctx, node, 0):
        return ast.unparse(node)
    return "int | None" if _optional(ctx, annotation) else "int"


def _plain_int_type(ctx: Context, node: ast.expr, depth: int) -> bool:
    """``int``, ``None``, ``int | None``, ``Optional[int]``, ``Union[int, None]``."""
    if depth > 4:
        return False
    if _is_none(node):
        return True
    if isinstance(node, ast.Name) and node.id == "int":
        return "int" not in ctx.imports
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _plain_int_type(ctx, node.left, depth + 1) and _plain_int_type(ctx, node.right, depth + 1)
    if isinstance(node, ast.Subscript) and _tail(ctx.resolve(node.value)) in ("Optional", "Union"):
        items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        return all(_plain_int_type(ctx, i, depth + 1) for i in items)
    return False


def _query_call(ctx: Context, annotation: ast.expr, default: ast.expr | None) -> ast.Call | None:
    _, metadata = ctx.unwrap_annotation(annotation)
    for item in (*metadata, default):
        if isinstance(item, ast.Call) and _tail(ctx.resolve(item.func)) == "Query":
            return item
    return None


def _query_keywords(ctx: Context, annotation: ast.expr, default: ast.expr | None) -> list[str]:
    """The keywords of the parameter's ``Query(...)`` other than its default and bounds
    (``alias="pageSize"``, ``description=...``): the suggestion keeps them."""
    call = _query_call(ctx, annotation, default)
    if call is None:
        return []
    return [
        f"{kw.arg}={ast.unparse(kw.value)}"
        for kw in call.keywords
        if kw.arg is not None and kw.arg != "default" and kw.arg not in _UPPER and kw.arg not in _LOWER
    ]


def _declared_default(ctx: Context, default: ast.expr | None) -> str:
    """`` = <default>`` as the parameter declares it (``= 20``, ``= Query(20)``,
    ``= Query(default=None)``); empty when it is required."""
    if isinstance(default, ast.Call) and _tail(ctx.resolve(default.func)) == "Query":
        default = default.args[0] if default.args else next(
            (kw.value for kw in default.keywords if kw.arg == "default"), None
        )
    if default is None or (isinstance(default, ast.Constant) and default.value is Ellipsis):
        return ""
    return f" = {ast.unparse(default)}"


def _lower_bound_text(ctx: Context, annotation: ast.expr, default: ast.expr | None) -> str | None:
    """``ge=5`` as the parameter already writes it (in ``Query``/``Field``/``conint``)."""
    base, metadata = ctx.unwrap_annotation(annotation)
    for item in (base, *metadata, default):
        if isinstance(item, ast.Call):
            for kw in item.keywords:
                if kw.arg in _LOWER:
                    return f"{kw.arg}={ast.unparse(kw.value)}"
    return None


def _zero_based_page(fn) -> bool:
    """``fn`` multiplies ``page`` as it is (``offset = page * page_size``) and never takes
    ``page - 1``: its pages count from 0, the first page is ``page=0``."""
    multiplied = False
    for sub in _own_nodes(fn):
        if not isinstance(sub, ast.BinOp):
            continue
        operands = (sub.left, sub.right)
        if isinstance(sub.op, ast.Sub) and isinstance(sub.left, ast.Name) and sub.left.id == "page":
            return False
        if isinstance(sub.op, ast.Mult) and any(isinstance(o, ast.Name) and o.id == "page" for o in operands):
            multiplied = True
    return multiplied


def _floor(name: str, start: int | None) -> str:
    """The lower bound for an offset (``ge=0``) or a page number: ``ge=0`` when pages count
    from 0 (``page: int = 0``), ``ge=1`` otherwise."""
    if name != "page":
        return OFFSET_PARAMS[name]
    return "ge=0" if start == 0 else "ge=1"


def _no_limit_default(ctx: Context, default: ast.expr | None) -> bool:
    """The parameter defaults to ``None`` or ``0`` (``= None``, ``= Query(0)``,
    ``= Query(default=None)``): a size that, when absent, asks for no limit."""
    if isinstance(default, ast.Call) and _tail(ctx.resolve(default.func)) in ("Query", "Field"):
        default = default.args[0] if default.args else next(
            (kw.value for kw in default.keywords if kw.arg == "default"), None
        )
    return _is_none(default) or _int_default(ctx, default) == 0


def _replaces_falsy(fn, name: str) -> bool:
    """``fn`` gives ``name`` a size of its own when it is absent: ``limit or 10``,
    ``page_size or settings.PAGE_SIZE``, or any assignment to the name
    (``if limit is None: limit = 20``)."""
    for sub in ast.walk(fn):
        if isinstance(sub, ast.BoolOp) and isinstance(sub.op, ast.Or):
            first = sub.values[0]
            if isinstance(first, ast.Name) and first.id == name:
                if any(not (_is_none(v) or (isinstance(v, ast.Constant) and v.value == 0)) for v in sub.values[1:]):
                    return True
        elif isinstance(sub, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = sub.targets if isinstance(sub, ast.Assign) else [sub.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                return True
    return False


def _int_default(ctx: Context, default: ast.expr | None) -> int | None:
    """The integer default of a parameter: ``= 1``, ``= Query(1)``, ``= Query(default=1)``."""
    if isinstance(default, ast.Call) and _tail(ctx.resolve(default.func)) in ("Query", "Field"):
        value = default.args[0] if default.args else next(
            (kw.value for kw in default.keywords if kw.arg == "default"), None
        )
        default = value
    if isinstance(default, ast.Constant) and isinstance(default.value, int) and not isinstance(default.value, bool):
        return default.value
    return None


def _bounds(ctx: Context, annotation: ast.expr, default: ast.expr | None) -> set[str] | None:
    """The bound keywords found, or ``None`` when the parameter is not a plain int query
    parameter or carries something this file cannot read."""
    base, metadata = ctx.unwrap_annotation(annotation)
    found: set[str] = set()
    if isinstance(base, ast.Call) and _tail(ctx.resolve(base.func)) == "conint":
        if has_kwargs_splat(base):
            return None
        found |= {kw.arg for kw in base.keywords if kw.arg in _UPPER or kw.arg in _LOWER}
    elif not (isinstance(base, ast.Name) and base.id == "int" and "int" not in ctx.imports):
        return None
    for item in metadata:
        if isinstance(item, ast.Constant) and isinstance(item.value, str):
            continue  # a doc string
        bound = _bounds_of_call(ctx, item)
        if bound is None:
            return None
        found |= bound
    if isinstance(default, ast.Call):
        bound = _bounds_of_call(ctx, default)
        if bound is None:
            return None
        found |= bound
    return found


def _bounds_of_call(ctx: Context, item: ast.expr) -> set[str] | None:
    if not isinstance(item, ast.Call) or has_kwargs_splat(item):
        return None
    tail = _tail(ctx.resolve(item.func))
    if tail in _ANNOTATED_TYPES:
        return {_ANNOTATED_TYPES[tail]}
    if tail == "Interval":
        return {kw.arg for kw in item.keywords if kw.arg in _UPPER or kw.arg in _LOWER}
    if tail not in _BOUND_HOLDERS and tail != "Doc":
        return None  # AfterValidator(...), a custom marker: cannot tell
    if tail in ("Path",):
        return None  # a path parameter
    return {kw.arg for kw in item.keywords if kw.arg in _UPPER or kw.arg in _LOWER}


#: calls that clamp a value: ``min(limit, 100)``
_CLAMPS = ("min", "max", "clamp")


@FUNCTION_ENDS.on("function", rules=(XFA310,))
def _function_end(node: ast.FunctionDef | ast.AsyncFunctionDef, frame, ctx: Context) -> None:
    if ctx.wants(XFA310):
        _pagination_leave(node, frame.route, frame, ctx)


@HANDLER_CALLS.on("(any)", rules=(XFA310,))
def _call_with_arguments(node: ast.Call, name: str, ctx: Context) -> None:
    if name not in _CLAMPS and name != "HTTPException" and (node.args or node.keywords) and ctx.wants(XFA310):
        _checked_by_helper(node, ctx)


@HANDLER_CALLS.on(*_CLAMPS, rules=(XFA310,))
def _clamp_call(node: ast.Call, name: str, ctx: Context) -> None:
    if ctx.wants(XFA310):
        _clamped_names(node, ctx)


def _pagination_leave(node, route: RouteInfo | None, frame, ctx: Context) -> None:
    names = {a.arg for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)}
    if not (names & UPPER_LIMIT_PARAMS or names & OFFSET_PARAMS.keys()):
        return
    checked = frame.state(_CheckedNames).names
    pending = ctx.state(_PendingPagination).pending
    read = None
    for arg, kwargs in _pagination_candidates(node, ctx, route):
        if arg.arg in checked:
            continue
        if read is None:
            read = _names_read(node)
        if arg.arg not in read and not read & {"locals", "vars"}:
            continue  # never read: an unbounded value reaches nothing
        pending.append((node.name, route is not None, arg, kwargs))


def _checked_by_helper(node: ast.Call, ctx: Context) -> None:
    """``validate_page(page)``, ``paginate(query, page=page)``: a project function (here or
    in another module) that range-checks or clamps the parameter it receives the value as
    (the project index's ``cmp``) checks it for the handler."""
    frame = ctx.function
    if frame is None:
        return
    passed = [a.id for a in node.args if isinstance(a, ast.Name)] + [
        kw.value.id for kw in node.keywords if kw.arg and isinstance(kw.value, ast.Name)
    ]
    if not passed or not set(passed) & (UPPER_LIMIT_PARAMS | OFFSET_PARAMS.keys()):
        return
    sym = ctx.symbol(node.func)
    info = sym.info if sym is not None and sym.kind == "function" else None
    compared = info.get("cmp") if isinstance(info, dict) else None
    if not compared:
        return
    positions = {i for i in compared.values() if i >= 0}
    checked = frame.state(_CheckedNames).names
    for i, a in enumerate(node.args):
        if isinstance(a, ast.Starred):
            break
        if isinstance(a, ast.Name) and i in positions:
            checked.add(a.id)
    for kw in node.keywords:
        if kw.arg in compared and isinstance(kw.value, ast.Name):
            checked.add(kw.value.id)


@visitor(ast.Compare, codes=(XFA310,))
def range_compared_names(node: ast.Compare, ctx: Context) -> None:
    if ctx.is_test:
        return
    frame = ctx.function
    if frame is None:
        return
    if not any(isinstance(op, (ast.Lt, ast.LtE, ast.Gt, ast.GtE)) for op in node.ops):
        return
    checked = frame.state(_CheckedNames).names
    for operand in (node.left, *node.comparators):
        if isinstance(operand, ast.Name):
            checked.add(operand.id)


@visitor(ast.Module, leave=True, codes=(XFA310,))
def unbounded_pagination_params(node: ast.Module, ctx: Context) -> None:
    """The unbounded parameters the module's functions left pending (``_pagination_leave``): a
    route's, or a dependency's (a function the module passes to ``Depends``/``Security``)."""
    if ctx.is_test:
        return
    state = ctx.state(_PendingPagination)
    pending = state.pending
    if pending and ctx.wants(XFA310):
        targets = state.depends_targets
        for fn_name, is_route, arg, kwargs in pending:
            if is_route or fn_name in targets:
                ctx.report(arg, XFA310, **kwargs)


@HANDLER_CALLS.on("Depends", "Security", rules=(XFA310,))
def _depends_target(node: ast.Call, name: str, ctx: Context) -> None:
    """``Depends(get_page)``: ``get_page`` is a dependency, its unbounded parameters are reported."""
    if node.args and isinstance(node.args[0], ast.Name):
        ctx.state(_PendingPagination).depends_targets.add(node.args[0].id)


def _clamped_names(node: ast.Call, ctx: Context) -> None:
    """``min(limit, 100)``, ``max(0, offset)``: the names clamped are checked."""
    frame = ctx.function
    if frame is not None:
        checked = frame.state(_CheckedNames).names
        for a in node.args:
            if isinstance(a, ast.Name):
                checked.add(a.id)
