"""XFA405: ``raise HTTPException`` in a pydantic validator."""

from __future__ import annotations

import ast

from ...context import Context, keyword
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
        validation machinery: the client gets no located validation error, and the model cannot
        be validated outside a request (a worker, a settings object) without an HTTP exception
        that nothing there handles.
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
        "An `HTTPException` whose status is not a validation status (anything but 400 and 422: "
        "a 404 for a referenced record that does not exist, 401/403, 409): FastAPI hands it to "
        "its exception handler, the client gets that status, and a `ValueError` would turn it "
        "into a 422. A status that is not a literal or a `status.HTTP_...`/`HTTPStatus` constant "
        "is still reported.",
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
    if _not_a_validation_status(exc, ctx):
        return
    fn = frame.node
    for decorator in fn.decorator_list:  # type: ignore[attr-defined]
        dtarget = decorator.func if isinstance(decorator, ast.Call) else decorator
        if ctx.resolve(dtarget) in _VALIDATOR_DECORATORS:
            ctx.report(node, XFA405, name=fn.name)  # type: ignore[attr-defined]
            return


_VALIDATION_STATUSES = frozenset({400, 422})


def _not_a_validation_status(exc: ast.expr, ctx: Context) -> bool:
    """``HTTPException(status_code=404, ...)``: a status that is not a validation failure
    (a record that does not exist, a permission): FastAPI answers with it (the exception
    escapes Pydantic to FastAPI's handler), and ``ValueError`` would make it a 422."""
    if not isinstance(exc, ast.Call):
        return False
    from ..http_contract._shared import status_value  # lazily: the groups' declaration order stays as it is

    kw = keyword(exc, "status_code")
    node = kw.value if kw is not None else exc.args[0] if exc.args and not isinstance(exc.args[0], ast.Starred) else None
    code = status_value(ctx, node)
    return code is not None and code not in _VALIDATION_STATUSES
