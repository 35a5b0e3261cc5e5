from fastapi import APIRouter

from app.schemas import ItemPatch, ItemRename, ItemUpdate, ItemWithId

router = APIRouter()


@router.post("/items")
async def create_item(item: ItemWithId) -> ItemWithId:  # error: XFA311:23
    return item


@router.patch("/items/{item_id}")
async def update_item(item_id: int, payload: ItemUpdate, db) -> dict:
    row = await db.get(item_id)
    for key, value in payload.model_dump().items():  # error: XFA312:23
        setattr(row, key, value)
    return {"ok": True}


@router.patch("/items/{item_id}/name")
async def rename_item(item_id: int, payload: ItemRename, db) -> dict:
    # every field of ItemRename is required: the client sent them all
    row = await db.get(item_id)
    for key, value in payload.model_dump().items():
        setattr(row, key, value)
    return {"ok": True}


@router.patch("/items/{item_id}/sparse")
async def sparse_update(item_id: int, payload: ItemUpdate, db) -> dict:
    # price defaults to 0, not None: dropping None values still writes price=0
    row = await db.get(item_id)
    for key, value in payload.model_dump(exclude_none=True).items():  # error: XFA312:23
        setattr(row, key, value)
    return {"ok": True}


@router.patch("/items/{item_id}/patch")
async def patch_item(item_id: int, payload: ItemPatch, db) -> dict:
    # every default is None: dropping None values drops every field the client did not send
    row = await db.get(item_id)
    for key, value in payload.model_dump(exclude_none=True).items():
        setattr(row, key, value)
    return {"ok": True}
