"""The assignments that name an app (``app = FastAPI(...)`` in a function) or a list of
``Middleware(...)``, kept for the middleware checks (XFA605) of the calls that follow."""

from __future__ import annotations

import ast

from ...context import Context, dotted_name, last_name
from ...registry import visitor
from ._shared import _APP_FACTORY_TAILS, _branches, _is_app_factory, _is_middleware_wrapper, _kw
from .auth_in_middleware import XFA609
from .base_http_middleware import XFA603
from .call_next import XFA604
from .cors import _cors_in_list, _middleware_list, XFA605, XFA606, XFA607, XFA608
from .exception_handlers import XFA613
from .lifespan_errors import XFA602
from .on_event import XFA601


@visitor(ast.Assign, ast.AnnAssign, codes=tuple(r for r in (XFA601, XFA602, XFA603, XFA604, XFA605, XFA606, XFA607, XFA608, XFA609, XFA613)))
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
    if isinstance(value, ast.Call):
        if _is_app_factory(ctx, value):
            for target in targets:
                if isinstance(target, ast.Name) and ctx.frame.kind == "function":
                    ctx.frame.data.setdefault("xfa6_apps", set()).add(target.id)
            items = None
            mw = _kw(value, "middleware")
            if mw is not None:
                items = _middleware_list(ctx, mw)
            cors = _cors_in_list(ctx, items) if items else None
            if cors is not None:
                for target in targets:
                    key = dotted_name(target)
                    if key:
                        stacks = ctx.frame.data.setdefault("xfa6_stacks", {})
                        stacks[key] = [
                            {"node": cors, "branches": _branches(ctx), "reported": False, "from_list": True}
                        ]
    elif isinstance(value, (ast.List, ast.Tuple)) and value.elts:
        if any(isinstance(e, ast.Call) and _is_middleware_wrapper(ctx, e) for e in value.elts):
            for target in targets:
                if isinstance(target, ast.Name):
                    ctx.frame.data.setdefault("xfa6_mw_lists", {})[target.id] = list(value.elts)
