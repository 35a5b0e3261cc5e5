"""XFA305: a handler raises ``HTTPException(422)`` itself for a shape check FastAPI's validation would
do (a type, a format, a length, a presence of the request's input)."""

from __future__ import annotations

import ast
from typing import Callable

from ... import lazy_re
from ...context import FUNCTION_TYPES, Context, Frame
from ...registry import moved_off, rule
from ._shared import HANDLER_CALLS, _all_args, _is_none, _markers_of, _own_nodes, status_value, _tail

XFA305 = rule(
    "XFA305",
    "manual-422",
    default=False,
    precision=moved_off("0 of 9", third="6 of 20"),
    seeds=("002", "004"),
    message="HTTPException with status 422 raised by hand",
    fix_hint="422 is FastAPI's request-shape error: raise 400 (invalid meaning) or 409 (conflict) for a business rule, or a domain exception mapped by a handler",
    what="""
        Reports `HTTPException(status_code=422)` (also `422` positional,
        `status.HTTP_422_UNPROCESSABLE_ENTITY`/`_CONTENT`, `HTTPStatus.UNPROCESSABLE_ENTITY`)
        constructed in application code, unless it answers a request-shape problem the code
        checks itself: a malformed identifier of the request that failed to decode, or an
        empty, oversized or missing input.
    """,
    why="""
        Seed 002: "422 = wrong shape · 400 = wrong meaning" and "never raise 422 for
        business rule violations": clients treat 422 as a malformed request they must fix
        field by field. Seed 000 maps its own ValidationError to 422; a project that follows
        it can `extend-ignore = XFA305`.
    """,
    bad="""
        from fastapi import APIRouter, HTTPException, status

        from app.schemas import BookingRead

        router = APIRouter()


        @router.post("/slots/{slot_id}/booking", status_code=status.HTTP_201_CREATED)
        async def book_slot(slot_id: int) -> BookingRead:
            if await slot_taken(slot_id):
                raise HTTPException(status_code=status.HTTP_422_UNPROCESSABLE_ENTITY, detail="slot taken")
            return await book(slot_id)
    """,
    good="""
        from fastapi import APIRouter, HTTPException, status

        from app.schemas import BookingRead

        router = APIRouter()


        @router.post("/slots/{slot_id}/booking", status_code=status.HTTP_201_CREATED)
        async def book_slot(slot_id: int) -> BookingRead:
            if await slot_taken(slot_id):
                raise HTTPException(status_code=status.HTTP_409_CONFLICT, detail="slot taken")
            return await book(slot_id)
    """,
    not_flagged=(
        "Exception-handler mapping tables (an `HTTPException(422)` as a value of a dict literal) "
        "and code in functions registered with `@app.exception_handler(...)`.",
        "`JSONResponse(status_code=422)` built by an exception handler.",
        "A 422 raised in an `except` of a validation or parse error (`ValidationError`, "
        "`yaml.YAMLError`, `JSONDecodeError`...).",
        "A 422 for a malformed identifier: raised in an `except ValueError`/`TypeError`/"
        "`binascii.Error`/`InvalidId` whose `try` decodes request input, a parameter that is not "
        "a dependency (`UUID(item_id)`, `int(cursor)`, `ObjectId(doc_id)`, `base64.b64decode(token)`, "
        "`json.loads(...)`, `await request.json()`, `int(request.query_params[\"offset\"])`).",
        "A 422 for an empty or oversized input: raised under `if not ids:` (a list-typed "
        "parameter), `if len(ids) > MAX_IDS:` or `if not 1 <= len(key) <= 64:` on a parameter or "
        "a field of one (`len(payload.ids) == 0`), compared with a number or a limit-like name.",
        "A 422 for a missing input: under `if payload.name is None:`, `if not payload.name:`, "
        "`if not payload.name.strip():`, `if \"name\" not in payload.model_fields_set:`, or in the "
        "final `else` of `if a: ... elif b is not None: ... else:` whose tests only check that "
        "parameters or their fields are present.",
        "A 422 for a combination of inputs: `if payload.a is not None and payload.b is not None:` "
        "(mutually exclusive), `if not a and not b:` (either A or B must be provided).",
        "A 422 for an input of the wrong type or format: any `isinstance(...)` test (also on "
        "decoded upload content, and in a function that maps exception types to statuses), "
        "`re.fullmatch(...)`/`SLUG_RE.match(...)` (a `re.compile` value) or `.isalnum()`-like "
        "predicates on request input, `if fmt not in SUPPORTED:` with a fixed collection "
        "(a literal of constants, a module-level value or an enum).",
        "A 422 in an `except ValueError` whose `try` calls a synchronous project function with "
        "request input only (a normaliser: `normalise_window(start, end)`); an awaited service "
        "call or one that also takes a session is still flagged.",
        "Request input reached through a loop or a comprehension (`[UUID(s) for s in "
        "ids.split(\",\")]`, `for value in values: if not PARAM_RE.match(value):`), and a "
        "number of items counted from the parsed input (`total = len(parsed) + len(keys)`, "
        "`parsed` filled only from the input) compared with a limit (`if max_keys is not None "
        "and total > max_keys:`).",
        "The checks above through a local that only holds request input, assigned once: "
        "`title = payload.title` then `if title is not None and not title.strip():`, "
        "`sid = session_id or (body.scope.sid if body.scope else None)` then `if not sid:`, "
        "`paging = body.paging` then `if paging.cursor is not None and paging.after is None:`. "
        "A local that went through a call (`row = await repo.get(payload.id)`) is not input.",
        "A 422 whose `detail` is a list of validation errors in FastAPI's own format, built in "
        "the function (`[{\"loc\": [...], \"msg\": ..., \"type\": ...}]`, as from a JSON "
        "schema's `iter_errors`): the request validated by hand, answered as FastAPI answers it.",
        "Not told apart: a `KeyError` from a project function looking the input up in a "
        "registry (`get_provider(payload.kind)` in `except KeyError`): the registry may be a "
        "fixed table of built-ins (an unsupported value, 422 is right) or data (a missing "
        "resource, 404); it is flagged.",
        "Not told apart: a 422 in an `except` of a project exception (`except SlugInvalid:`, "
        "often in a decorator translating domain errors) or of a `ValueError` from an awaited "
        "service: whether the project raises it for a malformed input or a business rule is not "
        "followed into the raising code; it is flagged.",
        "Not told apart: a 422 when a parser of uploaded content returns `None` "
        "(`if parse_archive(data) is None:` reads like a lookup that found nothing, which "
        "deserves a 404, and is flagged).",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code.",
    ),
    example_path="app/routes/bookings.py",
)


