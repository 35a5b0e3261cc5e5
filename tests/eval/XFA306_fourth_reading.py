# path: app/routes/media.py
# select: XFA306
from typing import Any, Dict, List

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel

router = APIRouter()
FramesResponse = list[str]
GapsResponse = List[Dict[str, Any]]


class Frame(BaseModel):
    name: str


FrameList = list[Frame]


# near-misses (fourth reading): the "model" has no fields the content could bypass
@router.post("/secrets/check", response_model=dict[str, str])
async def check_secret() -> JSONResponse:
    return JSONResponse(status_code=200, content={"message": "ok"})


@router.get("/frames", response_model=FramesResponse)
async def frames():
    return JSONResponse(content=["a.webp", "b.webp"])


@router.get("/gaps", response_model=list[dict])
async def gaps():
    return JSONResponse(content=[])


@router.get("/gaps/typed", response_model=GapsResponse)
async def gaps_typed():
    return JSONResponse(content=[{"start": 1}])


# still flagged: a model with fields, directly or through an alias
@router.get("/frame", response_model=Frame)
async def frame():
    return JSONResponse(content={"name": "a"})  # error: XFA306:12 "JSONResponse"


@router.get("/frames/typed", response_model=FrameList)
async def frames_typed():
    return JSONResponse(content=[])  # error: XFA306:12


@router.get("/frames/map", response_model=dict[str, Frame])
async def frames_map():
    return JSONResponse(content={})  # error: XFA306:12
