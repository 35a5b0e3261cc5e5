"""XFA312: an update handler dumps its body model without ``exclude_unset=True`` and writes the result
back, overwriting the fields the client did not send with their defaults."""

from __future__ import annotations

import ast

from ...context import FUNCTION_TYPES, Context, Frame, has_kwargs_splat
from ...registry import moved_off, rule
from ._shared import FUNCTION_ENDS, HANDLER_METHODS, _all_args, fastapi_marker, _FIELDLESS_BASES, _is_none, model_fields, NONE_DEFAULT, REQUIRED, _tail

XFA312 = rule(
    "XFA312",
    "patch-overwrites-unset",
    default=False,
    precision=moved_off("1 of 15", reading="sixth"),
    seeds=("002",),
    message="{call} in {context} {what}, and {sink}",
    fix_hint="dump with {fix} and set only those fields{rebuild}",
    what="""
        In a PATCH route handler, or a function named `update*`/`patch*` (a PUT-only route
        excepted), reports `x.model_dump()`/`x.dict()` without `exclude_unset=True` where `x`
        is a parameter annotated with a Pydantic model of this file or of another module of
        the project (or a request-body parameter of the route), when the dump is written back: iterated by a `setattr` loop,
        splatted into `Model(**dump)` (rebuilding the row), `.update(**dump)` or
        `update(T).values(**dump)`, passed to `x.update(dump)`, `model_copy(update=dump)`,
        `Model.model_validate(dump)` or a function named `update*`/`patch*`/`save*`/`apply*`...
        — directly or through the names it is assigned to. `exclude_none=True` (or dropping
        None values in a comprehension or around the `setattr`) is reported only when the
        model (of this file, or of another module through the project index) has a field
        whose default is not `None`; a model whose fields are all required is not reported.
    """,
    why="""
        Seed 002: "only fields client sent — prevents null overwrite" and "safe update —
        never OrmModel(**dict) in PATCH": a partial update must apply only the fields the
        client sent.
    """,
    bad="""
        from fastapi import APIRouter
        from pydantic import BaseModel

        router = APIRouter()


        class ItemUpdate(BaseModel):
            name: str | None = None
            quantity: int | None = None


        @router.patch("/items/{item_id}", status_code=200)
        async def patch_item(item_id: int, payload: ItemUpdate) -> None:
            await apply_changes(item_id, payload.model_dump())
    """,
    good="""
        from fastapi import APIRouter
        from pydantic import BaseModel

        router = APIRouter()


        class ItemUpdate(BaseModel):
            name: str | None = None
            quantity: int | None = None


        @router.patch("/items/{item_id}", status_code=200)
        async def patch_item(item_id: int, payload: ItemUpdate) -> None:
            await apply_changes(item_id, payload.model_dump(exclude_unset=True))
    """,
    not_flagged=(
        "`model_dump(exclude_unset=True)` (also `exclude_defaults=True`) and calls with a `**kwargs` splat.",
        "A plain dump in a function that also dumps with `exclude_unset=True`: that one is of the "
        "stored row (`existing = row.dict()`), the partial update is done right.",
        "`.dict()`/`.model_dump()` on receivers that are not known Pydantic model parameters.",
        "PUT-only route handlers (a full replacement sends every field) even when named `update*`, "
        "also when the function is registered by a call that names it with its methods "
        "(`route(\"/items/{id}\", update_item, [\"PUT\"])`, `add_api_route(..., methods=[\"PUT\"])`).",
        "Outside a route handler, dumps of ORM rows (a SQLModel `table=True` class, a "
        "SQLAlchemy model): a repository's `update(row)` copying a whole row onto the stored "
        "one saves an entity, not a client's payload. An ORM row received by a PATCH handler is "
        "reported.",
        "`exclude_unset=False` written out in an `update*` function that is not a PATCH handler: "
        "the full dump is chosen on purpose.",
        "Dumps handed to a function that records the change rather than makes it "
        "(`_audit_config_update(after=dump)`, `notify_*`, `publish_*`, `log_*`), or to a function "
        "of this file that only serialises the parameter whole (`value=json.dumps(data)`): one "
        "stored document replaced as a whole, where `exclude_unset` would only drop the defaults "
        "from it.",
        "`model_dump(exclude_none=True)` when every defaulted field of the model (known from this "
        "file) defaults to `None` (an `Optional` field without a default counts as `None`: "
        "pydantic v1 gives it one), or when the model's defaults are not visible here. "
        "`ClassVar` annotations (here or inherited from a project base) are not fields. A "
        "`setattr` loop whose first step is `if value is None: <clear a field>; continue` drops "
        "None values the same way.",
        "Models of this file with no defaulted field: the client sent every field, "
        "`exclude_unset` changes nothing.",
        "Dumps that are not written back: returned, logged, put in an error body "
        "(`HTTPException(detail=...)`), a response (`JSONResponse(content=...)`, "
        "`ItemRead(**dump)`, a Pydantic schema of this file) or passed to other functions.",
        "Outside a PATCH handler (an `update*` function), a dump put under a key of a dict "
        "(`values = {\"status\": status.model_dump()}` then `.values(**values)`): it is the whole "
        "value of one column, a value object replaced as a whole, not spread over the row's "
        "fields. In a PATCH handler it is still reported: it is what the client sent, partially.",
        "Dumps restricted to the fields the client sent: `model_dump(include=fields)` with "
        "`fields` built from `model_fields_set` (or `__fields_set__`), a `setattr` loop or "
        "comprehension over a dump whose key is tested against such a set "
        "(`if key in fields_to_update:`); both are `exclude_unset` written another way.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code.",
    ),
    example_path="app/routes/items.py",
)


