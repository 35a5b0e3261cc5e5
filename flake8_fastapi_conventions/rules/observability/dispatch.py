"""The logger-call visitor the observability rules share: each call of a known logger's
method, handed to the checks the rule modules plug into ``LOG_CALLS`` (:mod:`.loggers`)."""

from __future__ import annotations

import ast

from ...context import Context
from ...registry import visitor
from .loggers import LOG_CALLS, LOG_METHODS, log_call, message_arg


@visitor(ast.Call, codes=(LOG_CALLS,))
def logger_calls(node: ast.Call, ctx: Context) -> None:
    func = node.func
    if not isinstance(func, ast.Attribute) or func.attr not in LOG_METHODS:
        return
    found = log_call(node, ctx)
    if found is None:
        return
    method, kind = found
    msg = message_arg(node, method)
    for check in LOG_CALLS.get("call"):
        check(node, method, kind, msg, ctx)
