"""The calls that build the app (its factories, ``on_event``, middleware, exception
handlers, ``uvicorn.run``), handed to the checks the lifecycle rules plug into
``APP_SETUP_CALLS``; and ``app.middleware("http")(...)``, which wraps the middleware added
before it (the CORS order check)."""

from __future__ import annotations

import ast

from ...context import Context, dotted_name
from ...registry import visitor
from ._shared import (
    APP_SETUP_CALLS,
    _function_never_answers,
    _is_app,
    _is_cors_handler,
    _never_answers,
    _str,
)
from .cors import _wraps_cors


@visitor(ast.Call, codes=(APP_SETUP_CALLS,))
def app_setup_calls(node: ast.Call, ctx: Context) -> None:
    func = node.func
    cls = func.__class__
    if cls is ast.Attribute:
        tail = func.attr  # type: ignore[attr-defined]
        if tail not in APP_SETUP_CALLS:
            return
    elif cls is ast.Name:
        tail = func.id  # type: ignore[attr-defined]
        if tail not in APP_SETUP_CALLS:
            # aliased imports of the classes we look at
            qualname = ctx.imports.get(tail)
            if qualname is None:
                return
            tail = qualname.rsplit(".", 1)[-1]
            if tail not in APP_SETUP_CALLS:
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
    for check in APP_SETUP_CALLS.get(tail):
        check(node, func, ctx)


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
