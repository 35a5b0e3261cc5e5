"""The visitors the XFA3xx rules share: a route handler's decorators and signature, its
``return`` statements, every call (outside tests),
handed to the checks plugged in by method or callee name, and every function once its body
is walked (the hooks of :mod:`._shared`). Each rule's check lives in the rule's module."""

from __future__ import annotations

import ast

from ...context import Context
from ...registry import visitor
from ._shared import (
    FUNCTION_ENDS,
    HANDLER_CALLS,
    HANDLER_METHODS,
    HANDLER_RETURNS,
    ROUTE_HANDLERS,
    _all_args,
    _handler_frame,
    _route_kw_splat,
)

_DEPENDENCIES = ("Depends", "Security")


@visitor(ast.FunctionDef, ast.AsyncFunctionDef, codes=(ROUTE_HANDLERS,))
def route_declarations(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    if ctx.is_test or not node.decorator_list:
        return
    routes = ctx.routes_of(node)
    if not routes:
        return
    params = _all_args(node)
    for check in ROUTE_HANDLERS.get("handler"):
        check(node, routes, params, ctx)
    if routes[0].is_websocket:
        return
    for check in ROUTE_HANDLERS.get("http handler"):
        check(node, routes, params, ctx)
    for r in routes:
        if r.is_websocket:
            continue
        for check in ROUTE_HANDLERS.get("route"):
            check(node, r, ctx)
        if _route_kw_splat(r):
            continue
        for check in ROUTE_HANDLERS.get("route without **kwargs"):
            check(node, r, ctx)


@visitor(ast.Call, codes=(HANDLER_METHODS, HANDLER_CALLS))
def calls_in_handlers(node: ast.Call, ctx: Context) -> None:
    if ctx.is_test:
        return
    func = node.func
    if isinstance(func, ast.Attribute):
        name = func.attr
        for check in HANDLER_METHODS.get(name):
            check(node, name, ctx)
        for check in HANDLER_METHODS.get("(any)"):
            check(node, name, ctx)
    elif isinstance(func, ast.Name):
        name = func.id
    else:
        name = ""
    for check in HANDLER_CALLS.get(name):
        check(node, name, ctx)
    if name in _DEPENDENCIES:
        return
    for check in HANDLER_CALLS.get("(any)"):
        check(node, name, ctx)


@visitor(ast.FunctionDef, ast.AsyncFunctionDef, leave=True, codes=(FUNCTION_ENDS,))
def handler_bodies(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    if ctx.is_test:
        return
    frame = ctx.frames[-1]
    if frame.node is not node:
        return
    for check in FUNCTION_ENDS.get("function"):
        check(node, frame, ctx)
    if frame.route is None:
        return
    for check in FUNCTION_ENDS.get("route"):
        check(node, frame, ctx)


@visitor(ast.Return, codes=(HANDLER_RETURNS,))
def returned_responses(node: ast.Return, ctx: Context) -> None:
    if ctx.is_test or node.value is None:
        return
    frame = _handler_frame(ctx)
    if frame is None:
        return
    for check in HANDLER_RETURNS.get("return"):
        check(node.value, frame, ctx)
