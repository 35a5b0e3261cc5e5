"""What one function, class or value of a module is, as the project index stores it:
a value's description (:func:`_value_desc`), a function's scan (the calls it makes, what it
awaits, the sessions it opens, :func:`_scan_function`), a signature, a class summary (bases,
fields, methods, whether a middleware passes every request through). :mod:`.module_summary`
assembles them into the summary of a whole module."""

from __future__ import annotations

import ast
import builtins
from typing import Any, Callable, Iterator

from .names import _FUNCTIONS, _MAX_CALLS, _SCOPES, ROUTE_DECORATORS, dotted, import_bindings, router_like


class _Resolver:
    """A module's import map with function-local imports layered on top."""

    def __init__(self, imports: dict[str, str]) -> None:
        self.imports = imports

    def name(self, node: ast.AST | None, local: dict[str, str] | None = None) -> str | None:
        text = dotted(node)
        if text is None:
            return None
        head, _, rest = text.partition(".")
        target = (local or {}).get(head) or self.imports.get(head)
        if target is None:
            return text
        return f"{target}.{rest}" if rest else target


def _value_desc(
    value: ast.expr | None,
    res: _Resolver,
    local: dict[str, str] | None = None,
    scope: "_Scope | None" = None,
) -> dict | None:
    """A small description of what an assigned value is.  Inside a function, ``scope``
    knows the function's own names: a parameter is described as ``{"k": "param"}`` (with
    its annotation), a local assigned once as the value it was assigned, any other local
    name as ``{"k": "other"}`` (never as the module-level name it happens to share)."""
    if value is None:
        return None
    if isinstance(value, ast.Call):
        func = value.func
        head = _head_name(func)
        if scope is not None and head is not None and scope.binds(head) and head not in (local or {}):
            # ``logger.getChild("x")`` on a local ``logger``: a method of its value
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                inner = scope.desc(func.value.id, res, local)
                if inner.get("k") not in ("other", None):
                    return {"k": "method", "of": inner, "m": func.attr}
            return {"k": "other"}
        callee = res.name(func, local)
        if callee is None:
            # ``structlog.get_logger().bind(...)`` and other chains: describe the head call
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Call):
                inner = _value_desc(func.value, res, local, scope)
                if inner is not None:
                    return {"k": "method", "of": inner, "m": func.attr}
            return None
        desc: dict[str, Any] = {"k": "call", "f": callee}
        if value.args:
            first = value.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                desc["a"] = first.value
            elif isinstance(first, ast.Name):
                desc["a"] = "$" + first.id
            if isinstance(first, (ast.Name, ast.Attribute)):
                # ``Depends(get_db)`` with ``get_db`` imported: the dotted name it refers to
                resolved = res.name(first, local)
                if resolved is not None and resolved != dotted(first):
                    desc["ar"] = resolved
            elif isinstance(first, ast.Call):
                # ``Depends(HTTPBearer())``: the class the argument is an instance of
                made = res.name(first.func, local)
                if made is not None:
                    desc["ac"] = made
        kwargs = [kw.arg for kw in value.keywords if kw.arg]
        if kwargs:
            desc["kw"] = kwargs
        return desc
    if isinstance(value, (ast.Name, ast.Attribute)):
        head = _head_name(value)
        if scope is not None and head is not None and scope.binds(head) and head not in (local or {}):
            if isinstance(value, ast.Name):
                return scope.desc(value.id, res, local)
            return {"k": "other"}
        name = res.name(value, local)
        return {"k": "ref", "n": name} if name else None
    if isinstance(value, ast.BoolOp):
        options = [d for d in (_value_desc(v, res, local, scope) for v in value.values) if d is not None]
        return {"k": "or", "of": options} if options else None
    if isinstance(value, (ast.Tuple, ast.List, ast.Set)):
        items = [res.name(e, local) for e in value.elts]
        if items and all(items):
            return {"k": "tuple", "items": items}
        return None
    if isinstance(value, ast.Constant):
        return {"k": "const", "t": type(value.value).__name__}
    if isinstance(value, ast.Await):
        return _value_desc(value.value, res, local, scope)
    if isinstance(value, ast.Subscript) and scope is None:
        # a type expression at module level: ``Annotated[AsyncSession, Depends(get_db)]``, ``Optional[X]``,
        # ``AsyncGenerator[AsyncSession, None]``
        base = res.name(value.value, local)
        if base is None:
            return None
        elts = value.slice.elts if isinstance(value.slice, ast.Tuple) else [value.slice]
        items = [_value_desc(e, res, local, scope) or {"k": "other"} for e in elts]
        return {"k": "sub", "of": base, "items": items}
    return None