def project_model_defaults(ctx: Context, expr: ast.expr) -> dict[str, tuple[str, None]] | None:
    """The fields and defaults of a model class of another project module (its project
    bases included), from the project index; ``None`` when a base or the body cannot be
    seen through."""
    sym = ctx.symbol(expr)
    if sym is None or sym.kind != "class":
        return None
    fields: dict[str, tuple[str, None]] = {}
    chain = []
    for current in ctx.index.walk_class_hierarchy(sym):
        if current is None:
            return None
        if current.kind == "external":
            if current.qualname not in _FIELDLESS_BASES:
                return None
            continue
        if current.kind != "class" or current.info.get("open"):
            return None
        chain.append(current)
    for cls in reversed(chain):  # bases first, the class's own fields win
        types = cls.info.get("ftypes", {})
        for name, default in cls.info.get("defaults", {}).items():
            if name.startswith("_"):
                continue
            if any(_tail(t) == "ClassVar" for t in types.get(name, ())):
                # ``ANALYTICS_FIELDS: ClassVar[list[str]] = [...]`` is no Pydantic field:
                # ``model_dump()`` never includes it
                fields.pop(name, None)
                continue
            fields[name] = (default, None)
    return fields


class _ModelDumps:
    """A function's full dumps of a body model (``dumps``), and whether it also dumps one
    partially (``exclude_unset=True``: it applies a partial update)."""

    __slots__ = ("dumps", "partial")

    def __init__(self) -> None:
        self.dumps: list[dict] = []
        self.partial: bool = False


@HANDLER_METHODS.on("model_dump", "dict", rules=(XFA312,))
def _model_dump(node: ast.Call, method: str, ctx: Context) -> None:
    if ctx.wants(XFA312):
        _check_partial_update(node, ctx)


