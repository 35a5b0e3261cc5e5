"""The assignments that name an app (``app = FastAPI(...)`` in a function) or a list of
``Middleware(...)``, kept (:class:`._shared.AppScope`) for the lifecycle rules that read them (``APP_BINDINGS.used_by``)."""

from __future__ import annotations

import ast

from ...context import Context, dotted_name, last_name
from ...registry import visitor
from ._shared import (
    _APP_FACTORY_TAILS,
    APP_BINDINGS,
    AppScope,
    CorsEntry,
    _branches,
    _is_app_factory,
    _is_middleware_wrapper,
    _kw,
    cors_in_list,
    middleware_list,
)


@visitor(ast.Assign, ast.AnnAssign, codes=(APP_BINDINGS,))
def app_and_middleware_assignments(node: ast.Assign | ast.AnnAssign, ctx: Context) -> None:
    value = node.value
    if value is None:
        return
    vcls = value.__class__
    if vcls is ast.Call:
        if last_name(value.func) not in _APP_FACTORY_TAILS:  # type: ignore[attr-defined]
            return
    elif vcls is ast.List or vcls is ast.Tuple:
        if not any(e.__class__ is ast.Call and last_name(e.func) == "Middleware" for e in value.elts):  # type: ignore[attr-defined]
            return
    else:
        return
    if ctx.is_test:
        return
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    scope = ctx.frame.state(AppScope)
    if isinstance(value, ast.Call):
        if _is_app_factory(ctx, value):
            for target in targets:
                if isinstance(target, ast.Name) and ctx.frame.kind == "function":
                    scope.apps.add(target.id)
            items = None
            mw = _kw(value, "middleware")
            if mw is not None:
                items = middleware_list(ctx, mw)
            cors = cors_in_list(ctx, items) if items else None
            if cors is not None:
                for target in targets:
                    key = dotted_name(target)
                    if key:
                        scope.cors[key] = [CorsEntry(cors, _branches(ctx), from_list=True)]
    elif isinstance(value, (ast.List, ast.Tuple)) and value.elts:
        if any(isinstance(e, ast.Call) and _is_middleware_wrapper(ctx, e) for e in value.elts):
            for target in targets:
                if isinstance(target, ast.Name):
                    scope.middleware_lists[target.id] = list(value.elts)
