# path: app/routes/items.py
from typing import Annotated, Optional

from annotated_types import Le
from fastapi import APIRouter, Body, Depends, Query
from pydantic import AfterValidator, Field, conint

router = APIRouter()
Limit = Annotated[int, Query(ge=1, le=100)]
LooseLimit = Annotated[int, Query(ge=1)]


@router.get("/a")
async def a(skip: int = 0, limit: int = 100) -> None: return load(skip, limit)  # error: XFA310:13 "skip", XFA310:28


@router.get("/b")
async def b(
    page: Optional[int] = 1,  # error: XFA310:5
    page_size: Annotated[int, Query(ge=1)] = 20,  # error: XFA310:5
    per_page: int = Query(20, ge=1),  # error: XFA310:5
    size: int | None = 20,  # error: XFA310:5
    offset: int = Query(0),  # error: XFA310:5
    limit: LooseLimit = 10,  # error: XFA310:5
) -> None:
    return load(page, page_size, per_page, size, offset, limit)


def pagination(skip: int = 0, limit: int = 50) -> dict:  # error: XFA310:16, XFA310:31
    return {"skip": skip, "limit": limit}


@router.get("/c")
async def c(p: Annotated[dict, Depends(pagination)]) -> None: ...


# near-misses: bounded
@router.get("/d")
async def d(
    skip: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    page: int = Query(1, ge=1),
    page_size: Limit = 10,
    per_page: Annotated[int, Field(le=100)] = 10,
    size: conint(ge=1, le=50) = 10,
    offset: Annotated[int, Le(1000)] = 0,
) -> None: ...


# near-misses: checked or clamped by the handler
@router.get("/e")
async def e(limit: int = 10, page_size: int = 10) -> None:
    limit = min(limit, 100)
    if page_size > 100:
        raise ValueError("too big")


# near-misses: not int query parameters
@router.get("/items/{page}")
async def f(
    page: int,
    limit: str = "10",
    size: Annotated[int, Body()] = 1,
    offset: Annotated[int, AfterValidator(clamp)] = 0,
    skip: float = 0,
    per_page=10,
) -> None: ...


def helper(limit: int = 10) -> None:  # not a route, not used with Depends here
    ...