@HANDLER_CALLS.on("HTTPException", rules=(XFA305,))
def _http_exception(node: ast.Call, name: str, ctx: Context) -> None:
    if ctx.wants(XFA305):
        _check_manual_422(node, ctx)


def _check_manual_422(node: ast.Call, ctx: Context) -> None:
    if ctx.is_test or not ctx.imported_from(node.func, "fastapi", "starlette"):
        return
    status = None
    if node.args:
        status = node.args[0]
    for kw in node.keywords:
        if kw.arg == "status_code":
            status = kw.value
    if status_value(ctx, status) != 422:
        return
    if isinstance(ctx.parent, ast.Dict):
        return  # a mapping table
    handler = ctx.enclosing(ast.ExceptHandler)
    if isinstance(handler, ast.ExceptHandler) and _catches_shape_error(ctx, handler.type):
        return  # re-raising a body that failed to parse or validate: 422 is right
    if isinstance(handler, ast.ExceptHandler) and _decode_failure(ctx, handler):
        return  # a malformed identifier or cursor of the request failed to decode
    if _request_shape_branch(ctx):
        return  # an empty, oversized or missing input the route checks itself
    if _validation_error_detail(ctx, node):
        return  # the body is FastAPI's own validation-error list (``loc``/``msg``/``type``)
    frame = ctx.function
    if frame is not None and isinstance(frame.node, FUNCTION_TYPES):
        for decorator in frame.node.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            if isinstance(target, ast.Attribute) and target.attr == "exception_handler":
                return
    ctx.report(node, XFA305)


def _validation_error_detail(ctx: Context, node: ast.Call) -> bool:
    """The ``detail`` is a list of validation errors in FastAPI's format, built by this
    function (``[{"loc": [...], "msg": ..., "type": ...}]``, directly or through a name): the
    code validated the request itself (a JSON schema, a custom validator) and answers the way
    FastAPI answers a body that fails its model."""
    detail = node.args[1] if len(node.args) > 1 else None
    for kw in node.keywords:
        if kw.arg == "detail":
            detail = kw.value
    if not isinstance(detail, (ast.Name, ast.List, ast.ListComp)):
        return False
    frame = ctx.function
    scope = frame.node if frame is not None and isinstance(frame.node, FUNCTION_TYPES) else detail
    for sub in ast.walk(detail) if not isinstance(detail, ast.Name) else _own_nodes(scope):
        if isinstance(sub, ast.Dict):
            keys = {k.value for k in sub.keys if isinstance(k, ast.Constant)}
            if {"loc", "msg"} <= keys:
                return True
    return False