def _head_name(node: ast.AST) -> str | None:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _annotation_name(node: ast.expr | None, res: _Resolver, local: dict[str, str] | None = None) -> str | None:
    """The dotted type of an annotation, through ``Optional[T]``, ``T | None``,
    ``Annotated[T, ...]`` and string annotations."""
    for _ in range(6):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            try:
                node = ast.parse(node.value, mode="eval").body
            except (SyntaxError, ValueError):
                return None
            continue
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            left, right = node.left, node.right
            if isinstance(right, ast.Constant) and right.value is None:
                node = left
            elif isinstance(left, ast.Constant) and left.value is None:
                node = right
            else:
                return None
            continue
        if isinstance(node, ast.Subscript):
            base = (res.name(node.value, local) or "").rsplit(".", 1)[-1]
            if base == "Optional":
                node = node.slice
                continue
            if base == "Annotated" and isinstance(node.slice, ast.Tuple) and node.slice.elts:
                node = node.slice.elts[0]
                continue
            return None
        return res.name(node, local)
    return None


class _Scope:
    """The names a function binds itself, for describing its returned and stored values."""

    def __init__(self, fn: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        args = fn.args
        self.params: dict[str, ast.expr | None] = {}
        for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
            self.params[arg.arg] = arg.annotation
        for arg in (args.vararg, args.kwarg):
            if arg is not None:
                self.params[arg.arg] = None  # ``*args``/``**kwargs``: a tuple or dict
        #: name -> the values assigned to it (``None``: bound some other way)
        self.values: dict[str, list[ast.expr | None]] = {}
        self.declared: set[str] = set()  # ``global``/``nonlocal``: not local
        self._descs: dict[str, dict] = {}
        self._busy: set[str] = set()

    def bind(self, name: str, value: ast.expr | None) -> None:
        self.values.setdefault(name, []).append(value)

    def binds(self, name: str) -> bool:
        return name not in self.declared and (name in self.params or name in self.values)

    def desc(self, name: str, res: _Resolver, local: dict[str, str] | None) -> dict:
        found = self._descs.get(name)
        if found is not None:
            return found
        if name in self._busy:
            return {"k": "other"}
        self._busy.add(name)
        try:
            values = self.values.get(name)
            if name in self.params:
                if values:
                    found = {"k": "other"}  # a parameter rebound in the body
                else:
                    ann = _annotation_name(self.params[name], res, local)
                    found = {"k": "param", "t": ann} if ann else {"k": "param"}
            elif values and len(values) == 1 and values[0] is not None:
                found = _value_desc(values[0], res, local, self) or {"k": "other"}
            else:
                found = {"k": "other"}
        finally:
            self._busy.discard(name)
        self._descs[name] = found
        return found


def _bind_names(node: ast.AST, scope: _Scope) -> None:
    """Record the names ``node`` binds in the function being scanned."""
    if isinstance(node, ast.Assign):
        for target in node.targets:
            if isinstance(target, ast.Name):
                scope.bind(target.id, node.value)
            else:
                for name in target_names(target):
                    scope.bind(name, None)
    elif isinstance(node, ast.AnnAssign):
        if isinstance(node.target, ast.Name):
            scope.bind(node.target.id, node.value)
    elif isinstance(node, ast.AugAssign):
        for name in target_names(node.target):
            scope.bind(name, None)
    elif isinstance(node, ast.NamedExpr):
        if isinstance(node.target, ast.Name):
            scope.bind(node.target.id, node.value)
    elif isinstance(node, (ast.For, ast.AsyncFor)):
        for name in target_names(node.target):
            scope.bind(name, None)
    elif isinstance(node, (ast.With, ast.AsyncWith)):
        for item in node.items:
            if isinstance(item.optional_vars, ast.Name):
                scope.bind(item.optional_vars.id, item.context_expr)  # what it was entered with
            elif item.optional_vars is not None:
                for name in target_names(item.optional_vars):
                    scope.bind(name, None)
    elif isinstance(node, ast.ExceptHandler):
        if node.name:
            scope.bind(node.name, None)
    elif isinstance(node, _SCOPES) and not isinstance(node, ast.Lambda):
        scope.bind(node.name, None)  # type: ignore[union-attr]
    elif isinstance(node, (ast.Global, ast.Nonlocal)):
        scope.declared.update(node.names)
    else:
        name = getattr(node, "name", None) if node.__class__.__name__.startswith("Match") else None
        rest = getattr(node, "rest", None) if node.__class__.__name__.startswith("Match") else None
        for captured in (name, rest):
            if isinstance(captured, str):
                scope.bind(captured, None)


def _merge(found: dict[str, dict], name: str, desc: dict) -> None:
    """Keep every distinct value a name is assigned: ``{"k": "any", "of": [...]}`` when
    there are several."""
    old = found.get(name)
    if old is None:
        found[name] = desc
    elif old != desc:
        options = old["of"] if old.get("k") == "any" else [old]
        if desc not in options:
            found[name] = {"k": "any", "of": [*options, desc]}


def _route_decorated(fn: ast.FunctionDef | ast.AsyncFunctionDef, routers: set[str], non_fastapi: set[str]) -> bool:
    return any(_route_decorator(d, routers, non_fastapi) for d in fn.decorator_list)


def _route_decorator(decorator: ast.expr, routers: set[str], non_fastapi: set[str]) -> bool:
    if not (
        isinstance(decorator, ast.Call)
        and isinstance(decorator.func, ast.Attribute)
        and decorator.func.attr in ROUTE_DECORATORS
    ):
        return False
    target = dotted(decorator.func.value)
    if target is None:
        return False
    head = target.split(".", 1)[0]
    if head in non_fastapi:
        return False
    return target in routers or router_like(target.rsplit(".", 1)[-1])


_SCOPE_SET = frozenset(_SCOPES)
_MATCH_CAPTURES = frozenset(getattr(ast, n) for n in ("MatchAs", "MatchStar", "MatchMapping") if hasattr(ast, n))
#: fields that never hold child nodes worth scanning (contexts, operators, names as strings)
_LEAF_FIELDS = frozenset({"ctx", "op", "ops", "id", "attr", "name", "arg", "module", "level", "kind",
                          "type_comment", "conversion", "is_async", "simple", "names"})
_FIELDS: dict[type, tuple[str, ...]] = {}


def _child_fields(kind: type) -> tuple[str, ...]:
    fields = _FIELDS.get(kind)
    if fields is None:
        fields = _FIELDS[kind] = tuple(f for f in getattr(kind, "_fields", ()) if f not in _LEAF_FIELDS)
    return fields


_ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)


