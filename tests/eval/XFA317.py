# path: app/routes/items.py
# select: XFA317
from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter()


@router.get("/a")  # error: XFA317:2
async def a() -> None: ...


@router.get("/b", summary="B")  # error: XFA317:2
async def b() -> None: ...


@router.post("/c", responses={404: {"description": "x"}})  # error: XFA317:2
async def c() -> None: ...


# near-misses
@router.get("/d", summary="D", responses={404: {"description": "x"}})
async def d() -> None: ...


@router.get("/page", response_class=HTMLResponse)
async def page() -> str: ...


@router.websocket("/ws")
async def ws(websocket: object) -> None: ...


@router.get("/hidden", include_in_schema=False)
async def hidden() -> None: ...
