# path: app/routes/items.py
# select: XFA318
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi_limiter.depends import RateLimiter

from app.limits import limiter

router = APIRouter()


@router.post("/a")  # error: XFA318:2
async def a() -> None: ...


@router.delete("/b/{x}")  # error: XFA318:2
async def b(x: int) -> None: ...


@router.api_route("/c", methods=["GET", "PUT"])  # error: XFA318:2 "PUT"
async def c() -> None: ...


# near-misses
@router.post("/d")
@limiter.limit("5/minute")
async def d() -> None: ...


@router.patch("/e", dependencies=[Depends(RateLimiter(times=2, seconds=5))])
async def e() -> None: ...


@router.get("/f")
async def f() -> None: ...


@router.websocket("/ws")
async def ws(websocket: object) -> None: ...


@router.put("/g")
async def g(_: Annotated[None, Depends(rate_limiter_dependency)], limit: int = 10) -> None: ...


@router.put("/h")  # error: XFA318:2
async def h(limit: int = 10, db: Annotated[object, Depends(get_db)] = None) -> None: ...
