# path: app/services/sandbox_service.py
from collections.abc import AsyncGenerator, AsyncIterator

import fastapi
from fastapi import Request
from fastapi import Depends  # error: XFA202:1 "fastapi"
from fastapi import WebSocket  # error: XFA202:1
from starlette.datastructures import State
from starlette.datastructures import URL  # error: XFA202:1
from starlette.requests import HTTPConnection  # error: XFA202:1
from starlette.background import BackgroundTasks  # error: XFA202:1

from app.db import get_db

BaseURL = URL  # a module-level alias: used outside any provider


class SandboxService:
    """The service takes plain values only."""

    def __init__(self, db, limit: int) -> None:
        self.db = db
        self.limit = limit

    async def start(self, sandbox_id: str) -> str:
        return sandbox_id


class SandboxServiceInjector:
    """The DI glue next to the service: builds it for a request, or without one."""

    async def inject(self, state: State, request: Request | None = None) -> AsyncGenerator[SandboxService, None]:
        async with state.pool() as db:
            yield SandboxService(db, limit=3)

    async def depends(self, request: Request) -> AsyncGenerator[SandboxService, None]:
        # passes on another generator's items: still one resource
        async for service in self.inject(request.state, request):
            yield service

    async def for_connection(self, conn: HTTPConnection) -> AsyncIterator[SandboxService]:
        yield SandboxService(conn.state.db, limit=1)


def get_sandbox_service(db=fastapi.Depends(get_db)) -> SandboxService:
    # a FastAPI dependency (takes Depends): DI glue
    return SandboxService(db, limit=3)


class SandboxRepository:
    def __init__(self, db=Depends(get_db)) -> None:
        # a constructor wired by FastAPI: the class itself depends on the framework
        self.db = db


async def stream_events(websocket: WebSocket) -> AsyncIterator[str]:
    # yields in a loop: a streaming generator that talks to the socket, no provider
    while True:
        yield await websocket.receive_text()


def describe(conn: "HTTPConnection") -> str:
    # a string annotation outside the providers
    return conn.url.path
