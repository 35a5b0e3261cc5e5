# path: app/routes/items.py
# select: XFA318
from fastapi import APIRouter, Depends
from fastapi_limiter.depends import RateLimiter

from app.limits import limiter

router = APIRouter()


@router.post("/a")  # error: XFA318:2
async def a() -> None: ...


@router.delete("/b/{x}")  # error: XFA318:2
async def b(x: int) -> None: ...


@router.api_route("/c", methods=["GET", "PUT"])  # error: XFA318:2
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