def _scan_function(
    fn: ast.FunctionDef | ast.AsyncFunctionDef, res: _Resolver, self_name: str | None
) -> dict[str, Any]:
    """Calls a function makes directly (nested defs and lambdas left out), the values it
    returns and yields, and ``self.<attr> = <value>`` assignments when it is a method.
    Returned, yielded and stored values are described once the whole body is known, so
    that a local name is described by what the function bound to it (see
    :func:`_value_desc`; ``async with maker() as session: yield session`` yields
    ``maker()``).

    ``lv`` lists the indices (into ``calls``) of calls made through a name the function
    binds itself (a parameter, an assignment, a loop or ``with`` target, a nested ``def``):
    ``open(p)`` with a parameter ``open``, ``requests.get(k)`` on a local dict named
    ``requests`` — those are not calls of the builtin or of the imported module.  ``gen``:
    the function is a generator; ``lazy``: it fills a module global it tests first (a lazy
    singleton, so what it calls runs once)."""
    local: dict[str, str] = {}
    calls: list[list[Any]] = []
    heads: list[str] = []
    returns: list[ast.expr] = []
    yields: list[ast.expr] = []
    stored_values: list[tuple[str, ast.expr | None]] = []
    scope = _Scope(fn)
    bound: set[str] = set()
    declared: set[str] = set()
    stored: set[str] = set()
    tested: set[str] = set()
    generator = False
    #: names compared with ``<``/``<=``/``>``/``>=`` (``if page < 1: raise ...``)
    compared: set[str] = set()
    args = fn.args
    for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg):
        if arg is not None:
            bound.add(arg.arg)
    # what :func:`reads_path_params` asks, counted on the way (the walk is the summary's
    # hot loop): loads of request-typed parameters, and how many are ``request.<attr>``
    requests = _request_params(fn, res.name)
    request_loads = request_attrs = 0
    path_params = False
    stack: list[ast.AST] = list(reversed(fn.body))
    pop = stack.pop
    push = stack.append
    while stack:
        node = pop()
        kind = node.__class__
        if kind is ast.Name:  # the most common node: no children
            if node.ctx.__class__ is not ast.Load:  # type: ignore[attr-defined]
                bound.add(node.id)  # type: ignore[attr-defined]
                stored.add(node.id)  # type: ignore[attr-defined]
            elif requests and node.id in requests:  # type: ignore[attr-defined]
                request_loads += 1
            continue
        if kind is ast.Attribute:
            if node.attr == "path_params":  # type: ignore[attr-defined]
                path_params = True
            elif requests and node.value.__class__ is ast.Name and node.value.id in requests:  # type: ignore[attr-defined]
                request_attrs += 1
        if kind is ast.Constant:
            continue
        _bind_names(node, scope)
        if kind in _SCOPE_SET:
            name = getattr(node, "name", None)
            if name:
                bound.add(name)
            continue
        if kind is ast.Import or kind is ast.ImportFrom:
            local.update(import_bindings(node))  # type: ignore[arg-type]
            continue
        if kind is ast.Call:
            func = node.func  # type: ignore[attr-defined]
            callee = res.name(func, local)
            if callee in ("min", "max"):
                compared.update(a.id for a in node.args if a.__class__ is ast.Name)  # type: ignore[attr-defined]
            if callee is not None and len(calls) < _MAX_CALLS:
                calls.append([callee, node.lineno])  # type: ignore[attr-defined]
                head = func
                while head.__class__ is ast.Attribute:
                    head = head.value
                heads.append(head.id if head.__class__ is ast.Name else "")
        elif kind is ast.Yield or kind is ast.YieldFrom:
            generator = True
            if kind is ast.Yield and node.value is not None:  # type: ignore[attr-defined]
                yields.append(node.value)  # type: ignore[attr-defined]
        elif kind is ast.If:
            tested.update(n.id for n in ast.walk(node.test) if isinstance(n, ast.Name))  # type: ignore[attr-defined]
        elif kind is ast.Compare:
            if any(op.__class__ in _ORDERING for op in node.ops):  # type: ignore[attr-defined]
                for operand in (node.left, *node.comparators):  # type: ignore[attr-defined]
                    if operand.__class__ is ast.Name:
                        compared.add(operand.id)
        elif kind is ast.ExceptHandler:
            if node.name:  # type: ignore[attr-defined]
                bound.add(node.name)  # type: ignore[attr-defined]
        elif kind is ast.Global:
            declared.update(node.names)  # type: ignore[attr-defined]
            continue
        elif kind is ast.Nonlocal:
            bound.update(node.names)  # type: ignore[attr-defined]
            continue
        elif kind in _MATCH_CAPTURES:
            capture = getattr(node, "name", None) or getattr(node, "rest", None)
            if isinstance(capture, str):
                bound.add(capture)
        elif kind is ast.Return:
            if node.value is not None:  # type: ignore[attr-defined]
                returns.append(node.value)  # type: ignore[attr-defined]
        elif (kind is ast.Assign or kind is ast.AnnAssign) and self_name is not None:
            targets = node.targets if kind is ast.Assign else [node.target]  # type: ignore[attr-defined]
            for target in targets:
                if (
                    isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Name)
                    and target.value.id == self_name
                ):
                    stored_values.append((target.attr, node.value))  # type: ignore[attr-defined]
        for name in _child_fields(kind):
            value = getattr(node, name, None)
            if value.__class__ is list:
                for child in reversed(value):
                    if isinstance(child, ast.AST):
                        push(child)
            elif isinstance(value, ast.AST):
                push(value)
    # a helper handed to ``asyncio.to_thread(render, x)`` is passed, not called: no call of
    # ``render`` is recorded; ``to_thread(render(x))`` calls it here (and is a bug of its own)
    info: dict[str, Any] = {"calls": calls}
    if path_params or request_loads > request_attrs:
        info["pp"] = True  # taken out again by :func:`_signature`
    positional = [a.arg for a in (*args.posonlyargs, *args.args)]
    checked = {
        a.arg: positional.index(a.arg) if a.arg in positional else -1
        for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)
        if a.arg in compared
    }
    if checked:
        # the parameters the function range-checks or clamps itself (``if page < 1: raise``,
        # ``min(limit, 100)``), by name -> positional index (-1: keyword-only): bounded pagination
        info["cmp"] = checked
    shadowed = (bound - declared) - set(local)
    through_locals = [i for i, head in enumerate(heads) if head in shadowed]
    if through_locals:
        info["lv"] = through_locals
    if generator:
        info["gen"] = True
    if declared & stored & tested:
        # ``global _x`` / ``if _x is None: _x = build()``: a lazy singleton, built once
        info["lazy"] = True
    if returns:
        # every return is kept, an undescribable one as ``{"k": "other"}``
        info["ret"] = [_value_desc(v, res, local, scope) or {"k": "other"} for v in returns]
    described_yields = [d for d in (_value_desc(v, res, local, scope) for v in yields) if d and d.get("k") != "other"]
    if described_yields:
        info["yld"] = described_yields
    attrs: dict[str, dict] = {}
    for attr, value in stored_values:
        if value is not None:
            _merge(attrs, attr, _value_desc(value, res, local, scope) or {"k": "other"})
    if attrs:
        info["attrs"] = attrs
    return info


