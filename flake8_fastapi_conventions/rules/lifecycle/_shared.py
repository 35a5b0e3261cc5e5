"""What the XFA6xx rules share: what an app, a CORS or HTTP middleware and a handler are, and
whether the code is an example or a development branch."""

from __future__ import annotations

import ast
import os
from collections.abc import Callable

from ...context import (
    Context,
    dotted_name,
    FASTAPI_APP_FACTORIES,
    Frame,
    FUNCTION_TYPES,
    is_main_test,
    keyword,
    last_name,
    NON_FASTAPI_FRAMEWORKS,
)
from ...project import http_middleware_passes_through
from ...registry import Hook

#: the checks the call visitor of :mod:`.app_setup` runs outside tests on the calls that
#: build an app, by the callee's last name (``app.add_middleware(...)``: "add_middleware";
#: an alias resolves to the imported name): ``check(node, func, ctx)``
APP_SETUP_CALLS = Hook()

#: what the assignments of a scope bind (:mod:`.app_assignments`): the apps made in a
#: function, the middleware lists, the CORS middleware of ``FastAPI(middleware=[...])``; the
#: rules that read them say so with ``APP_BINDINGS.used_by(...)``
APP_BINDINGS = Hook()


class CorsEntry:
    """A CORS middleware added to an app in this scope, for the check that CORS is the outermost middleware."""

    __slots__ = ("node", "branches", "reported", "from_list")

    def __init__(self, node: ast.AST, branches: dict[int, str], from_list: bool) -> None:
        self.node = node
        #: the ``if``/``try`` branches it is added in (``_branches``)
        self.branches = branches
        self.reported = False
        #: from ``FastAPI(middleware=[...])``, not ``add_middleware``
        self.from_list = from_list


class AppScope:
    """Per scope: the names bound to an app made here (in a function), to a list of
    ``Middleware(...)``, the CORS middleware added to each app (by its dotted name), and
    whether the scope's function is middleware (``_middleware_kind``, cached)."""

    __slots__ = ("apps", "middleware_lists", "cors", "middleware_kind")

    def __init__(self) -> None:
        self.apps: set[str] = set()
        self.middleware_lists: dict[str, list[ast.expr]] = {}
        self.cors: dict[str, list[CorsEntry]] = {}
        self.middleware_kind: tuple[str | None, str | None] | None = None


_APP_FACTORY_TAILS = frozenset({"FastAPI", "APIRouter", "Starlette", "Router"})
_APP_FACTORIES = FASTAPI_APP_FACTORIES | frozenset(
    {"starlette.applications.Starlette", "starlette.routing.Router"}
)


