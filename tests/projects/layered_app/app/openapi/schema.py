from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from app.routers import items, models, users


def build_schema() -> dict:
    api = FastAPI()
    for module in (items, models, users):
        api.include_router(module.router)
    return get_openapi(title="api", version="1", routes=api.routes)
