# path: app/routes/bookings.py
# select: XFA305
from http import HTTPStatus

import fastapi
import yaml
from fastapi import FastAPI, HTTPException, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.status import HTTP_422_UNPROCESSABLE_ENTITY

app = FastAPI()


def check(slot_taken: bool) -> None:
    if slot_taken:
        raise HTTPException(status_code=422, detail="slot taken")  # error: XFA305:15
    raise HTTPException(422, "bad")  # error: XFA305:11


def more() -> None:
    raise fastapi.HTTPException(status_code=status.HTTP_422_UNPROCESSABLE_ENTITY)  # error: XFA305:11
    err = HTTPException(status_code=HTTP_422_UNPROCESSABLE_ENTITY)  # error: XFA305:11
    raise HTTPException(status_code=HTTPStatus.UNPROCESSABLE_ENTITY)  # error: XFA305:11


# near-misses
ERRORS = {
    "validation": HTTPException(status_code=422),  # a mapping table
}


@app.exception_handler(RequestValidationError)
async def on_validation_error(request, exc) -> JSONResponse:
    return JSONResponse(status_code=422, content={"detail": exc.errors()})


def parse_body(raw: bytes) -> dict:
    try:
        return yaml.safe_load(raw)
    except yaml.YAMLError:
        raise HTTPException(status_code=422, detail="Invalid YAML")


def validate(data: dict) -> None:
    try:
        Model.model_validate(data)
    except ValidationError as e:
        raise HTTPException(status_code=422, detail=e.errors())


def other_statuses() -> None:
    raise HTTPException(status_code=status.HTTP_409_CONFLICT)
    raise HTTPException(status_code=400)


class HTTPException2(Exception):
    pass


def local_exception() -> None:
    raise HTTPException2(422)
