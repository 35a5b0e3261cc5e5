# fourth precision reading: middleware added after CORS that never sends a response of its
# own (compression, metrics, headers only) may wrap it; one added with
# app.middleware("http")(...) that answers early is the one named
import functools

from brotli_asgi import BrotliMiddleware
from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.types import Message, Receive, Scope, Send
from starlette_exporter import PrometheusMiddleware

from app.config import settings


class NoCache(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        response = await call_next(request)
        response.headers["Cache-Control"] = "no-store"
        return response


class FrameHeaders:
    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.app(scope, receive, functools.partial(self.send, send=send))

    async def send(self, message: Message, send: Send) -> None:
        message.setdefault("headers", []).append((b"x-frame-options", b"DENY"))
        await send(message)


class Maintenance:
    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if settings.maintenance:
            response = JSONResponse({"detail": "maintenance"}, status_code=503)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


class RequireLogin:
    async def __call__(self, request: Request, call_next):
        if "session" not in request.cookies:
            return JSONResponse({"detail": "login"}, status_code=401)
        return await call_next(request)


class Refresh:
    async def __call__(self, request: Request, call_next):
        response = await call_next(request)
        response.set_cookie("seen", "1")
        return response


async def add_version(request: Request, call_next):
    response = await call_next(request)
    response.headers["X-Version"] = "1"
    return response


async def reject_bots(request: Request, call_next):
    if request.headers.get("user-agent") == "bot":
        return JSONResponse({"detail": "no"}, status_code=403)
    return await call_next(request)


quiet = FastAPI()
quiet.add_middleware(CORSMiddleware, allow_origins=settings.origins)
quiet.add_middleware(BrotliMiddleware, minimum_size=512)
quiet.add_middleware(PrometheusMiddleware)
quiet.add_middleware(NoCache)
quiet.add_middleware(FrameHeaders)
quiet.add_middleware(BaseHTTPMiddleware, dispatch=add_version)
quiet.middleware("http")(Refresh())
quiet.middleware("http")(add_version)

early = FastAPI()
early.add_middleware(CORSMiddleware, allow_origins=settings.origins)  # error: XFA605:1
early.add_middleware(NoCache)
early.add_middleware(Maintenance)

called = FastAPI()
called.add_middleware(CORSMiddleware, allow_origins=settings.origins)  # error: XFA605:1
called.add_middleware(NoCache)
called.middleware("http")(RequireLogin())

by_function = FastAPI()
by_function.add_middleware(CORSMiddleware, allow_origins=settings.origins)  # error: XFA605:1
by_function.middleware("http")(reject_bots)