def target_names(target: ast.AST) -> Iterator[str]:
    """The names an assignment, ``for`` or ``with`` target binds (``a, (b, *c)``)."""
    stack = [target]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Name):
            yield node.id
        elif isinstance(node, (ast.Tuple, ast.List)):
            stack.extend(node.elts)
        elif isinstance(node, ast.Starred):
            stack.append(node.value)


#: the request objects a dependency can read ``path_params`` from
REQUEST_TYPES = frozenset(
    {
        "fastapi.Request", "fastapi.WebSocket", "fastapi.requests.Request", "fastapi.websockets.WebSocket",
        "fastapi.requests.HTTPConnection", "starlette.requests.Request", "starlette.requests.HTTPConnection",
        "starlette.websockets.WebSocket",
    }
)


def reads_path_params(fn: ast.FunctionDef | ast.AsyncFunctionDef, res: Callable[[ast.expr], str | None]) -> bool:
    """``fn`` may read the request's path parameters itself: it reads ``.path_params``, or
    hands a parameter typed as a request (``Request``, ``WebSocket``, ``HTTPConnection``) to
    something else (``check(request)``) instead of only reading its attributes."""
    requests = _request_params(fn, res)
    attribute_values: set[int] = set()
    for node in ast.walk(fn):
        if isinstance(node, ast.Attribute):
            if node.attr == "path_params":
                return True
            attribute_values.add(id(node.value))
    if not requests:
        return False
    return any(
        isinstance(node, ast.Name) and node.id in requests and id(node) not in attribute_values
        for stmt in fn.body
        for node in ast.walk(stmt)
    )