def _str(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _resolved_tail(ctx: Context, node: ast.AST | None) -> str | None:
    qualname = ctx.resolve(node) if node is not None else None
    return qualname.rsplit(".", 1)[-1] if qualname else None


def _is_app_factory(ctx: Context, call: ast.Call) -> bool:
    tail = last_name(call.func)
    if tail not in _APP_FACTORY_TAILS and ctx.resolve(call.func) not in _APP_FACTORIES:
        return False
    qualname = ctx.resolve(call.func) or ""
    if qualname in _APP_FACTORIES:
        return True
    # an un-imported ``FastAPI``/``APIRouter`` (star import, re-export): trust the name
    return tail in ("FastAPI", "APIRouter") and "." not in qualname.strip(".")


def _local_apps(ctx: Context) -> set[str]:
    """Names assigned an app/router factory call in the enclosing function scopes."""
    names: set[str] = set()
    for frame in ctx.frames:
        scope = frame.states.get(AppScope)
        if scope is not None and scope.apps:
            names |= scope.apps
    return names


def _is_app(ctx: Context, expr: ast.expr) -> bool:
    """``expr`` is a FastAPI/Starlette app or router."""
    if isinstance(expr, ast.Name):
        if expr.id in _local_apps(ctx):
            return True
        is_param, annotation = ctx.annotation_of(expr.id)
        if is_param and annotation is not None:
            base, _ = ctx.unwrap_annotation(annotation)
            tail = _resolved_tail(ctx, base) if base is not None else None
            if tail in ("FastAPI", "APIRouter", "Starlette"):
                return True
    if isinstance(expr, ast.Name) and expr.id == "application" and expr.id not in ctx.imports:
        # ``application`` is as common a name for the FastAPI app as ``app``
        value = ctx.assignments.get(expr.id)
        if isinstance(value, ast.Call):
            callee = ctx.resolve(value.func) or ""
            head = callee.split(".", 1)[0]
            if head in NON_FASTAPI_FRAMEWORKS and ctx.imported_from(value.func, head):
                return False
        return True
    return ctx.is_router(expr)


def _is_cors(ctx: Context, node: ast.AST | None) -> bool:
    return isinstance(node, (ast.Name, ast.Attribute)) and _resolved_tail(ctx, node) == "CORSMiddleware"


def _is_cors_handler(ctx: Context, node: ast.AST | None) -> bool:
    """``CORSMiddleware`` or another middleware that handles CORS itself (its name says
    so: ``CustomCORSMiddleware``, ``cors.PreflightMiddleware``)."""
    if _is_cors(ctx, node):
        return True
    if not isinstance(node, (ast.Name, ast.Attribute)):
        return False
    names = ((dotted_name(node) or "") + " " + (ctx.resolve(node) or "")).lower()
    return "cors" in names


#: Starlette middleware that never answers a request itself: they transform the response
#: (compression) or keep state (the session cookie), so CORS inside them still sees every
#: request and every response
_NEVER_ANSWERS = frozenset(
    {
        "starlette.middleware.gzip.GZipMiddleware",
        "fastapi.middleware.gzip.GZipMiddleware",
        "starlette.middleware.sessions.SessionMiddleware",
        # compression and metrics of other libraries: they pass every request through
        "brotli_asgi.BrotliMiddleware",
        "starlette_exporter.PrometheusMiddleware",
        "starlette_exporter.middleware.PrometheusMiddleware",
    }
)


def _never_answers(ctx: Context, node: ast.AST | None) -> bool:
    """``node`` is a middleware class that never answers a request itself: one of
    ``_NEVER_ANSWERS`` or a class of the project deriving only from them, or a class of the
    project whose own code shows it (the index's ``pass``: a ``dispatch`` that always
    returns ``call_next``'s response, a pure ASGI ``__call__`` that only wraps ``send``)."""
    if not isinstance(node, (ast.Name, ast.Attribute)):
        return False
    sym = ctx.symbol(node)
    if sym is not None and sym.kind == "class" and isinstance(sym.info, dict) and sym.info.get("pass"):
        return True
    ancestors = ctx.class_ancestors(node)
    return bool(ancestors) and all(a in _NEVER_ANSWERS for a in ancestors)


def _function_never_answers(ctx: Context, node: ast.AST | None) -> bool:
    """``node`` names a ``(request, call_next)`` function of this file that always
    returns ``call_next``'s response (``app.middleware("http")(add_headers)``), or, as
    ``self.name`` in a method, such a method of the enclosing class
    (``self._app.middleware("http")(self._audit_middleware)``)."""
    if isinstance(node, ast.Name):
        fn = ctx.functions.get(node.id)
        skip = 0
    elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
        fn = _enclosing_class_method(ctx, node.attr)
        skip = 1
    else:
        return False
    if not isinstance(fn, ast.AsyncFunctionDef):
        return False
    names = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)][skip:]
    return len(names) == 2 and http_middleware_passes_through(fn, names[1])


def _enclosing_class_method(ctx: Context, name: str) -> ast.AST | None:
    """The method ``name`` of the class whose method is being walked (None outside one)."""
    for frame in reversed(ctx.frames):
        if frame.kind == "class" and isinstance(frame.node, ast.ClassDef):
            return next((s for s in frame.node.body if isinstance(s, FUNCTION_TYPES) and s.name == name), None)
    return None


def _is_base_http(ctx: Context, node: ast.AST | None) -> bool:
    return isinstance(node, (ast.Name, ast.Attribute)) and _resolved_tail(ctx, node) == "BaseHTTPMiddleware"


def _is_middleware_wrapper(ctx: Context, call: ast.Call) -> bool:
    """``Middleware(cls, ...)`` of Starlette/FastAPI."""
    return last_name(call.func) == "Middleware" and _resolved_tail(ctx, call.func) == "Middleware"


def classes_deriving(
    ctx: Context, memo_key: str, is_base: Callable[[ast.expr, frozenset[str]], bool]
) -> frozenset[str]:
    """Names of this file's classes with a base that ``is_base(base, found so far)``
    accepts, directly or through other classes of the file (a fixed point, computed once
    per file under ``memo_key``)."""

    def compute() -> frozenset[str]:
        found: set[str] = set()
        classes = list(ctx.classes.values())
        changed = True
        while changed:
            changed = False
            for cls in classes:
                if cls.name not in found and any(is_base(b, frozenset(found)) for b in cls.bases):
                    found.add(cls.name)
                    changed = True
        return frozenset(found)

    return ctx.memo(memo_key, compute)


def _base_http_classes(ctx: Context) -> frozenset[str]:
    """Classes of this file deriving ``BaseHTTPMiddleware`` (directly or through others here)."""
    return classes_deriving(
        ctx,
        "xfa6_base_http_classes",
        lambda base, found: _is_base_http(ctx, base) or (isinstance(base, ast.Name) and base.id in found),
    )


def _positional(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.arg]:
    return [*fn.args.posonlyargs, *fn.args.args]


