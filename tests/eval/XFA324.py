# select: XFA324
from fastapi import APIRouter, FastAPI
from fastapi.responses import JSONResponse, ORJSONResponse, UJSONResponse

import fastapi.responses as responses
from app.responses import ORJSONResponse as OwnORJSONResponse

app = FastAPI(default_response_class=ORJSONResponse)  # error: XFA324:38 "ORJSONResponse"
router = APIRouter(default_response_class=responses.UJSONResponse)  # error: XFA324:43
app.include_router(router, default_response_class=UJSONResponse)  # error: XFA324:51


@router.get("/items", response_class=ORJSONResponse)  # error: XFA324:38
async def items() -> list[int]:
    return [1]


@router.get("/raw")
async def raw():
    return ORJSONResponse({"a": 1})  # error: XFA324:12


# -- not flagged

other = APIRouter(default_response_class=JSONResponse)


@router.get("/own", response_class=OwnORJSONResponse)
async def own():
    return OwnORJSONResponse({})


@router.get("/plain")
async def plain():
    return JSONResponse({})


def pick(cls=ORJSONResponse):
    return cls
