"""XFA412: a Pydantic ``RootModel`` as a route's body or response (FastAPI's guidance)."""

from __future__ import annotations

import ast

from ..context import Context
from ..registry import rule, visitor

ROOT_MODELS = frozenset({"pydantic.RootModel", "pydantic.root_model.RootModel"})

XFA412 = rule(
    "XFA412",
    "root-model",
    default=False,
    seeds=(),
    message="route {name}() uses the RootModel {model} as its {role}",
    fix_hint="declare the plain type instead (e.g. Annotated[list[Item], ...]) and validate it elsewhere with a TypeAdapter",
    what="""
        Reports a class deriving `pydantic.RootModel` (directly, through classes of this file
        or of the project, or `RootModel[...]` written in place) used as a route's request
        body (a handler parameter's type) or response (`response_model=`, the return
        annotation).
    """,
    why="""
        FastAPI's guidance for bodies and responses that are not objects: declare the plain
        type — `list[Item]`, `dict[str, int]`, an `Annotated` type with its constraints —
        and FastAPI validates and documents it the same way, while the handler works with
        the value itself instead of unwrapping `.root` and wrapping results again. Where
        the same type must be validated outside a route, `TypeAdapter(list[Item])` does it
        without a model class.
    """,
    bad="""
        from fastapi import APIRouter
        from pydantic import BaseModel, RootModel

        from app.services.items import save_all

        router = APIRouter()


        class Item(BaseModel):
            name: str


        class ItemList(RootModel[list[Item]]):
            pass


        @router.post("/items/bulk", status_code=201)
        async def create_items(items: ItemList) -> None:
            await save_all(items.root)
    """,
    good="""
        from fastapi import APIRouter
        from pydantic import BaseModel

        from app.services.items import save_all

        router = APIRouter()


        class Item(BaseModel):
            name: str


        @router.post("/items/bulk", status_code=201)
        async def create_items(items: list[Item]) -> None:
            await save_all(items)
    """,
    not_flagged=(
        "A RootModel used outside routes (parsing a file, a message, a settings value).",
        "A RootModel nested inside another type of the route (`list[Tags]`) or a field of a "
        "model.",
    ),
    example_path="app/routes/items.py",
    config="Off by default: enable it with `extend-select = XFA412`.",
)


def _root_model(expr: ast.expr | None, ctx: Context) -> str | None:
    """The name of the RootModel class ``expr`` (an annotation) stands for, if it is one."""
    if expr is None:
        return None
    base, _ = ctx.unwrap_annotation(expr)
    if base is None:
        return None
    if isinstance(base, ast.Subscript) and ctx.resolve(base.value) in ROOT_MODELS:
        return ast.unparse(base)[:60]
    if not isinstance(base, (ast.Name, ast.Attribute)):
        return None
    if ctx.resolve(base) in ROOT_MODELS:
        return None  # the bare generic, no model of the project
    ancestors = ctx.class_ancestors(base)
    if ancestors and ancestors & ROOT_MODELS:
        return ast.unparse(base)
    return None


@visitor(ast.FunctionDef, ast.AsyncFunctionDef, codes=(XFA412,))
def root_model_route(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    routes = ctx.routes_of(node)
    if not routes or ctx.is_test:
        return
    args = node.args
    for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
        if arg.annotation is None or ctx.param_depends(node, arg.arg) is not None:
            continue
        model = _root_model(arg.annotation, ctx)
        if model is not None:
            ctx.report(arg.annotation, XFA412, name=node.name, model=model, role="request body")
    declared = False
    for route in routes:
        value = route.keyword("response_model")
        if value is not None:
            declared = True
            model = _root_model(value, ctx)
            if model is not None:
                ctx.report(value, XFA412, name=node.name, model=model, role="response model")
    if not declared and node.returns is not None:
        model = _root_model(node.returns, ctx)
        if model is not None:
            ctx.report(node.returns, XFA412, name=node.name, model=model, role="response model")