def _check_partial_update(node: ast.Call, ctx: Context) -> None:
    frame = ctx.function
    if frame is None or not isinstance(frame.node, FUNCTION_TYPES):
        return
    fn = frame.node
    routes = ctx.routes_of(fn)
    is_patch = any("PATCH" in r.methods for r in routes)
    if not is_patch:
        if not fn.name.lower().startswith(("update", "patch")):
            return
        if routes and all("PATCH" not in r.methods for r in routes) and any("PUT" in r.methods for r in routes):
            return  # a PUT replaces the whole resource
        if not routes and _registered_put_only(ctx, fn.name):
            return  # ``route(path, update_item, ["PUT"])``: a PUT registered by a call
    if node.args or has_kwargs_splat(node):
        return
    exclude_none = False
    for kw in node.keywords:
        on = not (isinstance(kw.value, ast.Constant) and kw.value.value is False)
        if kw.arg == "exclude_unset" and not on and not is_patch:
            # ``exclude_unset=False`` written out in an ``update*`` function: a full dump chosen
            # on purpose (a PATCH handler is still reported: the client sent part of the model)
            return
        if kw.arg in ("exclude_unset", "exclude_defaults") and on:
            # the function applies a partial update: a plain dump next to it is of
            # the stored row (``existing = row.dict()``), not of the payload
            frame.state(_ModelDumps).partial = True
            return
        if kw.arg == "exclude_none" and on:
            exclude_none = True
        if kw.arg == "include" and _mentions_fields_set(kw.value, _fields_set_names(ctx, fn)):
            # ``model_dump(include=payload.model_fields_set & ALLOWED)``: only the fields sent
            frame.state(_ModelDumps).partial = True
            return
    receiver = node.func.value  # type: ignore[attr-defined]
    if not isinstance(receiver, ast.Name):
        return
    is_param, annotation = ctx.annotation_of(receiver.id)
    if not is_param or annotation is None:
        return
    base, metadata = ctx.unwrap_annotation(annotation)
    if not isinstance(base, ast.Name):
        return
    if not ctx.is_model_class(base):
        if not routes or metadata or not _body_like(ctx, base, fn, receiver.id):
            return
    if not routes and "orm" in ctx.class_kinds(base):
        # ``saved = session.get(Row, row.id)`` then ``setattr`` from ``row.model_dump()`` in a
        # repository: a whole row (SQLModel ``table=True``) saved, not a client's payload
        return
    fields = model_fields(ctx, base.id)
    if fields is None and base.id not in ctx.classes:
        fields = project_model_defaults(ctx, base)
    if fields is not None and all(default == REQUIRED for default, _ in fields.values()):
        return  # every field is required: the client sent them all, exclude_unset changes nothing
    frame.state(_ModelDumps).dumps.append(
        {
            "call": node,
            "receiver": receiver.id,
            "method": node.func.attr,  # type: ignore[attr-defined]
            "fields": fields,
            "exclude_none": exclude_none,
            "context": f"PATCH handler {fn.name}()" if is_patch else f"{fn.name}()",
            "patch": is_patch,
        }
    )


def _report_partial_updates(fn, dumps: list[dict], ctx: Context) -> None:
    """Report the dumps that are written back: into a ``setattr`` loop, ``Model(**dump)``,
    ``x.update(dump)``, ``update(T).values(**dump)``, a function named ``update*``/``save*``…
    (followed through names the dump is assigned to). A dump returned, logged or put in an
    error body writes nothing back."""
    parents: dict[ast.AST, ast.AST] = {}
    for parent in ast.walk(fn):
        for child in ast.iter_child_nodes(parent):
            parents[child] = parent
    for dump in dumps:
        call = dump["call"]
        flow = _write_back(ctx, call, parents, fn, set(), 0, dump["patch"])
        if flow is None:
            continue
        sink, none_filtered, rebuilt = flow
        method = dump["method"]
        if dump["exclude_none"] or none_filtered:
            fields = dump["fields"]
            if fields is None:
                continue  # cannot see the defaults: dropping None values may be enough
            kept = [f"{name}={default}" for name, (default, _) in fields.items() if default not in (REQUIRED, NONE_DEFAULT)]
            if not kept:
                continue  # every default is None: dropping None values drops every unsent field
            shown = ", ".join(kept[:3]) + (", ..." if len(kept) > 3 else "")
            dropped = "" if dump["exclude_none"] else ", once its None values are dropped,"
            what = f"still includes{dropped} the fields the client did not send whose defaults are not None ({shown})"
        else:
            what = "includes the fields the client did not send, at their defaults"
        ctx.report(
            call,
            XFA312,
            call=f"{dump['receiver']}.{method}({'exclude_none=True' if dump['exclude_none'] else ''})",
            context=dump["context"],
            what=what,
            sink=sink,
            fix=f"{dump['receiver']}.{method}(exclude_unset=True)",
            rebuild=f" on the existing row instead of rebuilding it with {rebuilt}" if rebuilt else "",
        )


