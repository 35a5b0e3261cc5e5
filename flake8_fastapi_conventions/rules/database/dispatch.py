"""The visitors the database rules share: a function's bindings, and one pass over every
call that hands it to the checks plugged in by method or callee name (the hooks of
:mod:`._shared`). Each rule's check lives in the rule's module."""

from __future__ import annotations

import ast

from ...context import Context
from ...registry import visitor
from ._shared import (
    _ENGINES,
    _MAKERS,
    _SESSION_CLASSES,
    DATABASE_CALLEES,
    DATABASE_METHODS,
    SESSION_BINDINGS,
    SQLALCHEMY_CONSTRUCTORS,
    FunctionBindings,
    _sa_call,
)

_CONSTRUCTORS = _ENGINES | _MAKERS | _SESSION_CLASSES


@visitor(ast.Assign, ast.AnnAssign, codes=(SESSION_BINDINGS,))
def record_assignment(node: ast.Assign | ast.AnnAssign, ctx: Context) -> None:
    frame = ctx.frame
    if frame.kind != "function":
        return
    value = node.value
    if value is None:
        return
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    for target in targets:
        if isinstance(target, ast.Name):
            bindings = frame.state(FunctionBindings)
            bindings.bind[target.id] = ("assign", value)
            bindings.assigns.setdefault(target.id, []).append(value)
            for check in SESSION_BINDINGS.get("assign"):
                check(target.id, value, node, ctx)


@visitor(ast.With, ast.AsyncWith, codes=(SESSION_BINDINGS,))
def record_with(node: ast.With | ast.AsyncWith, ctx: Context) -> None:
    frame = ctx.frame
    if frame.kind != "function":
        return
    for item in node.items:
        target = item.optional_vars
        for check in SESSION_BINDINGS.get("with"):
            check(item, node, ctx)
        if isinstance(target, ast.Name):
            frame.state(FunctionBindings).bind[target.id] = ("with", item.context_expr)


@visitor(ast.Call, codes=(DATABASE_METHODS, DATABASE_CALLEES, SQLALCHEMY_CONSTRUCTORS))
def database_calls(node: ast.Call, ctx: Context) -> None:
    func = node.func
    if node.args:
        for check in DATABASE_CALLEES.get("(arguments)"):
            check(node, "(arguments)", ctx)
    if isinstance(func, ast.Attribute):
        name = func.attr
        for check in DATABASE_METHODS.get(name):
            check(node, name, func.value, ctx)
    elif isinstance(func, ast.Name):
        name = func.id
    else:
        return
    for check in DATABASE_CALLEES.get(name):
        check(node, name, ctx)
    if name in SQLALCHEMY_CONSTRUCTORS:
        tail = _sa_call(ctx, node, _CONSTRUCTORS)
        if tail is not None:
            for check in SQLALCHEMY_CONSTRUCTORS.get(tail):
                check(node, tail, ctx)
