# path: app/routes/items.py
# select: XFA303
from typing import List, Optional, Sequence

from fastapi import APIRouter
from pydantic import BaseModel

router = APIRouter()


class ItemRead(BaseModel):
    id: int


class ItemPage(BaseModel):
    items: list[ItemRead]
    total: int


@router.get("/a", response_model=list[ItemRead])  # error: XFA303:34 "list[ItemRead]"
async def a():
    return []


@router.get("/b", response_model=List[ItemRead])  # error: XFA303:34
async def b():
    return []


@router.get("/c")
async def c() -> list[ItemRead]:  # error: XFA303:18
    return []


@router.get("/d")
async def d() -> Sequence[str]:  # error: XFA303:18
    return []


@router.get("/e")
async def e() -> Optional[List[ItemRead]]:  # error: XFA303:18
    return []


# near-misses
@router.get("/page", response_model=ItemPage)
async def page() -> ItemPage:
    return ItemPage(items=[], total=0)


@router.get("/model-wins", response_model=ItemPage)
async def model_wins() -> list[ItemRead]:
    return []


@router.websocket("/ws")
async def ws(websocket) -> list[int]:
    return []


def not_a_route() -> list[int]:
    return []