def _middleware_kind(ctx: Context, frame: Frame) -> tuple[str | None, str | None]:
    """``(kind, call_next_name)`` of a function frame that is middleware, cached."""
    scope = frame.state(AppScope)
    cached = scope.middleware_kind
    if cached is not None:
        return cached
    result: tuple[str | None, str | None] = (None, None)
    fn = frame.node
    if isinstance(fn, FUNCTION_TYPES):
        params = _positional(fn)
        names = [a.arg for a in params]
        # the frame below the function: a class body for methods
        idx = next((i for i in range(len(ctx.frames) - 1, -1, -1) if ctx.frames[i] is frame), -1)
        owner = ctx.frames[idx - 1] if idx > 0 else None
        is_method = owner is not None and owner.kind == "class"
        rest = names[1:] if is_method and names and names[0] in ("self", "cls") else names
        if is_method and fn.name == "dispatch" and isinstance(owner.node, ast.ClassDef):
            cls = owner.node
            if any(
                _is_base_http(ctx, b) or (isinstance(b, ast.Name) and b.id in _base_http_classes(ctx))
                for b in cls.bases
            ):
                result = ("dispatch", rest[1] if len(rest) > 1 else None)
        if result[0] is None and _has_http_middleware_decorator(ctx, fn):
            result = ("decorator", rest[1] if len(rest) > 1 else None)
        if result[0] is None and len(rest) > 1 and rest[1] == "call_next" and _http_request_param(ctx, params[len(names) - len(rest)], owner if is_method else None):
            result = ("call_next", "call_next")
        if (
            result[0] is None
            and is_method
            and fn.name == "__call__"
            and isinstance(fn, ast.AsyncFunctionDef)
            and rest[:1] == ["scope"]
            and len(rest) == 3
        ):
            result = ("asgi", None)
    scope.middleware_kind = result
    return result


#: unannotated first parameters of a ``(request, call_next)`` function that name an HTTP request
_REQUEST_NAMES = frozenset({"request", "req", "_request", "http_request", "incoming_request"})
_HTTP_FRAMEWORKS = ("starlette.", "fastapi.")


def _http_request_param(ctx: Context, param: ast.arg, owner: Frame | None) -> bool:
    """``param`` (the one before ``call_next``) is a Starlette/FastAPI ``Request``: annotated
    ``Request`` of fastapi/starlette (or an un-imported ``Request``), or, outside classes,
    unannotated and named ``request``. Middleware of other frameworks (a FastMCP
    ``Middleware.on_message(self, context, call_next)``) takes a context instead."""
    if owner is not None and isinstance(owner.node, ast.ClassDef):
        for base in owner.node.bases:
            head = (ctx.resolve(base) or "").split(".", 1)[0]
            if head in NON_FASTAPI_FRAMEWORKS and ctx.imported_from(base, head):
                return False
    annotation = param.annotation
    if annotation is None:
        return owner is None and param.arg in _REQUEST_NAMES
    base, _ = ctx.unwrap_annotation(annotation)
    if not isinstance(base, (ast.Name, ast.Attribute)) or last_name(base) != "Request":
        return False
    qualname = ctx.resolve(base) or ""
    return qualname.startswith(_HTTP_FRAMEWORKS) or "." not in qualname


