# path: app/routes/items.py
# select: XFA302
from typing import Any, Dict

from fastapi import APIRouter
from pydantic import BaseModel

router = APIRouter()


class ItemRead(BaseModel):
    id: int


@router.get("/a")
async def a():
    return {"status": "ok"}  # error: XFA302:12


@router.get("/b")
async def b() -> dict:
    return dict(status="ok")  # error: XFA302:12


@router.get("/c")
async def c() -> dict[str, Any]:
    return {k: v for k, v in load()}  # error: XFA302:12


@router.get("/d", response_model=Dict[str, str])
async def d():
    if flag():
        return {}  # an empty dict carries no data: not reported itself
    return {"a": "b"}  # error: XFA302:12


@router.get("/e", response_model=None)
async def e() -> Any:
    return {**base(), "x": 1}  # error: XFA302:12


# near-misses
@router.get("/model")
async def model() -> ItemRead:
    return ItemRead(id=1)


@router.get("/orm", response_model=ItemRead)
async def orm():
    return await load_row(1)


@router.get("/dict-under-model", response_model=ItemRead)
async def dict_under_model():
    return {"id": 1}


@router.get("/dict-under-annotation")
async def dict_under_annotation() -> ItemRead:
    return {"id": 1}  # FastAPI validates it against ItemRead


@router.get("/nested")
async def nested() -> ItemRead:
    def helper():
        return {"id": 1}

    return ItemRead(**helper())


def not_a_route():
    return {"a": 1}


@router.get("/shadowed-dict")
async def shadowed_dict(dict: Any) -> Any:
    return dict(a=1)
