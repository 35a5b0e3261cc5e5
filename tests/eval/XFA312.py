# path: app/routes/items.py
from typing import Annotated

from fastapi import APIRouter, Body
from pydantic import BaseModel

from app.models import Item
from app.schemas import ItemPatch

router = APIRouter()


class ItemUpdate(BaseModel):
    name: str | None = None


@router.patch("/items/{item_id}", status_code=200)
async def patch_item(item_id: int, payload: ItemUpdate) -> None:
    data = payload.model_dump()  # error: XFA312:12
    legacy = payload.dict()  # error: XFA312:14
    row = Item(**payload.model_dump())  # error: XFA312:18 "payload.model_dump"
    other = payload.model_dump(exclude_unset=False)  # error: XFA312:13
    await db.execute(update(Item).where(Item.id == item_id).values(**data))
    stored.update(legacy)
    await repo.save_item(item_id, changes=other)


@router.patch("/other/{item_id}", status_code=200)
async def patch_other(item_id: int, payload: ItemPatch) -> None:
    data = payload.model_dump()  # error: XFA312:12
    data["updated_at"] = now()
    for field in data:
        setattr(row, field, data[field])


def update_item(item: Item, changes: ItemUpdate) -> Item:
    for key, value in changes.model_dump().items():  # error: XFA312:23
        setattr(item, key, value)
    return item


async def patch_profile(changes: Annotated[ItemUpdate, "doc"]) -> None:
    await save(changes.model_dump(by_alias=True))  # error: XFA312:16


@router.patch("/options/{item_id}", status_code=200)
async def patch_options(item_id: int, options: ItemPatch = Body(...)) -> None:
    data = options.model_dump()  # error: XFA312:12
    await items.update_one({"_id": item_id}, {"$set": data})


# near-misses
@router.patch("/ok/{item_id}", status_code=200)
async def patch_ok(item_id: int, payload: ItemUpdate, extra: dict, options: ItemPatch = Body(...)) -> None:
    data = payload.model_dump(exclude_unset=True)
    data2 = payload.model_dump(exclude_defaults=True)
    data3 = extra.dict()
    data4 = options.model_dump()  # silent: this function already applies a partial update
    params = {"exclude_unset": True}
    data5 = payload.model_dump(**params)


@router.put("/items/{item_id}", status_code=200)
async def update_whole_item(item_id: int, payload: ItemUpdate) -> None:
    data = payload.model_dump()  # PUT replaces the whole resource


def create_item(payload: ItemUpdate) -> Item:
    return Item(**payload.model_dump())


def update_cache(cache: dict, key: str) -> None:
    cache.dict()


@router.post("/items", status_code=201)
async def create(payload: ItemUpdate) -> None:
    data = payload.model_dump()


def update(*, item: ItemUpdate, item_in: ItemUpdate) -> ItemUpdate:
    existing = item.dict()  # the stored row: the partial update below is right
    changes = item_in.dict(exclude_unset=True)
    for field in existing:
        if field in changes:
            setattr(item, field, changes[field])
    return item
