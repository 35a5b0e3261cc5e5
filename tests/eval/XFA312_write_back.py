# path: app/routes/items.py
import logging
from typing import Optional

from fastapi import APIRouter, HTTPException
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import update

from app.models import Item
from app.schemas import ItemPatch

router = APIRouter()
log = logging.getLogger(__name__)


class ItemBase(BaseModel):
    name: str | None = None


class ItemUpdate(ItemBase):
    """Every default is None: exclude_none drops every field the client did not send."""

    quantity: Optional[int] = Field(None, ge=0)
    note: Optional[str]  # pydantic v1 gives it a None default


class ItemSettings(BaseModel):
    """Defaults that are not None: exclude_none keeps them."""

    name: str | None = None
    quantity: int = 0
    tags: list[str] = Field(default_factory=list)


class ItemReplace(BaseModel):
    """No defaulted field: the client sends every field, exclude_unset changes nothing."""

    name: str
    quantity: int = Field(..., ge=0)


# flagged: the dump is written back
@router.patch("/items/{item_id}", status_code=200)
async def patch_item(item_id: int, payload: ItemUpdate) -> None:
    for key, value in payload.model_dump().items():  # error: XFA312:23
        setattr(row, key, value)


@router.patch("/settings/{item_id}", status_code=200)
async def patch_settings(item_id: int, payload: ItemSettings) -> None:
    values = payload.model_dump(exclude_none=True)  # error: XFA312:14
    await db.execute(update(Item).where(Item.id == item_id).values(**values))


@router.patch("/settings2/{item_id}", status_code=200)
async def patch_settings2(item_id: int, payload: ItemSettings) -> None:
    changes = {k: v for k, v in payload.dict().items() if v is not None}  # error: XFA312:33
    row.update(**changes)


@router.patch("/copies/{item_id}", status_code=200)
async def patch_copy(item_id: int, payload: ItemPatch) -> ItemPatch:
    return stored.model_copy(update=payload.model_dump())  # error: XFA312:37


@router.patch("/rebuild/{item_id}", status_code=200)
async def patch_rebuild(item_id: int, payload: ItemPatch) -> None:
    merged = {**stored.model_dump(), **payload.model_dump()}  # error: XFA312:40 "payload.model_dump"
    await session.merge(Item.model_validate(merged))


def update_settings(item: Item, changes: ItemSettings) -> Item:
    for key, value in changes.model_dump().items():  # error: XFA312:23
        if value is not None:  # still keeps quantity=0 and tags=[]
            setattr(item, key, value)
    return item


# near-misses: exclude_none when every default is None
@router.patch("/ok/{item_id}", status_code=200)
async def patch_ok(item_id: int, payload: ItemUpdate) -> None:
    for key, value in payload.model_dump(exclude_none=True).items():
        setattr(row, key, value)


@router.patch("/ok2/{item_id}", status_code=200)
async def patch_ok2(item_id: int, payload: ItemUpdate) -> None:
    for key, value in payload.model_dump().items():
        if value is not None:
            setattr(row, key, value)
    row.update(**{k: v for k, v in payload.dict().items() if v is not None})


@router.patch("/ok3/{item_id}", status_code=200)
async def patch_ok3(item_id: int, payload: ItemPatch) -> None:
    data = payload.model_dump(exclude_none=True)  # the defaults of ItemPatch are not visible here
    stored.update(data)


# near-misses: no defaulted field
@router.patch("/ok4/{item_id}", status_code=200)
async def patch_ok4(item_id: int, payload: ItemReplace) -> None:
    for key, value in payload.model_dump().items():
        setattr(row, key, value)


# near-misses: the dump is not written back
@router.patch("/ok5/{item_id}", status_code=200)
async def patch_ok5(item_id: int, payload: ItemSettings) -> ItemSettings:
    if await locked(item_id):
        raise HTTPException(status_code=409, detail={"rejected": payload.model_dump()})
    log.info("patching %s with %s", item_id, payload.model_dump())
    snapshot = payload.model_dump()
    await audit(item_id, snapshot)
    if await dry_run():
        return JSONResponse(content=payload.model_dump())
    return ItemSettings(**payload.model_dump())


def update_preview(changes: ItemSettings) -> dict:
    return changes.model_dump()