def _has_http_middleware_decorator(ctx: Context, fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return _http_middleware_decorator(ctx, fn) is not None


def _http_middleware_decorator(ctx: Context, fn: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.Call | None:
    for dec in fn.decorator_list:
        if (
            isinstance(dec, ast.Call)
            and isinstance(dec.func, ast.Attribute)
            and dec.func.attr == "middleware"
            and dec.args
            and _str(dec.args[0]) == "http"
            and _is_app(ctx, dec.func.value)
        ):
            return dec
    return None


def _kw(call: ast.Call, name: str) -> ast.expr | None:
    kw = keyword(call, name)
    return kw.value if kw is not None else None


def _has_splat(call: ast.Call) -> bool:
    return any(kw.arg is None for kw in call.keywords)


def _is_true(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


_DEV_WORDS = ("debug", "dev", "local")


_EXAMPLE_DIRS = frozenset({"example", "examples", "demo", "demos", "sample", "samples", "tutorial", "tutorials"})


def _in_examples(ctx: Context) -> bool:
    """The module lives under an ``examples/`` (``demos/``, ``samples/``, ``tutorials/``)
    directory — of its project, or of the tree flake8 runs on (an example that is a small
    project of its own, ``examples/chatbot/pyproject.toml``): its ``__main__`` block runs
    the example on a developer's machine; an example is not what the project deploys."""
    path = os.path.abspath(ctx.filename)
    for base in (ctx.index.root, os.getcwd()):
        if not base:
            continue
        parts = os.path.relpath(path, base).replace(os.sep, "/").split("/")[:-1]
        if parts and parts[0] == "..":
            continue
        if any(part.lower() in _EXAMPLE_DIRS for part in parts):
            return True
    return False


def _main_block_runner(ctx: Context) -> bool:
    """Inside the ``__main__`` block, or inside a module-level function that block calls by
    name (``def main(): ... uvicorn.run(...)`` with ``if __name__ == "__main__": main()``):
    either way the code runs only when the module is started directly."""
    if ctx.in_main_block:
        return True
    outer = next((f.node for f in ctx.frames if isinstance(f.node, FUNCTION_TYPES)), None)
    if outer is None or not any(stmt is outer for stmt in ctx.tree.body):
        return False
    for stmt in ctx.tree.body:
        if isinstance(stmt, ast.If) and is_main_test(stmt.test):
            for node in ast.walk(stmt):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == outer.name:
                    return True
    return False


def _in_dev_branch(ctx: Context) -> bool:
    """In the body of an ``if`` whose test mentions debug/dev/local
    (``if settings.ENVIRONMENT == "local":``, ``if settings.DEBUG:``)."""
    chain = ctx.ancestors
    for i in range(len(chain) - 1, -1, -1):
        ancestor = chain[i]
        if isinstance(ancestor, ast.If):
            child = chain[i + 1] if i + 1 < len(chain) else ctx.node
            if any(c is child for c in ancestor.body):
                try:
                    test = ast.unparse(ancestor.test).lower()
                except Exception:  # pragma: no cover - unparse of odd nodes
                    continue
                if any(w in test for w in _DEV_WORDS):
                    return True
    return False


def _branches(ctx: Context) -> dict[int, str]:
    """The ``if`` statements around the current node (in this scope) and the branch taken."""
    found: dict[int, str] = {}
    chain = ctx.ancestors
    for i in range(len(chain) - 1, -1, -1):
        ancestor = chain[i]
        if isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            break
        if isinstance(ancestor, (ast.If, ast.Try)) or ancestor.__class__.__name__ == "TryStar":
            child = chain[i + 1] if i + 1 < len(chain) else ctx.node
            for name in ("body", "orelse", "handlers", "finalbody"):
                value = getattr(ancestor, name, None)
                if isinstance(value, list) and any(c is child for c in value):
                    found[id(ancestor)] = name
                    break
    return found


def _lifespan_names(ctx: Context) -> set[str]:
    return ctx.memo("xfa6_lifespan_names", set)


def _decorated_handlers(ctx: Context) -> dict[int, list[ast.expr]]:
    return ctx.memo("xfa6_decorated_handlers", dict)


_AUTH_HEADER = "authorization"


def _auth_key(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, bytes):
            try:
                value = value.decode("latin-1")
            except Exception:  # pragma: no cover
                return None
        if isinstance(value, str):
            return value.lower()
    return None


def _auth_read(container: ast.expr, key: ast.AST | None) -> str | None:
    name = container.attr if isinstance(container, ast.Attribute) else container.id if isinstance(container, ast.Name) else None
    if name not in ("headers", "cookies"):
        return None
    value = _auth_key(key)
    if value is None:
        return None
    if name == "headers" and value == _AUTH_HEADER:
        return "the Authorization header"
    if name == "cookies" and ("token" in value or "session" in value or value in ("jwt", "auth")):
        return f"the {value!r} cookie"
    return None


def _in_middleware(ctx: Context) -> bool:
    frame = ctx.function
    if frame is None:
        return False
    kind, _ = _middleware_kind(ctx, frame)
    return kind is not None


def middleware_list(ctx: Context, value: ast.expr) -> list[ast.expr] | None:
    """The entries of ``middleware=`` given as a list, or as a name bound to one here."""
    if isinstance(value, (ast.List, ast.Tuple)):
        return list(value.elts)
    if isinstance(value, ast.Name):
        for frame in reversed(ctx.frames):
            scope = frame.states.get(AppScope)
            if scope is not None and value.id in scope.middleware_lists:
                return scope.middleware_lists[value.id]
    return None


def cors_in_list(ctx: Context, items: list[ast.expr]) -> ast.Call | None:
    """The ``Middleware(CORSMiddleware, ...)`` of a middleware list."""
    for item in items:
        if isinstance(item, ast.Call) and item.args and _is_middleware_wrapper(ctx, item) and _is_cors(ctx, item.args[0]):
            return item
    return None


@APP_SETUP_CALLS.on(*_APP_FACTORY_TAILS, rules=())
def _lifespan_argument(node: ast.Call, func: ast.expr, ctx: Context) -> None:
    """``FastAPI(lifespan=name)``: ``name`` is a lifespan (:func:`_lifespan_names`)."""
    if _is_app_factory(ctx, node):
        for kw in node.keywords:
            if kw.arg == "lifespan" and isinstance(kw.value, ast.Name):
                _lifespan_names(ctx).add(kw.value.id)
