# path: app/routes/variables.py
from fastapi import APIRouter
from pydantic import BaseModel

from app.models import Variable

router = APIRouter()
EDITABLE = {"value", "description", "is_secret"}


class VariableBody(BaseModel):
    value: str | None = None
    description: str | None = None
    is_secret: bool = False


# near-misses: only the fields the client sent reach the row
@router.patch("/variables/{key}")
async def patch_variable(key: str, body: VariableBody) -> None:
    row = await load(key)
    fields = body.model_fields_set & EDITABLE
    VariableBody.model_validate(body.model_dump(include=fields))  # validates only
    await save_variable(row, body.model_dump(include=fields))


@router.patch("/variables/{key}/meta")
async def patch_meta(key: str, body: VariableBody) -> None:
    row = await load(key)
    fields_to_update = {f for f in body.model_fields_set if f != "value"}
    for name, value in body.model_dump().items():
        if name in fields_to_update:
            setattr(row, name, value)


@router.patch("/variables/{key}/flags")
async def patch_flags(key: str, body: VariableBody) -> None:
    row = await load(key)
    for name, value in body.model_dump().items():
        if name not in body.model_fields_set:
            continue
        setattr(row, name, value)
    changes = {k: v for k, v in body.model_dump().items() if k in body.__fields_set__}
    await save_changes(row, changes)


# still flagged: a filter that is not the fields the client sent
@router.patch("/variables/{key}/all")
async def patch_all(key: str, body: VariableBody) -> None:
    row = await load(key)
    for name, value in body.model_dump().items():  # error: XFA312:24
        if name in EDITABLE:
            setattr(row, name, value)
    await save_variable(Variable(**body.model_dump(include=EDITABLE)))  # error: XFA312:36 "body.model_dump"
