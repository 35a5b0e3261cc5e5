# path: app/routes/items.py
from fastapi import APIRouter, Depends

from app.deps import get_db

router = APIRouter()


@router.get("/items/{item_id}")
async def read_item(item_id, q=None, db=Depends(get_db)) -> None: return db.get(item_id)  # error: XFA313:21 "item_id", XFA313:30, XFA313:38


@router.websocket("/ws")
async def ws(websocket) -> None:  # error: XFA313:14
    await websocket.accept()


class ItemViews:
    @router.get("/view")
    def view(self, *args, flag, **kwargs) -> None: ...  # error: XFA313:27


# near-misses
@router.get("/typed")
async def typed(item_id: int, *args: str, **kwargs: str) -> None: ...


def helper(x, y):
    return x + y