_SHAPE_ERROR = lazy_re.compile(r"Validation|Decode|Parse|YAML|Schema|Serializ")


def _catches_shape_error(ctx: Context, node: ast.AST | None) -> bool:
    if isinstance(node, ast.Tuple):
        return any(_catches_shape_error(ctx, e) for e in node.elts)
    return node is not None and bool(_SHAPE_ERROR.search(_tail(ctx.resolve(node))))


#: what decoding a malformed identifier, cursor or body raises (``binascii.Error`` and
#: ``json.JSONDecodeError`` are ``ValueError``s; ``bson``'s ``InvalidId``)
_DECODE_ERRORS = frozenset({"ValueError", "TypeError", "OverflowError", "InvalidId", "binascii.Error"})
#: calls that decode an identifier given as text: ``UUID(item_id)``, ``ObjectId(id)``
_DECODER_CLASSES = frozenset({"UUID", "ObjectId", "PydanticObjectId", "ULID", "Decimal"})
_DECODER_FUNCTIONS = frozenset({"fromisoformat", "fromhex", "from_str", "parse_obj_as"})
_JSON_MODULES = frozenset({"json", "orjson", "ujson", "simplejson"})
#: ``await request.json()``: the body of a ``Request`` parameter
_BODY_READERS = frozenset({"json", "body", "form"})


def _catches_decode_error(ctx: Context, node: ast.AST | None) -> bool:
    if isinstance(node, ast.Tuple):
        return any(_catches_decode_error(ctx, e) for e in node.elts)
    qualname = ctx.resolve(node) or ""
    return _tail(qualname) in _DECODE_ERRORS or qualname.endswith("binascii.Error")


def _decode_failure(ctx: Context, handler: ast.ExceptHandler) -> bool:
    """``handler`` catches what a decoder raises and its ``try`` decodes request input
    (``UUID(item_id)``, ``int(cursor)``, ``base64.b64decode(token)``, ``await request.json()``)."""
    if not _catches_decode_error(ctx, handler.type):
        return False
    chain = ctx.ancestors
    index = next((i for i in range(len(chain) - 1, -1, -1) if chain[i] is handler), 0)
    try_node = chain[index - 1] if index else None
    if not isinstance(try_node, ast.Try) and try_node.__class__.__name__ != "TryStar":
        return False
    for stmt in try_node.body:  # type: ignore[union-attr]
        for sub in ast.walk(stmt):
            if isinstance(sub, ast.Call) and _decodes_input(ctx, sub):
                return True
    return False


def _decodes_input(ctx: Context, call: ast.Call) -> bool:
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr in _BODY_READERS and not call.args:
        return _request_input(ctx, func.value)
    if _normaliser(ctx, call):
        return True
    if not _is_decoder(ctx, func):
        return False
    return bool(call.args) and _request_input(ctx, call.args[0])


def _normaliser(ctx: Context, call: ast.Call) -> bool:
    """A synchronous function of the project called (not awaited) with request input and
    nothing else (no session, no dependency): ``normalize_slug(payload.slug)``,
    ``parse_window(start, end)``. Its ``ValueError`` is about the input's shape; a service
    method (``await db.reserve(id)``) or a call that also takes a session is not one."""
    if not call.args and not call.keywords:
        return False
    sym = ctx.symbol(call.func)
    if sym is None or sym.kind != "function" or not isinstance(sym.info, dict) or sym.info.get("async"):
        return False
    if sym.info.get("route") or sym.info.get("gen"):
        return False
    values = [*call.args, *(kw.value for kw in call.keywords)]
    return all(
        isinstance(v, ast.Constant) or _request_input(ctx, v.value if isinstance(v, ast.Starred) else v)
        for v in values
    ) and any(not isinstance(v, ast.Constant) for v in values)


def _is_decoder(ctx: Context, func: ast.expr) -> bool:
    if isinstance(func, ast.Name) and func.id in ("int", "float", "bytes") and ctx.is_builtin(func):
        return True
    qualname = ctx.resolve(func) or ""
    tail = _tail(qualname)
    head = qualname.split(".", 1)[0]
    if tail in _DECODER_CLASSES or tail in _DECODER_FUNCTIONS:
        return True
    if head in ("base64", "binascii") and tail != "Error":
        return True
    return tail == "loads" and head in _JSON_MODULES