#: words in the name of a function that writes what it is given
_WRITE_WORDS = frozenset(
    {"update", "patch", "apply", "merge", "save", "upsert", "persist", "values", "replace", "modify", "edit", "overwrite"}
)
#: classes built from a dump that are not the stored row
_NOT_ROW_SUFFIXES = ("Response", "Read", "Out", "Public", "Error", "Exception", "Event", "Message", "Detail")
#: calls that pass a dump on unchanged in substance
_PASS_THROUGH = frozenset({"jsonable_encoder", "dict", "deepcopy", "copy"})


def _write_back(ctx: Context, node: ast.AST, parents, fn, seen: set[str], depth: int, nested: bool = True):
    """``(sink phrase, None values filtered, rebuilt class or None)`` when the value of
    ``node`` is written back, else ``None``. ``nested``: a dump put under a key of a dict
    literal is followed too (in a PATCH handler, where it is part of what the client sent)."""
    none_filtered = False
    while depth < 40:
        depth += 1
        parent = parents.get(node)
        if parent is None:
            return None
        if isinstance(parent, ast.Attribute):
            grand = parents.get(parent)
            if parent.attr in ("items", "keys", "copy") and isinstance(grand, ast.Call) and grand.func is parent:
                node = grand  # ``dump.items()``
                continue
            return None  # ``dump.pop("id")``, ``dump["x"]``: not the dump as a whole
        if isinstance(parent, ast.Dict) and not nested and any(
            v is node and k is not None for k, v in zip(parent.keys, parent.values)
        ):
            # ``{"status": dump}``: the dump is the whole value of one column (a value object
            # replaced as a whole), not spread over the row's fields
            return None
        if isinstance(parent, (ast.keyword, ast.Starred, ast.Dict, ast.IfExp, ast.BoolOp)):
            node = parent
            continue
        if isinstance(parent, ast.Call):
            if parent.func is node:
                return None
            found = _write_call(ctx, parent, node)
            if found is not None:
                return (*found[:1], none_filtered, found[1])
            name = _tail(_callee_name(parent))
            if name in _PASS_THROUGH:
                node = parent
                continue
            return None
        if isinstance(parent, ast.comprehension) and parent.iter is node:
            comp = parents.get(parent)
            if _filtered_by_fields_set(ctx, parent.target, parent.ifs, fn):
                return None  # ``{k: v for k, v in dump.items() if k in payload.model_fields_set}``
            none_filtered = none_filtered or _drops_none(parent)
            if not isinstance(comp, (ast.DictComp, ast.ListComp, ast.SetComp, ast.GeneratorExp)):
                return None
            node = comp
            continue
        if isinstance(parent, (ast.For, ast.AsyncFor)) and parent.iter is node:
            tests = [n.test for stmt in parent.body for n in ast.walk(stmt) if isinstance(n, ast.If)]
            if _filtered_by_fields_set(ctx, parent.target, tests, fn):
                return None  # ``if key in fields_to_update: setattr(...)``: only the fields sent
            setter = _loop_setattr(parent)
            if setter is None:
                return None
            return "the setattr() loop writes them over the stored values", none_filtered or setter, None
        if isinstance(parent, (ast.Assign, ast.AnnAssign, ast.NamedExpr)) and parent.value is node:
            targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
            for target in targets:
                if not isinstance(target, ast.Name) or target.id in seen:
                    continue
                seen.add(target.id)
                for use in ast.walk(fn):
                    if isinstance(use, ast.Name) and use.id == target.id and isinstance(use.ctx, ast.Load):
                        found = _write_back(ctx, use, parents, fn, seen, depth, nested)
                        if found is not None:
                            return found[0], found[1] or none_filtered, found[2]
            return None
        return None
    return None


_FIELDS_SET_ATTRS = ("model_fields_set", "__fields_set__")


def _mentions_fields_set(expr: ast.AST, names: frozenset[str]) -> bool:
    """``expr`` reads a model's ``model_fields_set`` (or ``__fields_set__``), directly or
    through a local name built from it."""
    return any(
        (isinstance(n, ast.Attribute) and n.attr in _FIELDS_SET_ATTRS)
        or (isinstance(n, ast.Name) and n.id in names)
        for n in ast.walk(expr)
    )


