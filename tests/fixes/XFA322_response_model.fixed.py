# path: app/routes/items.py
from fastapi import APIRouter

router = APIRouter()


@router.get("/items/{item_id}")
async def read_item(item_id: int) -> ItemRead: ...


@router.get(
    "/items",
    status_code=200,
)
async def list_items() -> list[ItemRead]: ...


@router.post(path="/items")
async def create_item() -> ItemRead: ...


@router.put("/items", response_model=ItemOut)
async def replace_item() -> ItemRead: ...