def _request_input(ctx: Context, expr: ast.expr, depth: int = 0) -> bool:
    """``expr`` is a value the request supplied: a parameter of the enclosing function that
    is not injected by ``Depends``/``Security`` (``item_id``, ``request.query_params["id"]``,
    ``payload.cursor``), a method result of one (``cursor.encode()``) or its decoding."""
    if depth > 6:
        return False
    if isinstance(expr, ast.Name):
        if expr.id in _input_params(ctx):
            return True
        found = ctx.lookup(expr.id)
        if found is not None:
            # ``for value in param_values:``: an item of the input
            node = found.node
            return (
                found.kind == "for"
                and isinstance(node, (ast.For, ast.AsyncFor))
                and isinstance(node.target, ast.Name)
                and _request_input(ctx, node.iter, depth + 1)
            )
        # ``[UUID(s) for s in raw.split(",")]``: not visible from the ``except``
        iters = _loop_bindings(ctx).get(expr.id)
        return bool(iters) and all(_request_input(ctx, it, depth + 1) for it in iters)
    if isinstance(expr, (ast.Attribute, ast.Subscript)):
        return _request_input(ctx, expr.value, depth + 1)
    if isinstance(expr, ast.Await):
        return _request_input(ctx, expr.value, depth + 1)
    if isinstance(expr, ast.Call):
        if isinstance(expr.func, ast.Attribute) and not _is_decoder(ctx, expr.func):
            return _request_input(ctx, expr.func.value, depth + 1)
        if expr.args and _is_decoder(ctx, expr.func):
            return _request_input(ctx, expr.args[0], depth + 1)
    return False


def _loop_bindings(ctx: Context) -> dict[str, list[ast.expr]]:
    """Names of the innermost function bound only as the plain target of a comprehension
    (``[UUID(s) for s in ids.split(",")]``): name -> the iterables. A name also bound
    another way (assigned, a loop or tuple target, a parameter) is left out."""
    frame = ctx.function
    if frame is None or not isinstance(frame.node, FUNCTION_TYPES):
        return {}
    state = frame.state(_RequestInputNames)
    cached = state.loops
    if cached is None:
        loops: dict[str, list[ast.expr]] = {}
        stores: dict[str, int] = {}
        for node in _own_nodes(frame.node):
            if isinstance(node, ast.comprehension) and isinstance(node.target, ast.Name):
                loops.setdefault(node.target.id, []).append(node.iter)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
                stores[node.id] = stores.get(node.id, 0) + 1
        params = {arg.arg for arg, _ in _all_args(frame.node)}
        # each loop target is one Store name: any other store means another binding
        cached = {
            name: iters for name, iters in loops.items() if stores.get(name, 0) == len(iters) and name not in params
        }
        state.loops = cached
    return cached


def _input_params(ctx: Context) -> frozenset[str]:
    """Parameters of the innermost function that carry request input (not ``self``, not a
    dependency, not a database session)."""
    frame = ctx.function
    if frame is None or not isinstance(frame.node, FUNCTION_TYPES):
        return frozenset()
    state = frame.state(_RequestInputNames)
    cached = state.inputs
    if cached is None:
        names = set()
        for arg, default in _all_args(frame.node):
            if arg.arg in ("self", "cls"):
                continue
            if any(m in ("Depends", "Security") for m in _markers_of(ctx, arg.annotation, default)):
                continue
            if arg.annotation is not None and ctx.is_session_annotation(arg.annotation):
                continue
            names.add(arg.arg)
        cached = state.inputs = frozenset(names)
    return cached


def _request_shape_branch(ctx: Context) -> bool:
    """The 422 is raised in the branch of an ``if`` that checks the shape of request input:
    ``if not ids:`` (a list parameter), ``if len(ids) > MAX_IDS:``, ``if payload.name is None:``,
    or the final ``else`` of ``if a: … elif b: … else:`` testing only that inputs are present."""
    chain = ctx.ancestors
    child: ast.AST = ctx.node
    for i in range(len(chain) - 1, -1, -1):
        ancestor = chain[i]
        if isinstance(ancestor, (*FUNCTION_TYPES, ast.Lambda, ast.ClassDef)):
            return False
        if isinstance(ancestor, ast.If):
            if any(c is child for c in ancestor.body):
                measured = {
                    ast.unparse(n.args[0]) for n in ast.walk(ancestor.test) if _len_of_input(ctx, n)
                }
                return _shape_test(ctx, ancestor.test, measured)
            if any(c is child for c in ancestor.orelse):
                tests = [ancestor.test]
                j = i
                while j > 0 and isinstance(chain[j - 1], ast.If) and chain[j - 1].orelse == [chain[j]]:
                    j -= 1
                    tests.append(chain[j].test)  # type: ignore[attr-defined]
                return all(_presence_test(ctx, t) for t in tests)
            return False
        child = ancestor
    return False


