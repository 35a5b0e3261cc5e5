"""XFA615: ``app.state.<x> = ...`` in a lifespan where yielding a state dict does the job
(FastAPI's lifespan-state guidance)."""

from __future__ import annotations

import ast

from ..context import SCOPE_TYPES, Context
from ..registry import rule, visitor

_APP_TYPES = frozenset(
    {"fastapi.FastAPI", "fastapi.applications.FastAPI", "starlette.applications.Starlette"}
)
_ASYNC_CM = frozenset({"contextlib.asynccontextmanager"})

XFA615 = rule(
    "XFA615",
    "app-state-in-lifespan",
    default=False,
    seeds=(),
    message="lifespan {name}() stores {attr} on app.state",
    fix_hint='yield {{"{attr}": ...}} from the lifespan instead and read it as request.state.{attr}',
    what="""
        In a lifespan function — one passed as `lifespan=` in this file, or an
        `@asynccontextmanager` whose first parameter is annotated `FastAPI` — reports each
        `app.state.<x> = ...` made before the `yield`, when the lifespan yields no state
        dict.
    """,
    why="""
        FastAPI's lifespan-state guidance: a lifespan can `yield {"client": client}`, and
        each request sees a shallow copy of that dict as `request.state.client`. The state
        is then scoped to the lifespan that created it (tests that enter the lifespan get
        their own), typed where it is read through a request dependency, and no code
        outside the lifespan can reassign it on the shared application object.
    """,
    bad="""
        from contextlib import asynccontextmanager

        import httpx
        from fastapi import FastAPI


        @asynccontextmanager
        async def lifespan(app: FastAPI):
            app.state.client = httpx.AsyncClient()
            yield
            await app.state.client.aclose()


        app = FastAPI(lifespan=lifespan)
    """,
    good="""
        from contextlib import asynccontextmanager

        import httpx
        from fastapi import FastAPI


        @asynccontextmanager
        async def lifespan(app: FastAPI):
            async with httpx.AsyncClient() as client:
                yield {"client": client}


        app = FastAPI(lifespan=lifespan)
    """,
    not_flagged=(
        "Lifespans that yield a state dict (or any value): they already use lifespan state.",
        "`app.state` assignments outside lifespan functions (a factory, a startup script).",
        "Assignments after the `yield` (teardown).",
    ),
    config="Off by default: enable it with `extend-select = XFA615`.",
)


def _lifespan_names(ctx: Context) -> frozenset[str]:
    """Names passed as ``lifespan=`` anywhere in the file."""

    def compute() -> frozenset[str]:
        return frozenset(
            kw.value.id
            for node in ast.walk(ctx.tree)
            if isinstance(node, ast.Call)
            for kw in node.keywords
            if kw.arg == "lifespan" and isinstance(kw.value, ast.Name)
        )

    return ctx.memo("xfa615_lifespans", compute)


def _is_lifespan(fn: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> bool:
    if fn.name in _lifespan_names(ctx):
        return True
    if not any(ctx.resolve(d) in _ASYNC_CM for d in fn.decorator_list):
        return False
    params = [*fn.args.posonlyargs, *fn.args.args]
    if not params or params[0].annotation is None:
        return False
    base, _ = ctx.unwrap_annotation(params[0].annotation)
    return base is not None and ctx.resolve(base) in _APP_TYPES


def _own_nodes(fn: ast.AST):
    """The nodes of ``fn``'s body, nested functions, lambdas and classes left out."""
    stack = list(reversed(getattr(fn, "body", [])))
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, SCOPE_TYPES):
            continue
        stack.extend(reversed(list(ast.iter_child_nodes(node))))


@visitor(ast.FunctionDef, ast.AsyncFunctionDef, codes=(XFA615,))
def app_state_in_lifespan(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    params = [*node.args.posonlyargs, *node.args.args]
    if not params or ctx.is_test or not _is_lifespan(node, ctx):
        return
    app = params[0].arg
    first_yield: tuple[int, int] | None = None
    stores: list[tuple[ast.Attribute, str]] = []
    for child in _own_nodes(node):
        if isinstance(child, (ast.Yield, ast.YieldFrom)):
            if isinstance(child, ast.YieldFrom) or (
                child.value is not None and not (isinstance(child.value, ast.Constant) and child.value.value is None)
            ):
                return  # the lifespan yields something: state, or a value we cannot judge
            at = (child.lineno, child.col_offset)
            first_yield = at if first_yield is None or at < first_yield else first_yield
        elif isinstance(child, (ast.Assign, ast.AnnAssign)):
            targets = child.targets if isinstance(child, ast.Assign) else [child.target]
            for target in targets:
                if (
                    isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Attribute)
                    and target.value.attr == "state"
                    and isinstance(target.value.value, ast.Name)
                    and target.value.value.id == app
                ):
                    stores.append((target, target.attr))
    if first_yield is None:
        return
    for target, attr in stores:
        if (target.lineno, target.col_offset) < first_yield:
            ctx.report(target, XFA615, name=node.name, attr=attr)

