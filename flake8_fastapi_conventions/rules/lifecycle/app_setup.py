"""The calls that build the app (its factories, ``on_event``, middleware, exception
handlers, ``uvicorn.run``), handed to the XFA601, XFA603, XFA605-XFA608, XFA612, XFA613 and
XFA614 checks."""

from __future__ import annotations

import ast

from ...context import Context, dotted_name
from ...registry import visitor
from ._shared import (
    _APP_FACTORY_TAILS,
    _function_never_answers,
    _in_dev_branch,
    _in_examples,
    _main_block_runner,
    _is_app,
    _is_app_factory,
    _is_base_http,
    _is_cors,
    _is_cors_handler,
    _is_middleware_wrapper,
    _is_true,
    _kw,
    _never_answers,
    _str,
)
from .base_http_middleware import XFA603
from .cors import (
    _add_middleware,
    _app_factory,
    _cors_options,
    _wraps_cors,
    XFA605,
    XFA606,
    XFA607,
    XFA608,
)
from .exception_handlers import _http_exception, _register_handler, XFA613, XFA614
from .lifespan_errors import XFA602
from .on_event import _implements, in_fastapi_version_branch, on_event_fixable, XFA601
from .uvicorn_reload import _in_dev_command, _started_by_command, XFA612


_CALL_TAILS = frozenset(
    {
        "on_event", "add_event_handler", "FastAPI", "APIRouter", "Starlette", "Router",
        "add_middleware", "Middleware", "CORSMiddleware", "HTTPException", "run",
        "add_exception_handler",
    }
)


@visitor(ast.Call, codes=(XFA601, XFA602, XFA603, XFA605, XFA606, XFA607, XFA608, XFA612, XFA613, XFA614))
def app_setup_calls(node: ast.Call, ctx: Context) -> None:
    func = node.func
    cls = func.__class__
    if cls is ast.Attribute:
        tail = func.attr  # type: ignore[attr-defined]
        if tail not in _CALL_TAILS:
            return
    elif cls is ast.Name:
        tail = func.id  # type: ignore[attr-defined]
        if tail not in _CALL_TAILS:
            # aliased imports of the classes we look at
            qualname = ctx.imports.get(tail)
            if qualname is None:
                return
            tail = qualname.rsplit(".", 1)[-1]
            if tail not in _CALL_TAILS:
                return
    elif cls is ast.Call:
        # ``app.middleware("http")(SetAuthCookie())``: a middleware added by a call
        if not ctx.is_test and node.args and _is_http_middleware_call(ctx, func):  # type: ignore[arg-type]
            _added_http_middleware(node, func.func.value, node.args[0], ctx)  # type: ignore[attr-defined]
        return
    else:
        return
    if ctx.is_test:
        return
    if tail == "on_event" or tail == "add_event_handler":
        if (
            isinstance(func, ast.Attribute)
            and _is_app(ctx, func.value)
            and not _implements(ctx, tail)
            and not in_fastapi_version_branch(ctx)
        ):
            form = f"{dotted_name(func.value) or 'app'}.{tail}()"
            ctx.report(node, XFA601, form=form, fixable=on_event_fixable(ctx, node))
    elif tail in _APP_FACTORY_TAILS:
        if _is_app_factory(ctx, node):
            _app_factory(node, ctx)
    elif tail == "add_middleware":
        if isinstance(func, ast.Attribute) and node.args and _is_app(ctx, func.value):
            _add_middleware(node, func.value, ctx)
    elif tail == "Middleware":
        if node.args and _is_middleware_wrapper(ctx, node):
            cls = node.args[0]
            if _is_cors(ctx, cls):
                _cors_options(node, ctx)
            elif _is_base_http(ctx, cls):
                ctx.report(node, XFA603, form="Middleware(BaseHTTPMiddleware, ...)")
    elif tail == "CORSMiddleware":
        if _is_cors(ctx, func) and node.args:  # CORSMiddleware(app, ...)
            _cors_options(node, ctx)
    elif tail == "HTTPException":
        _http_exception(node, ctx)
    elif tail == "run":
        if ctx.resolve(func) == "uvicorn.run" and ctx.imported_from(func, "uvicorn"):
            if (
                not (ctx.is_test or ctx.is_script)
                and _is_true(_kw(node, "reload"))
                and not _in_dev_command(ctx)
                and not _in_dev_branch(ctx)
                and not (ctx.in_main_block and _started_by_command(ctx))
                and not (_in_examples(ctx) and _main_block_runner(ctx))
            ):
                ctx.report(node, XFA612)
    elif tail == "add_exception_handler":
        if isinstance(func, ast.Attribute) and len(node.args) >= 2 and _is_app(ctx, func.value):
            handler = node.args[1]
            if isinstance(handler, ast.Name):
                _register_handler(ctx, handler.id, node.args[0])


def _is_http_middleware_call(ctx: Context, func: ast.Call) -> bool:
    """``func`` is ``app.middleware("http")`` on an app."""
    inner = func.func
    return (
        isinstance(inner, ast.Attribute)
        and inner.attr == "middleware"
        and len(func.args) == 1
        and _str(func.args[0]) == "http"
        and _is_app(ctx, inner.value)
    )


def _added_http_middleware(node: ast.Call, receiver: ast.expr, added: ast.expr, ctx: Context) -> None:
    """``app.middleware("http")(added)``: it wraps every middleware added before it."""
    if isinstance(added, ast.Call):  # an instance: ``SetAuthCookieMiddleware()``
        target = added.func
        passes = _never_answers(ctx, target)
    else:
        target = added
        passes = _function_never_answers(ctx, target) or _never_answers(ctx, target)
    if passes or _is_cors_handler(ctx, target):
        return
    name = dotted_name(target) or "another middleware"
    why = f"{dotted_name(receiver) or 'app'}.middleware('http')({name}) is added later"
    _wraps_cors(
        receiver,
        name,
        ctx,
        list_why=f"{why}, and it wraps the middleware=[...] list",
        stack_why=f"{why}, and the middleware added last is the outermost",
    )