_BOUND_NAME = lazy_re.compile(r"(?i)max|min|limit|size|len")


def _shape_test(ctx: Context, test: ast.expr, measured: set[str], combined: bool = False) -> bool:
    """``measured``: the inputs whose ``len()`` the whole test takes (``not payload.ids or
    len(payload.ids) > 50``: ``payload.ids`` is a collection). ``combined``: the test is one
    operand of ``and``/``or``, where the bare presence of an input is a combination check
    (``if payload.a and payload.b:``, "mutually exclusive")."""
    if isinstance(test, ast.BoolOp):
        values = test.values
        if isinstance(test.op, ast.And):
            # ``max_keys is not None and total_keys > max_keys``: the limit is configured
            limits = {
                ast.unparse(o)
                for v in values
                if isinstance(v, ast.Compare)
                for o in (v.left, *v.comparators)
                if _bound(o) and not isinstance(o, ast.Constant)
            }
            values = [v for v in values if not _limit_configured(v, limits)] or values
        return all(_shape_test(ctx, v, measured, True) for v in values)
    if _type_or_format_test(ctx, test):
        return True
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        operand = test.operand
        if _len_of_input(ctx, operand) or _type_or_format_test(ctx, operand):
            return True
        if isinstance(operand, ast.Compare) and any(_len_of_input(ctx, o) for o in (operand.left, *operand.comparators)):
            return _shape_test(ctx, operand, measured)  # ``not 1 <= len(key) <= MAX_KEY``
        if _input_value(ctx, operand) or _fields_set_test(ctx, operand):
            return True  # an empty or missing input: ``if not payload.name:``, ``if not ids:``
        return _stripped_input(ctx, operand)  # ``if not payload.name.strip():``
    if isinstance(test, ast.Compare):
        operands = [test.left, *test.comparators]
        if len(operands) == 2 and isinstance(test.ops[0], ast.Is) and _is_none(operands[1]):
            return _input_value(ctx, operands[0])
        if len(operands) == 2 and isinstance(test.ops[0], ast.IsNot) and _is_none(operands[1]):
            return combined and _input_value(ctx, operands[0])
        if _fields_set_test(ctx, test):
            return True
        if len(operands) == 2 and isinstance(test.ops[0], (ast.In, ast.NotIn)):
            # an unsupported value: ``if payload.kind not in SUPPORTED_KINDS:``
            return _input_value(ctx, operands[0]) and _fixed_collection(ctx, operands[1])
        if any(_len_of_input(ctx, o) for o in operands):
            return all(_len_of_input(ctx, o) or _bound(o) for o in operands)
        # ``if total_keys > max_keys:`` with ``total_keys`` counted from the parsed input
        counts = [o for o in operands if _input_count(ctx, o, 0) and not isinstance(o, ast.Constant)]
        return bool(counts) and all(o in counts or _bound(o) for o in operands) and any(
            _bound(o) and o not in counts for o in operands
        )
    return combined and _input_value(ctx, test)


def _limit_configured(test: ast.expr, limits: set[str]) -> bool:
    """``max_keys is not None`` where ``max_keys`` is the limit another operand compares with."""
    return (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.IsNot)
        and _is_none(test.comparators[0])
        and ast.unparse(test.left) in limits
    )


#: methods that put their arguments into the container they are called on
_FILLERS = frozenset({"append", "extend", "add", "update", "insert", "setdefault", "appendleft"})
#: builtins whose result holds what they are given
_HOLDERS = frozenset({"list", "set", "tuple", "sorted", "dict", "str", "reversed", "frozenset", "iter", "next"})


class _RequestInputNames:
    """XFA305's per-function facts about names that stand for request input."""

    __slots__ = ("derived", "aliases", "loops", "inputs")

    def __init__(self) -> None:
        self.derived: frozenset[str] | None = None
        self.aliases: frozenset[str] | None = None
        #: names bound only as a comprehension's target -> the iterables (``_loop_bindings``)
        self.loops: dict[str, list[ast.expr]] | None = None
        #: the parameters that carry request input (``_input_params``)
        self.inputs: frozenset[str] | None = None


def _per_function(
    ctx: Context, fact: str, compute: Callable[[Context, Frame], frozenset[str]]
) -> frozenset[str]:
    """``compute`` once per function for the innermost function (empty outside one)."""
    frame = ctx.function
    if frame is None or not isinstance(frame.node, FUNCTION_TYPES):
        return frozenset()
    state = frame.state(_RequestInputNames)
    found = getattr(state, fact)
    if found is None:
        found = compute(ctx, frame)
        setattr(state, fact, found)
    return found


