# path: app/routes/items.py
# select: XFA306
from fastapi import APIRouter, Response, status
from fastapi.responses import HTMLResponse, JSONResponse, ORJSONResponse
from pydantic import BaseModel

from app.schemas import External

router = APIRouter()


class ItemRead(BaseModel):
    id: int


@router.get("/a", response_model=ItemRead)
async def a():
    return JSONResponse(content={"id": 1})  # error: XFA306:12 "JSONResponse"


@router.get("/b")
async def b() -> ItemRead:
    return ORJSONResponse({"id": 1})  # error: XFA306:12


@router.get("/c", response_model=External)
async def c():
    return Response(content=b"{}", media_type="application/json")  # error: XFA306:12


@router.get("/d")
async def d() -> list[ItemRead]:
    return JSONResponse([], status_code=status.HTTP_200_OK)  # error: XFA306:12


# near-misses
@router.get("/e", response_class=ORJSONResponse)
async def e():
    return ORJSONResponse({"id": 1})


@router.get("/f", response_model=ItemRead, responses={404: {"model": ItemRead}})
async def f():
    if missing():
        return JSONResponse(status_code=404, content={"message": "not found"})
    return ItemRead(id=1)


@router.get("/g", response_model=ItemRead)
async def g():
    if gone():
        return Response(status_code=status.HTTP_204_NO_CONTENT)
    return ItemRead(id=1)


@router.get("/h", response_model=None)
async def h() -> ItemRead | JSONResponse:
    return JSONResponse({})


@router.get("/i")
async def i() -> JSONResponse:
    return JSONResponse({})


@router.get("/j", response_model=ItemRead)
async def j():
    return JSONResponse({}, status_code=compute_status())


@router.get("/k", response_class=HTMLResponse)
async def k():
    return HTMLResponse("<p>hi</p>")


# precision review: a status the route documents in responses= is part of the contract
@router.get("/l", response_model=ItemRead, responses={202: {"description": "still processing"}})
async def l():
    if pending():
        return Response(status_code=202)
    return ItemRead(id=1)


@router.get("/m", response_model=ItemRead, responses={"202": {"description": "still processing"}})
async def m():
    if pending():
        return Response(status_code=status.HTTP_202_ACCEPTED)
    return ItemRead(id=1)


# an undocumented 202 still bypasses the model
@router.get("/n", response_model=ItemRead, responses={404: {"description": "missing"}})
async def n():
    if pending():
        return Response(status_code=202)  # error: XFA306:16
    return ItemRead(id=1)