def _fields_set_names(ctx: Context, fn) -> frozenset[str]:
    """Local names of ``fn`` whose value is built from ``model_fields_set``
    (``fields_to_update = payload.model_fields_set - {"id"}``), to a fixed point."""
    def compute() -> frozenset[str]:
        assigns = [
            (t.id, n.value)
            for n in ast.walk(fn)
            if isinstance(n, (ast.Assign, ast.AnnAssign)) and n.value is not None
            for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
            if isinstance(t, ast.Name)
        ]
        found: set[str] = set()
        changed = True
        while changed:
            changed = False
            for name, value in assigns:
                if name not in found and _mentions_fields_set(value, frozenset(found)):
                    found.add(name)
                    changed = True
        return frozenset(found)

    return ctx.memo(f"xfa312_fields_set:{id(fn)}", compute)


def _filtered_by_fields_set(ctx: Context, target: ast.expr, tests: list[ast.expr], fn) -> bool:
    """A loop or comprehension over a dump whose key is tested against the fields the client
    sent (``if key in fields_to_update``, ``if key not in payload.model_fields_set: continue``)."""
    key = target.elts[0] if isinstance(target, ast.Tuple) and target.elts else target
    if not isinstance(key, ast.Name):
        return False
    names = _fields_set_names(ctx, fn)
    for test in tests:
        for n in ast.walk(test):
            if (
                isinstance(n, ast.Compare)
                and isinstance(n.left, ast.Name)
                and n.left.id == key.id
                and any(isinstance(op, (ast.In, ast.NotIn)) for op in n.ops)
                and any(_mentions_fields_set(c, names) for c in n.comparators)
            ):
                return True
    return False


def _callee_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _write_call(ctx: Context, call: ast.Call, node: ast.AST) -> tuple[str, str | None] | None:
    """``(sink phrase, rebuilt class)`` when ``call`` writes the dump ``node`` it is given."""
    name = _callee_name(call)
    if not name:
        return None
    shown = ast.unparse(call.func)
    if len(shown) > 40:
        shown = "." + name if isinstance(call.func, ast.Attribute) else name
    words = set(name.lower().split("_"))
    if _records_change(name):
        return None  # ``_audit_config_update(after=dump)``: a record of the change, not the write
    if isinstance(node, ast.keyword) and node.arg is None:  # ``f(**dump)``
        if name[:1].isupper():
            if not _row_class(ctx, call.func):
                return None  # ``ItemRead(**dump)``, ``ErrorBody(**dump)``: a response, not the row
            return f"{shown}(**...) rebuilds the row with them", f"{shown}(**...)"
        if words & _WRITE_WORDS:
            return f"{shown}(**...) writes them over the stored values", None
        return None
    if isinstance(node, ast.keyword) and node.arg == "update" and name in ("model_copy", "copy"):
        return f"{shown}(update=...) writes them over the copied values", None
    if name in ("model_validate", "parse_obj") and isinstance(call.func, ast.Attribute):
        if _row_class(ctx, call.func.value) and call.args and call.args[0] is node:
            return f"{shown}(...) rebuilds the row with them", f"{shown}(...)"
        return None
    if name == "setattr" and len(call.args) == 3 and call.args[2] is node:
        return "setattr() writes them over the stored value", None
    if words & _WRITE_WORDS:
        if _serialises_whole(ctx, call, node):
            return None  # ``value=json.dumps(data)``: one stored document replaced as a whole
        return f"{shown}(...) writes them over the stored values", None
    return None


#: words in the name of a function that records a change rather than making it (an
#: ``update_event`` may write an Event row: entity names are not among them)
_RECORD_WORDS = frozenset({"audit", "notify", "publish", "emit", "telemetry"})
#: verbs that, leading the name, record rather than write (``log_update``, ``track_change``)
_RECORD_VERBS = frozenset({"log", "record", "track"})


def _records_change(name: str) -> bool:
    words = [w for w in name.lower().split("_") if w]
    return bool(words) and (bool(set(words) & _RECORD_WORDS) or words[0] in _RECORD_VERBS)
_HTTP_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"})