def _derived_names(ctx: Context) -> frozenset[str]:
    """Local names of the innermost function whose value is built only from request input
    (``parts = value.split(":")``, a loop variable over it, a container filled only from it:
    ``parsed[key].extend(parts)`` after ``parsed = defaultdict(list)``). A value that went
    through a call other than a method of the input (``await repo.list(owner=...)``), or a
    name bound even once another way, is not derived."""
    return _per_function(ctx, "derived", _compute_derived_names)


def _compute_derived_names(ctx: Context, frame: Frame) -> frozenset[str]:
    inputs = _input_params(ctx)
    params = {arg.arg for arg, _ in _all_args(frame.node)}
    bindings: dict[str, list[tuple[str, list[ast.expr]]]] = {}

    def bind(target: ast.expr, kind: str, values: list[ast.expr]) -> None:
        while isinstance(target, (ast.Subscript, ast.Attribute)):
            target = target.value
        for n in ast.walk(target):
            if isinstance(n, ast.Name):
                bindings.setdefault(n.id, []).append((kind, values))

    for node in _own_nodes(frame.node):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                sub = isinstance(target, (ast.Subscript, ast.Attribute))
                extra = [target.slice] if isinstance(target, ast.Subscript) else []
                kind = "fill" if sub else ("empty" if _empty_container(node.value) else "value")
                bind(target, kind, [node.value, *extra])
        elif isinstance(node, ast.AnnAssign):
            if node.value is not None:
                bind(node.target, "empty" if _empty_container(node.value) else "value", [node.value])
        elif isinstance(node, ast.AugAssign):
            bind(node.target, "value", [node.value])
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
            bind(node.target, "value", [node.iter])
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _FILLERS:
            if isinstance(node.func.value, (ast.Name, ast.Subscript, ast.Attribute)):
                bind(node.func.value, "fill", list(node.args))
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if item.optional_vars is not None:
                    bind(item.optional_vars, "value", [ast.Name(id="\0", ctx=ast.Load())])
        elif isinstance(node, ast.NamedExpr):
            bind(node.target, "value", [node.value])
    found = {name for name in bindings if name not in params} | set(inputs)
    changed = True
    while changed:
        changed = False
        for name in list(found):
            if name in inputs:
                continue
            uses = bindings.get(name, [])
            if not any(kind != "empty" for kind, _ in uses) or not all(
                kind == "empty" or all(_derived(v, found) for v in values) for kind, values in uses
            ):
                found.discard(name)
                changed = True
    return frozenset(found)


def _empty_container(expr: ast.expr) -> bool:
    """``[]``, ``{}``, ``set()``, ``defaultdict(list)``: a container that holds nothing yet."""
    if isinstance(expr, (ast.List, ast.Tuple, ast.Set)):
        return not expr.elts
    if isinstance(expr, ast.Dict):
        return not expr.keys
    if isinstance(expr, ast.Call) and not expr.keywords and isinstance(expr.func, ast.Name):
        if expr.func.id in ("list", "dict", "set") and not expr.args:
            return True
        return expr.func.id == "defaultdict" and len(expr.args) <= 1 and all(
            isinstance(a, ast.Name) and a.id in ("list", "dict", "set", "int") for a in expr.args
        )
    return False


def _derived(expr: ast.expr | None, names: set[str] | frozenset[str]) -> bool:
    if expr is None:
        return False
    if isinstance(expr, ast.Constant):
        return True
    if isinstance(expr, ast.Name):
        return expr.id in names
    if isinstance(expr, (ast.Attribute, ast.Starred)):
        return _derived(expr.value, names)
    if isinstance(expr, ast.Subscript):
        return _derived(expr.value, names)
    if isinstance(expr, (ast.List, ast.Tuple, ast.Set)):
        return bool(expr.elts) and all(_derived(e, names) for e in expr.elts)
    if isinstance(expr, ast.BinOp):
        return _derived(expr.left, names) and _derived(expr.right, names)
    if isinstance(expr, ast.IfExp):
        return _derived(expr.body, names) and _derived(expr.orelse, names)
    if isinstance(expr, ast.Call):
        func = expr.func
        if isinstance(func, ast.Attribute):  # ``value.split(":")``, ``parsed.get("keys", [])``
            return _derived(func.value, names) and all(_derived(a, names) or _empty_container(a) for a in expr.args)
        if isinstance(func, ast.Name) and func.id in _HOLDERS:
            return all(_derived(a, names) for a in expr.args)
    return False


