# path: app/routes/items.py
# select: XFA322
from typing import Optional

from fastapi import APIRouter
from pydantic import BaseModel

router = APIRouter()


class ItemRead(BaseModel):
    id: int


class ItemOut(BaseModel):
    id: int


@router.get("/items/{item_id}", response_model=ItemRead)  # error: XFA322:33 "ItemRead"
async def same_name(item_id: int) -> ItemRead: ...


@router.get("/items", status_code=200, response_model=list[ItemRead])  # error: XFA322:40
async def same_generic() -> list[ItemRead]: ...


@router.get("/maybe", response_model=Optional[ItemRead])  # error: XFA322:23
def same_optional() -> "Optional[ItemRead]": ...


@router.put("/a", response_model=ItemOut)
@router.post("/b", response_model=ItemRead)  # error: XFA322:20
async def two_routes_one_differs() -> ItemRead: ...


# -- not flagged


@router.get("/other", response_model=ItemOut)
async def different(item_id: int) -> ItemRead: ...


@router.get("/none", response_model=None)
async def switched_off() -> None: ...


@router.get("/plain", response_model=ItemRead)
async def no_annotation(): ...


@router.get("/list", response_model=list[ItemRead])
async def list_vs_item() -> ItemRead: ...


def helper(response_model=ItemRead) -> ItemRead: ...
