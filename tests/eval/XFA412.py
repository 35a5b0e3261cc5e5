# path: app/routes/items.py
# select: XFA412
from typing import Annotated, Optional

from fastapi import APIRouter, Body, Depends
from pydantic import BaseModel, RootModel

router = APIRouter()


class Item(BaseModel):
    name: str


class ItemList(RootModel[list[Item]]):
    pass


class Tags(RootModel):
    root: list[str]


class MoreItems(ItemList):
    pass


@router.post("/items/bulk")
async def create_items(items: ItemList) -> list[Item]:  # error: XFA412:31 "create_items"
    return items.root


@router.get("/tags", response_model=Tags)  # error: XFA412:37
async def tags() -> dict: ...


@router.get("/more")
async def more() -> MoreItems: ...  # error: XFA412:21


@router.put("/tags")
async def put_tags(tags: Annotated[Optional[Tags], Body()] = None) -> None: ...  # error: XFA412:26


@router.post("/inline")
async def inline(values: RootModel[list[int]]) -> None: ...  # error: XFA412:26


# -- not flagged


def get_tags() -> Tags:
    return Tags(["a"])


@router.get("/dep")
async def by_dependency(tags: Annotated[Tags, Depends(get_tags)]) -> list[str]:
    return tags.root


@router.get("/nested")
async def nested() -> list[Tags]: ...


@router.get("/model", response_model=Item)
async def declared_elsewhere() -> Tags: ...


def parse(raw: str) -> ItemList:
    return ItemList.model_validate_json(raw)