def _input_count(ctx: Context, expr: ast.expr, depth: int) -> bool:
    """A number of items of the request's input: ``len(...)`` of a value derived from it,
    sums of such counts and constants (``len(parsed) - 1``), ``len(v) if v is not None else 0``,
    or a local assigned only such a count."""
    if depth > 6:
        return False
    if isinstance(expr, ast.Constant):
        return isinstance(expr.value, int) and not isinstance(expr.value, bool)
    if isinstance(expr, ast.Call):
        return (
            isinstance(expr.func, ast.Name)
            and expr.func.id == "len"
            and ctx.is_builtin(expr.func)
            and len(expr.args) == 1
            and _derived(expr.args[0], _derived_names(ctx))
            and not isinstance(expr.args[0], ast.Constant)
        )
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, (ast.Add, ast.Sub)):
        return _input_count(ctx, expr.left, depth + 1) and _input_count(ctx, expr.right, depth + 1)
    if isinstance(expr, ast.IfExp):
        return _input_count(ctx, expr.body, depth + 1) and _input_count(ctx, expr.orelse, depth + 1)
    if isinstance(expr, ast.Name):
        frame = ctx.function
        if frame is None or expr.id in _input_params(ctx):
            return False
        stores = sum(
            1 for n in _own_nodes(frame.node) if isinstance(n, ast.Name) and n.id == expr.id and isinstance(n.ctx, ast.Store)
        )
        assigned = [
            n.value
            for n in _own_nodes(frame.node)
            if isinstance(n, ast.Assign) and len(n.targets) == 1
            and isinstance(n.targets[0], ast.Name) and n.targets[0].id == expr.id
        ]
        if not assigned or len(assigned) != stores:
            return False  # also bound another way (a loop, ``+=``): cannot tell
        return all(_input_count(ctx, v, depth + 1) and not isinstance(v, ast.Constant) for v in assigned)
    return False


#: ``str`` predicates that check the format of a value
_FORMAT_METHODS = frozenset(
    {"isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier", "islower", "isnumeric", "isupper", "isprintable"}
)
_REGEX_CALLS = frozenset({"re.match", "re.fullmatch", "re.search"})


def _type_or_format_test(ctx: Context, test: ast.expr) -> bool:
    """``isinstance(data, dict)`` (a type check is a shape check, whatever it tests),
    ``re.fullmatch(SLUG, payload.slug)``, ``SLUG_RE.match(slug)`` with ``SLUG_RE =
    re.compile(...)`` (here or in another module), ``payload.code.isalnum()``."""
    if not isinstance(test, ast.Call):
        return False
    func = test.func
    if isinstance(func, ast.Name) and func.id == "isinstance" and ctx.is_builtin(func):
        return True
    if ctx.resolve(func) in _REGEX_CALLS:
        return len(test.args) >= 2 and _request_input(ctx, test.args[1])
    if not isinstance(func, ast.Attribute):
        return False
    if func.attr in _FORMAT_METHODS and not test.args:
        return _request_input(ctx, func.value)
    if func.attr in ("match", "fullmatch", "search") and test.args and _request_input(ctx, test.args[0]):
        sym = ctx.symbol(func.value)
        desc = sym.info if sym is not None and sym.kind == "value" else None
        if isinstance(desc, dict) and desc.get("k") == "call" and desc.get("f") == "re.compile":
            return True
        found = ctx.lookup(func.value.id) if isinstance(func.value, ast.Name) else None
        value = getattr(found, "value", None)
        return isinstance(value, ast.Call) and ctx.resolve(value.func) == "re.compile"
    return False


