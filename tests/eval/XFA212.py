# path: app/main.py
# select: XFA212
from contextlib import asynccontextmanager
from enum import Enum

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel
from sqlalchemy import Column, Integer
from sqlalchemy.orm import DeclarativeBase

from app.api.main import api_router


class Item(BaseModel):  # error: XFA212:1
    name: str


class Base(DeclarativeBase):  # error: XFA212:1
    pass


class Order(Base):  # error: XFA212:1
    __tablename__ = "orders"
    id = Column(Integer, primary_key=True)


def slugify(value: str) -> str:  # error: XFA212:1
    return value.lower().replace(" ", "-")


async def load_item(item_id: int) -> Item:  # error: XFA212:1
    return Item(name=str(item_id))


@asynccontextmanager
async def lifespan(app: FastAPI):
    yield


def custom_generate_unique_id(route: APIRoute) -> str:
    return f"{route.tags[0]}-{route.name}"


def create_app() -> FastAPI:
    application = FastAPI(lifespan=lifespan, generate_unique_id_function=custom_generate_unique_id)
    application.include_router(api_router)
    return application


app = create_app()


@app.get("/items/{item_id}")
async def read_item(item_id: int) -> Item:  # error: XFA212:1
    return await load_item(item_id)


@app.exception_handler(ValueError)
async def value_error_handler(request: Request, exc: ValueError) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=400)


async def not_found_handler(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": "not found"}, status_code=404)


app.add_exception_handler(404, not_found_handler)


@app.middleware("http")
async def add_process_time(request: Request, call_next):
    return await call_next(request)


@app.on_event("shutdown")
async def shutdown() -> None:
    pass


def custom_openapi():
    return app.openapi_schema


app.openapi = custom_openapi


class Color(str, Enum):  # not a model
    RED = "red"


def main() -> None:
    uvicorn.run(app)


if __name__ == "__main__":
    main()


def request_id(request: Request) -> str:  # error: XFA212:1
    return request.headers.get("x-request-id", "")


@app.middleware("http")
async def tag_request(request: Request, call_next):
    request.state.request_id = request_id(request)  # a hook's helper is still a helper
    return await call_next(request)
