# select: XFA615
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.client = httpx.AsyncClient()  # error: XFA615:5 "client"
    app.state.ready: bool = True  # error: XFA615:5
    yield
    app.state.client = None
    await app.state.client.aclose()


async def passed_in(application):
    application.state.cache = {}  # error: XFA615:5
    yield


other = FastAPI(lifespan=passed_in)


# -- not flagged


@asynccontextmanager
async def yields_state(app: FastAPI):
    app.state.legacy = 1
    async with httpx.AsyncClient() as client:
        yield {"client": client}


@asynccontextmanager
async def not_a_lifespan(conn):
    conn.state.x = 1
    yield


def create_app() -> FastAPI:
    app = FastAPI(lifespan=lifespan)
    app.state.settings = {}
    return app


@asynccontextmanager
async def nested(app: FastAPI):
    def helper():
        app.state.inner = 1

    yield
