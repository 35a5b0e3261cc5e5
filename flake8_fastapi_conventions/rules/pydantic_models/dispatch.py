"""The call visitor the Pydantic rules share: each call outside generated files, handed to
the checks the rule modules plug into ``MODEL_CALLS`` (:mod:`._shared`)."""

from __future__ import annotations

import ast

from ...context import Context
from ...registry import visitor
from ._shared import MODEL_CALLS, generated_file


@visitor(ast.Call, codes=(MODEL_CALLS,))
def model_calls(node: ast.Call, ctx: Context) -> None:
    if generated_file(ctx):
        return
    func = node.func
    if isinstance(func, ast.Attribute):
        checks = MODEL_CALLS.get(func.attr)
        if checks:
            for check in checks:
                check(node, func, ctx)
            return
    if node.keywords:
        for check in MODEL_CALLS.get("(keywords)"):
            check(node, func, ctx)