def _fields_set_test(ctx: Context, test: ast.expr) -> bool:
    """``"name" in payload.model_fields_set`` (or ``not in``, ``__fields_set__``): whether
    the client sent a field."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.In, ast.NotIn))):
        return False
    right = test.comparators[0]
    return (
        isinstance(right, ast.Attribute)
        and right.attr in ("model_fields_set", "__fields_set__")
        and _input_value(ctx, right.value)
    )


def _stripped_input(ctx: Context, expr: ast.expr) -> bool:
    return (
        isinstance(expr, ast.Call)
        and isinstance(expr.func, ast.Attribute)
        and expr.func.attr in ("strip", "lstrip", "rstrip")
        and _input_value(ctx, expr.func.value)
    )


def _fixed_collection(ctx: Context, expr: ast.expr) -> bool:
    """A collection fixed in code: a literal of constants, or a module-level value or class
    (an enum) of this module or another one, or its ``.keys()``/``.values()``."""
    if isinstance(expr, (ast.Tuple, ast.List, ast.Set)):
        return all(isinstance(e, ast.Constant) for e in expr.elts)
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and not expr.args:
        if expr.func.attr in ("keys", "values"):
            expr = expr.func.value
    sym = ctx.symbol(expr)
    return sym is not None and sym.kind in ("value", "class")


def _presence_test(ctx: Context, test: ast.expr) -> bool:
    """``x``, ``x.field``, ``x is not None``, ``"field" in x.model_fields_set`` (and
    ``and``/``or`` of them) on request input."""
    if isinstance(test, ast.BoolOp):
        return all(_presence_test(ctx, v) for v in test.values)
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.IsNot):
        return _is_none(test.comparators[0]) and _input_value(ctx, test.left)
    if _fields_set_test(ctx, test):
        return True
    return _input_value(ctx, test)


def _input_value(ctx: Context, expr: ast.expr) -> bool:
    """A request-input parameter or an attribute of one (``payload.name``), also through a
    local that only holds request input (``name = payload.name``, ``sid = session_id or
    (body.mount.session_id if body.mount else None)``)."""
    while isinstance(expr, ast.Attribute):
        expr = expr.value
    return isinstance(expr, ast.Name) and (expr.id in _input_params(ctx) or expr.id in _input_aliases(ctx))


#: ``str`` methods whose result is the input itself, rewritten
_TEXT_METHODS = frozenset({"lower", "upper", "casefold", "strip", "lstrip", "rstrip", "title"})


def _input_aliases(ctx: Context) -> frozenset[str]:
    """Locals of the innermost function assigned exactly once (a plain ``name = value``, no
    other binding), from a value built only of request input, constants, ``or``/``and``,
    ``x if c else y``, comparisons and text methods (``.lower()``): another name for the
    input. A value that went through any other call (``await repo.get(payload.id)``) is not
    one."""
    return _per_function(ctx, "aliases", _compute_input_aliases)


def _compute_input_aliases(ctx: Context, frame: Frame) -> frozenset[str]:
    stores: dict[str, int] = {}
    assigned: dict[str, ast.expr] = {}
    for node in _own_nodes(frame.node):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            stores[node.id] = stores.get(node.id, 0) + 1
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            assigned[node.targets[0].id] = node.value
    params = {arg.arg for arg, _ in _all_args(frame.node)}
    candidates = {n: v for n, v in assigned.items() if stores.get(n) == 1 and n not in params}
    inputs = _input_params(ctx)
    found: set[str] = set()

    def made_of_input(expr: ast.expr, depth: int) -> bool:
        if depth > 8:
            return False
        if isinstance(expr, ast.Constant):
            return True
        if isinstance(expr, ast.Name):
            return expr.id in inputs or expr.id in found
        if isinstance(expr, (ast.Attribute, ast.Subscript)):
            return made_of_input(expr.value, depth + 1) and (
                not isinstance(expr, ast.Subscript) or made_of_input(expr.slice, depth + 1)
            )
        if isinstance(expr, ast.BoolOp):
            return all(made_of_input(v, depth + 1) for v in expr.values)
        if isinstance(expr, ast.UnaryOp):
            return made_of_input(expr.operand, depth + 1)
        if isinstance(expr, ast.IfExp):
            return all(made_of_input(e, depth + 1) for e in (expr.test, expr.body, expr.orelse))
        if isinstance(expr, ast.Compare):
            return all(made_of_input(e, depth + 1) for e in (expr.left, *expr.comparators))
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr in _TEXT_METHODS:
            return made_of_input(expr.func.value, depth + 1) and all(isinstance(a, ast.Constant) for a in expr.args)
        return False

    changed = True
    while changed:
        changed = False
        for name, value in candidates.items():
            if name not in found and made_of_input(value, 0) and any(
                isinstance(n, ast.Name) and (n.id in inputs or n.id in found) for n in ast.walk(value)
            ):
                found.add(name)
                changed = True
    return frozenset(found)


def _len_of_input(ctx: Context, expr: ast.expr) -> bool:
    return (
        isinstance(expr, ast.Call)
        and isinstance(expr.func, ast.Name)
        and expr.func.id == "len"
        and len(expr.args) == 1
        and _input_value(ctx, expr.args[0])
    )


def _bound(expr: ast.expr) -> bool:
    """A limit a length is compared with: a number, or a name like ``MAX_IDS``/``settings.max_batch``."""
    if isinstance(expr, ast.Constant):
        return isinstance(expr.value, int) and not isinstance(expr.value, bool)
    name = expr.attr if isinstance(expr, ast.Attribute) else expr.id if isinstance(expr, ast.Name) else ""
    return bool(name) and (name.isupper() or bool(_BOUND_NAME.search(name)))