def _registered_put_only(ctx: Context, name: str) -> bool:
    """``name`` is registered as a route only by calls that name it next to a list of HTTP
    methods (``route("/items/{id}", update_item, ["PUT"])``,
    ``router.add_api_route(path, update_item, methods=["PUT"])``), and every such list is PUT."""

    def compute() -> dict[str, set[str]]:
        registered: dict[str, set[str]] = {}
        for call in ast.walk(ctx.tree):
            if not isinstance(call, ast.Call):
                continue
            named = [a.id for a in call.args if isinstance(a, ast.Name)]
            named += [kw.value.id for kw in call.keywords if kw.arg == "endpoint" and isinstance(kw.value, ast.Name)]
            if not named:
                continue
            lists = [*call.args, *(kw.value for kw in call.keywords if kw.arg == "methods")]
            for item in lists:
                if not isinstance(item, (ast.List, ast.Tuple, ast.Set)) or not item.elts:
                    continue
                methods = [e.value.upper() for e in item.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
                if len(methods) != len(item.elts) or not set(methods) <= _HTTP_METHODS:
                    continue
                for fn_name in named:
                    registered.setdefault(fn_name, set()).update(methods)
        return registered

    methods = ctx.memo("xfa312_registered_methods", compute).get(name)
    return bool(methods) and methods == {"PUT"}


_SERIALISERS = frozenset({"json.dumps", "orjson.dumps", "ujson.dumps", "simplejson.dumps"})


def _serialises_whole(ctx: Context, call: ast.Call, node: ast.AST) -> bool:
    """``call`` is a function of this file (a module function, or a method of the enclosing
    class called on ``cls``/``self``) whose parameter receiving the dump ``node`` is only ever
    serialised whole (``json.dumps(data)``): the dump becomes one stored value, a document
    replaced as a whole, not fields spread over a stored row."""
    target = None
    func = call.func
    if isinstance(func, ast.Name):
        target = ctx.functions.get(func.id)
    elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in ("cls", "self"):
        for frame in reversed(ctx.frames):
            if frame.kind == "class" and isinstance(frame.node, ast.ClassDef):
                target = next(
                    (s for s in frame.node.body if isinstance(s, FUNCTION_TYPES) and s.name == func.attr), None
                )
                break
    if not isinstance(target, FUNCTION_TYPES):
        return False
    params = [a.arg for a in (*target.args.posonlyargs, *target.args.args)]
    if isinstance(func, ast.Attribute) and params:
        params = params[1:]  # ``cls``/``self``
    if isinstance(node, ast.keyword):
        if node.arg is None:
            return False
        param = node.arg
    elif node in call.args:
        index = call.args.index(node)
        if index >= len(params):
            return False
        param = params[index]
    else:
        return False
    parents = {child: parent for parent in ast.walk(target) for child in ast.iter_child_nodes(parent)}
    uses = [n for n in ast.walk(target) if isinstance(n, ast.Name) and n.id == param and isinstance(n.ctx, ast.Load)]
    if not uses:
        return False
    serialised = False
    for use in uses:
        parent = parents.get(use)
        if isinstance(parent, ast.Return):
            continue  # ``return data``: handed back as it is
        serialised = True
        if not (
            isinstance(parent, ast.Call)
            and parent.args
            and parent.args[0] is use
            and ctx.resolve(parent.func) in _SERIALISERS
        ):
            return False
    return serialised


def _row_class(ctx: Context, func: ast.expr) -> bool:
    """``func`` may be the class of a stored row: capitalised, not named like a response or
    an error, and not a Pydantic schema of this file (a SQLModel ``table=True`` class is one)."""
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    if not name[:1].isupper() or name.endswith(_NOT_ROW_SUFFIXES):
        return False
    if isinstance(func, ast.Name) and ctx.is_model_class(func):
        cls = ctx.classes.get(name)
        return cls is not None and any(
            kw.arg == "table" and isinstance(kw.value, ast.Constant) and kw.value.value is True for kw in cls.keywords
        )
    return True


def _drops_none(generator: ast.comprehension) -> bool:
    """``for k, v in dump.items() if v is not None``: the comprehension drops None values."""
    value = generator.target.elts[-1] if isinstance(generator.target, ast.Tuple) and generator.target.elts else None
    if not isinstance(value, ast.Name):
        return False
    return any(_tests_not_none(test, value.id) for test in generator.ifs)


def _tests_not_none(test: ast.expr, name: str) -> bool:
    if isinstance(test, ast.Name):
        return test.id == name
    return _compares_to_none(test, name, ast.IsNot)


def _compares_to_none(test: ast.expr, name: str, op: type[ast.cmpop]) -> bool:
    """``test`` is ``name is None`` (``op=ast.Is``) or ``name is not None`` (``ast.IsNot``)."""
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == name
        and len(test.ops) == 1
        and isinstance(test.ops[0], op)
        and _is_none(test.comparators[0])
    )


