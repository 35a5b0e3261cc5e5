"""The call visitor the layering rules share: each call, handed to the checks the rule
modules plug in by method name or by what the callee is (the hook of :mod:`._shared`)."""

from __future__ import annotations

import ast

from ...context import Context
from ...registry import visitor
from ._shared import LAYER_CALLS


@visitor(ast.Call, codes=(LAYER_CALLS,))
def calls_across_layers(node: ast.Call, ctx: Context) -> None:
    func = node.func
    if func.__class__ is ast.Attribute:
        attr = func.attr  # type: ignore[attr-defined]
        for check in LAYER_CALLS.get(attr):
            check(node, attr, ctx)
        for check in LAYER_CALLS.get("(attribute)"):
            check(node, attr, ctx)
    elif func.__class__ is ast.Name:
        name = func.id  # type: ignore[attr-defined]
        if name in ctx.imports:
            for check in LAYER_CALLS.get("(imported name)"):
                check(node, name, ctx)
        elif name in ctx.functions:
            for check in LAYER_CALLS.get("(function)"):
                check(node, name, ctx)