def _request_params(fn: ast.FunctionDef | ast.AsyncFunctionDef, res: Callable[[ast.expr], str | None]) -> set[str]:
    """The parameters of ``fn`` annotated as a request object."""
    return {
        a.arg
        for a in (*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs)
        if a.annotation is not None and res(a.annotation) in REQUEST_TYPES
    }


def _signature(fn: ast.FunctionDef | ast.AsyncFunctionDef, res: _Resolver, pp: bool) -> dict[str, Any]:
    """What FastAPI reads from a function used as a dependency: ``p`` the names it can be
    called with by keyword (positional-only ones left out), ``kw`` when it takes
    ``**kwargs``, ``pp`` when it may read the request's path parameters itself (see
    :func:`reads_path_params`), and ``d`` one entry per parameter that may be a sub-dependency: the
    dotted target of its ``Depends(x)`` (default or ``Annotated`` metadata), ``"?"`` for
    a ``Depends`` whose target is no name, ``"@" + dotted`` for an annotation that names
    something (a type, or an ``Annotated`` alias holding a ``Depends``)."""
    args = fn.args
    params = [*args.args, *args.kwonlyargs]
    defaults: list[ast.expr | None] = [None] * (len(args.posonlyargs) + len(args.args) - len(args.defaults))
    defaults = [*defaults, *args.defaults][len(args.posonlyargs):] + list(args.kw_defaults)
    deps: list[str] = []
    for arg, default in zip(params, defaults):
        found: str | None = None
        markers = [default] if default is not None else []
        annotation = arg.annotation
        if isinstance(annotation, ast.Subscript) and isinstance(annotation.slice, ast.Tuple):
            if (res.name(annotation.value) or "").rsplit(".", 1)[-1] == "Annotated":
                markers.extend(annotation.slice.elts[1:])
        for marker in markers:
            if isinstance(marker, ast.Call) and (res.name(marker.func) or "").rsplit(".", 1)[-1] in ("Depends", "Security"):
                target = marker.args[0] if marker.args else next(
                    (k.value for k in marker.keywords if k.arg == "dependency"), None
                )
                found = (res.name(target) if target is not None else None) or "?"
        if found is None and isinstance(annotation, (ast.Name, ast.Attribute)):
            named = res.name(annotation)
            if named and not ("." not in named and hasattr(builtins, named)):  # ``str``: a type
                found = "@" + named
        if found is not None:
            deps.append(found)
    sig: dict[str, Any] = {"p": [a.arg for a in params]}
    if args.kwarg is not None:
        sig["kw"] = True
    if pp:  # :func:`reads_path_params`, counted by :func:`_scan_function`
        sig["pp"] = True
    if deps:
        sig["d"] = deps
    return sig