def _loop_setattr(loop: ast.For | ast.AsyncFor) -> bool | None:
    """``None`` when the loop body calls no ``setattr``; else whether each ``setattr`` is
    guarded by ``if value is not None`` (the loop drops None values)."""
    value = loop.target.elts[-1] if isinstance(loop.target, ast.Tuple) and loop.target.elts else None
    guarded: bool | None = None
    stack: list[tuple[ast.AST, bool]] = []
    skipped = False
    for stmt in loop.body:
        stack.append((stmt, skipped))
        if not skipped and isinstance(value, ast.Name) and _none_skip(stmt, value.id):
            # ``if value is None: <clear a field>; continue``: what follows sees no None
            skipped = True
    while stack:
        current, under_guard = stack.pop()
        if isinstance(current, ast.Call) and isinstance(current.func, ast.Name) and current.func.id == "setattr":
            guarded = under_guard if guarded is None else guarded and under_guard
            continue
        if isinstance(current, ast.If) and isinstance(value, ast.Name) and _tests_not_none(current.test, value.id):
            stack.extend((child, True) for child in current.body)
            stack.extend((child, under_guard) for child in current.orelse)
            continue
        stack.extend((child, under_guard) for child in ast.iter_child_nodes(current))
    return guarded


def _none_skip(stmt: ast.stmt, name: str) -> bool:
    """``if name is None: ...; continue`` (or ``if not name:``), with no ``else``: the rest
    of the loop body runs only for values that are not None."""
    if not isinstance(stmt, ast.If) or stmt.orelse or not stmt.body or not isinstance(stmt.body[-1], ast.Continue):
        return False
    test = stmt.test
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return isinstance(test.operand, ast.Name) and test.operand.id == name
    return _compares_to_none(test, name, ast.Is)


_NOT_BODY = frozenset(
    {
        "str", "int", "float", "bool", "bytes", "dict", "list", "set", "tuple", "Any", "UUID",
        "datetime", "date", "Request", "Response", "WebSocket", "BackgroundTasks", "UploadFile",
        "HTTPConnection", "SecurityScopes", "AsyncSession", "Session", "Decimal",
    }
)


def _body_like(ctx: Context, base: ast.Name, fn, name: str) -> bool:
    """A route parameter whose class FastAPI reads from the body: an imported class with a
    schema-like name, and no default marker."""
    if base.id in _NOT_BODY or ctx.is_builtin(base):
        return False
    qualname = ctx.resolve(base) or ""
    if qualname.split(".", 1)[0] in ("typing", "fastapi", "starlette", "sqlalchemy", "datetime", "uuid", "enum", "pydantic"):
        return False
    for arg, default in _all_args(fn):
        if arg.arg == name and default is not None and fastapi_marker(ctx, default) not in (None, "Body"):
            return False
    return base.id.endswith(("Update", "Patch", "In", "Create", "Schema", "Payload", "Request", "Body", "Data"))


@FUNCTION_ENDS.on("function", rules=(XFA312,))
def _judge_partial_updates(node: ast.FunctionDef | ast.AsyncFunctionDef, frame: Frame, ctx: Context) -> None:
    """The dumps ``_check_partial_update`` kept in the function's frame, unless one of them is a
    partial dump (``exclude_unset=True``)."""
    state = frame.state(_ModelDumps)
    dumps = state.dumps
    if dumps and not state.partial:
        _report_partial_updates(node, dumps, ctx)
