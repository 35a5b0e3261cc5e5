# path: app/schemas/items.py
from typing import Annotated, Optional

from fastapi import APIRouter, Body, Query
from pydantic import BaseModel, Field

router = APIRouter()


class ItemCreate(BaseModel):
    name: str = Field(max_length=50)
    price: float
    note: Optional[str] = ...
    size: int = Field(gt=0)
    alias: str | None = Field(...)
    code: str = Field()


@router.get("/items/")
async def search(
    q: Annotated[str, Query(min_length=3)],
    body: Annotated[dict, Body()],
) -> None: ...