def _own_nodes(body: list[ast.stmt]) -> Iterator[ast.AST]:
    """The nodes of ``body``, nested functions, lambdas and classes left out."""
    stack: list[ast.AST] = list(reversed(body))
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                stack.append(child)


def _positional_names(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    return [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]


def http_middleware_passes_through(fn: ast.FunctionDef | ast.AsyncFunctionDef, call_next: str) -> bool:
    """A ``(request, call_next)`` middleware body that always answers with what
    ``call_next`` returned (headers set on it or not): every ``return`` gives
    ``await call_next(...)`` or a name bound only to it, and there is at least one."""
    bound: dict[str, bool] = {}

    def is_next(value: ast.AST | None) -> bool:
        return (
            isinstance(value, ast.Await)
            and isinstance(value.value, ast.Call)
            and isinstance(value.value.func, ast.Name)
            and value.value.func.id == call_next
        )

    returns: list[ast.Return] = []
    for node in _own_nodes(fn.body):
        if isinstance(node, ast.Return):
            returns.append(node)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.NamedExpr)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                # ``response.headers[...] = ...`` rebinds no name; ``a, b = ...`` does
                simple = isinstance(target, ast.Name) and not isinstance(node, ast.AugAssign)
                for name in target_names(target):
                    bound[name] = bound.get(name, True) and simple and is_next(node.value)
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.With, ast.AsyncWith, ast.ExceptHandler)):
            holders = [node.target] if isinstance(node, (ast.For, ast.AsyncFor)) else (
                [i.optional_vars for i in node.items if i.optional_vars is not None]
                if isinstance(node, (ast.With, ast.AsyncWith)) else [])
            for holder in holders:
                for name in target_names(holder):
                    bound[name] = False
            if isinstance(node, ast.ExceptHandler) and node.name:
                bound[node.name] = False
    if not returns:
        return False
    for ret in returns:
        if is_next(ret.value):
            continue
        if isinstance(ret.value, ast.Name) and bound.get(ret.value.id):
            continue
        return False
    return True


