# path: app/main.py
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.db import database


def create_app() -> FastAPI:
    """The app factory: its handlers move to a lifespan defined in the factory."""
    settings = database.settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        await connect()
        yield
        report()

    app = FastAPI(title=settings.title, lifespan=lifespan)

    async def connect() -> None:
        await database.connect()

    def report() -> None:
        print(settings.title)

    return app


def create_test_app(ready: bool) -> FastAPI:
    app = FastAPI()
    if not ready:
        return app  # the handler below would not be defined: left as it is

    @app.on_event("startup")
    async def connect() -> None:
        await database.connect()

    return app
