"""XFA405: ``raise HTTPException`` in a pydantic validator."""

from __future__ import annotations

import ast

from ...context import Context
from ...registry import rule, visitor
from ._shared import NOT_FLAGGED_GENERATED


_VALIDATOR_DECORATORS = frozenset(
    {
        "pydantic.field_validator", "pydantic.model_validator", "pydantic.validator",
        "pydantic.root_validator", "pydantic.functional_validators.field_validator",
        "pydantic.functional_validators.model_validator", "pydantic.v1.validator",
        "pydantic.v1.root_validator", "pydantic.class_validators.validator",
        "pydantic.class_validators.root_validator",
    }
)


_HTTP_EXCEPTIONS = frozenset(
    {"fastapi.HTTPException", "fastapi.exceptions.HTTPException", "starlette.exceptions.HTTPException"}
)


XFA405 = rule(
    "XFA405",
    "http-exception-in-validator",
    default=True,
    seeds=("004",),
    message="HTTPException raised inside Pydantic validator {name}()",
    fix_hint="raise ValueError (FastAPI turns it into a 422)",
    what="""
        Reports `raise HTTPException(...)` (from `fastapi` or `starlette`) in the body of a method
        decorated `@field_validator`, `@model_validator`, `@validator` or `@root_validator`.
    """,
    why="""
        Seed 004: "Raising HTTPException inside Pydantic @field_validator — this returns a 500
        instead of 422. Raise ValueError or use Pydantic's built-in constraints instead." Pydantic
        only turns `ValueError`/`AssertionError` into validation errors; anything else escapes the
        validation machinery (e.g. when validating a response or a settings object).
    """,
    bad="""
        from fastapi import HTTPException
        from pydantic import BaseModel, field_validator


        class Transfer(BaseModel):
            amount_cents: int

            @field_validator("amount_cents")
            @classmethod
            def positive(cls, value: int) -> int:
                if value <= 0:
                    raise HTTPException(status_code=400, detail="amount must be positive")
                return value
    """,
    good="""
        from pydantic import BaseModel, field_validator


        class Transfer(BaseModel):
            amount_cents: int

            @field_validator("amount_cents")
            @classmethod
            def positive(cls, value: int) -> int:
                if value <= 0:
                    raise ValueError("amount must be positive")
                return value
    """,
    not_flagged=(
        "`HTTPException` raised in a nested function, or in an ordinary method of the model.",
        NOT_FLAGGED_GENERATED,
    ),
)


# -- XFA405: HTTPException in validators ----------------------------------------


@visitor(ast.Raise, codes=(XFA405,))
def raise_in_validator(node: ast.Raise, ctx: Context) -> None:
    exc = node.exc
    if exc is None:
        return
    target = exc.func if isinstance(exc, ast.Call) else exc
    if not isinstance(target, (ast.Name, ast.Attribute)):
        return
    if isinstance(target, ast.Name):
        if target.id in ctx.classes:  # the project's own class of that name
            return
        last = ctx.imports.get(target.id, target.id)
    else:
        last = target.attr
    if not last.endswith("HTTPException"):
        return
    if ctx.resolve(target) not in _HTTP_EXCEPTIONS or not ctx.imported_from(target, "fastapi", "starlette"):
        return
    frame = ctx.frame
    if frame.kind != "function":
        return
    fn = frame.node
    for decorator in fn.decorator_list:  # type: ignore[attr-defined]
        dtarget = decorator.func if isinstance(decorator, ast.Call) else decorator
        if ctx.resolve(dtarget) in _VALIDATOR_DECORATORS:
            ctx.report(node, XFA405, name=fn.name)  # type: ignore[attr-defined]
            return