def asgi_middleware_passes_through(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A pure ASGI ``__call__(self, scope, receive, send)`` that never sends a response of
    its own: it calls ``self.app`` (with ``send`` or a wrapper of it), never calls ``send``
    itself and hands ``send`` to nothing else (``await response(scope, receive, send)``)
    outside the wrapper functions it defines."""
    names = _positional_names(fn)
    if len(names) != 4:
        return False
    self_name, send = names[0], names[3]
    calls_app = False
    for node in _own_nodes(fn.body):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        is_app = (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id == self_name
            and func.attr in ("app", "_app")
        )
        if is_app:
            calls_app = True
            continue
        if isinstance(func, ast.Name) and func.id == send:
            return False
        if any(isinstance(a, ast.Name) and a.id == send for a in node.args):
            return False
    return calls_app


def middleware_passes_through(cls: ast.ClassDef) -> bool:
    """``cls`` is a middleware that never answers a request itself: a ``dispatch`` (or a
    ``__call__(self, request, call_next)``) that always returns ``call_next``'s response,
    or a pure ASGI ``__call__`` that only wraps ``send``."""
    methods = {s.name: s for s in cls.body if isinstance(s, _FUNCTIONS)}
    dispatch = methods.get("dispatch")
    if isinstance(dispatch, ast.AsyncFunctionDef):
        names = _positional_names(dispatch)
        return len(names) == 3 and http_middleware_passes_through(dispatch, names[2])
    call = methods.get("__call__")
    if isinstance(call, ast.AsyncFunctionDef):
        names = _positional_names(call)
        if len(names) == 3:
            return http_middleware_passes_through(call, names[2])
        return asgi_middleware_passes_through(call)
    return False


def _class_summary(cls: ast.ClassDef, res: _Resolver) -> dict[str, Any]:
    bases = []
    for base in cls.bases:
        target = base.value if isinstance(base, ast.Subscript) else base
        name = res.name(target)
        if name is not None:
            bases.append(name)
    info: dict[str, Any] = {"bases": bases, "line": cls.lineno}
    keywords = {kw.arg: _keyword_value(kw.value) for kw in cls.keywords if kw.arg}
    if keywords:
        info["kw"] = keywords
    methods: dict[str, bool] = {}
    #: a method's return annotation as a dotted name (``-> _TemplateResponse``)
    method_returns: dict[str, str] = {}
    attrs: dict[str, dict] = {}
    fields: list[str] = []
    defaults: dict[str, str] = {}
    #: every dotted name a field's annotation mentions (``list[Tag] | None`` -> Tag, list, None)
    field_types: dict[str, list[str]] = {}
    #: a field declared under ``if``/``try`` makes the list of fields unknown
    complete = True
    for stmt in cls.body:
        if isinstance(stmt, (ast.If, ast.Try, ast.For, ast.While, ast.With)):
            complete = False
        if isinstance(stmt, _FUNCTIONS):
            methods[stmt.name] = isinstance(stmt, ast.AsyncFunctionDef)
            returns = res.name(stmt.returns) if stmt.returns is not None else None
            if returns:
                method_returns[stmt.name] = returns
            first = stmt.args.posonlyargs[:1] or stmt.args.args[:1]
            scanned = _scan_function(stmt, res, first[0].arg) if first else {}
            if stmt.name in ("__call__", "__init__"):
                # a class, or an instance (``Depends(Checker(...))``), used as a dependency
                info["call" if stmt.name == "__call__" else "init"] = _signature(stmt, res, scanned.get("pp", False))
            if first:
                for attr, desc in scanned.get("attrs", {}).items():
                    for option in desc["of"] if desc.get("k") == "any" else [desc]:
                        _merge(attrs, attr, option)
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            fields.append(stmt.target.id)
            defaults[stmt.target.id] = _field_default(stmt, res)
            field_types[stmt.target.id] = _annotation_names(stmt.annotation, res)
            if stmt.value is not None:
                _merge(attrs, stmt.target.id, _value_desc(stmt.value, res) or {"k": "other"})
        elif isinstance(stmt, ast.Assign):
            desc = _value_desc(stmt.value, res) or {"k": "other"}
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    _merge(attrs, target.id, desc)
    if methods:
        info["methods"] = methods
        if middleware_passes_through(cls):
            info["pass"] = True
    if method_returns:
        info["mret"] = method_returns
    if attrs:
        info["attrs"] = attrs
    if fields:
        info["fields"] = fields
        info["defaults"] = defaults
        info["ftypes"] = field_types
    if not complete:
        info["open"] = True
    return info


def _annotation_names(annotation: ast.expr, res: _Resolver) -> list[str]:
    """The dotted names an annotation mentions, through string annotations; ``"?"`` for a
    part that cannot be read. ``Annotated`` metadata calls (``Field(...)``) count too."""
    names: list[str] = []
    stack: list[ast.AST] = [annotation]
    while stack and len(names) < 32:
        node = stack.pop()
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            try:
                stack.append(ast.parse(node.value, mode="eval").body)
            except (SyntaxError, ValueError):
                names.append("?")
            continue
        if isinstance(node, (ast.Name, ast.Attribute)):
            name = res.name(node)
            names.append(name or "?")
            continue
        if isinstance(node, ast.Constant):
            continue
        if not isinstance(node, (ast.Subscript, ast.Tuple, ast.List, ast.BinOp, ast.Call, ast.keyword, ast.BitOr, ast.Load)):
            names.append("?")
            continue
        stack.extend(ast.iter_child_nodes(node))
    return names


def factory_default(factory: ast.expr) -> str:
    """What a ``default_factory`` produces, as source: ``[]`` for ``list``, ``uuid4()`` for
    ``uuid4``, the body of a ``lambda: datetime.now(timezone.utc)``."""
    if isinstance(factory, ast.Lambda) and not factory.args.args and not factory.args.kwonlyargs:
        return ast.unparse(factory.body)[:60]
    text = ast.unparse(factory)
    return {"list": "[]", "dict": "{}", "set": "set()"}.get(text, text[:58] + "()")


def _field_default(stmt: ast.AnnAssign, res: _Resolver) -> str:
    """A model field's default as the XFA3xx rules read it: ``"required"``, ``"None"`` or
    the default's source (an ``Optional`` field without one counts as ``None``)."""
    value = stmt.value
    optional = _optional_text(stmt.annotation)
    if isinstance(value, ast.Call) and (res.name(value.func) or "").rsplit(".", 1)[-1] == "Field":
        default = value.args[0] if value.args else None
        for kw in value.keywords:
            if kw.arg == "default":
                default = kw.value
            elif kw.arg == "default_factory":
                return factory_default(kw.value)
        value = default
        if value is None:
            return "None" if optional else "required"
    if value is None:
        return "None" if optional else "required"
    if isinstance(value, ast.Constant):
        if value.value is None:
            return "None"
        if value.value is Ellipsis:
            return "required"
    return ast.unparse(value)[:60]


def _optional_text(annotation: ast.expr) -> bool:
    text = ast.unparse(annotation).replace(" ", "")
    return text.startswith(("Optional[", "typing.Optional[")) or "|None" in text or text.startswith("None|")


def _keyword_value(node: ast.expr) -> Any:
    if isinstance(node, ast.Constant) and isinstance(node.value, (bool, int, str)):
        return node.value
    return dotted(node) or "?"
