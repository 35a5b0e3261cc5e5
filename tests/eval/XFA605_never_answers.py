# third precision reading: middleware that never answers a request itself (compression, the
# session cookie, a project subclass of GZipMiddleware) may wrap CORSMiddleware
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import Receive, Scope, Send

from app.config import settings


class SelectiveGZip(GZipMiddleware):
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await super().__call__(scope, receive, send)


class RateLimit:
    def __init__(self, app) -> None:
        self.app = app


app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=settings.origins)
app.add_middleware(GZipMiddleware, minimum_size=1000)
app.add_middleware(SelectiveGZip)
app.add_middleware(SessionMiddleware, secret_key=settings.key)

listed = FastAPI(
    middleware=[
        Middleware(SelectiveGZip),
        Middleware(SessionMiddleware, secret_key=settings.key),
        Middleware(CORSMiddleware, allow_origins=settings.origins),
    ]
)

# one that answers early (a rate limiter's 429) still counts
limited = FastAPI()
limited.add_middleware(CORSMiddleware, allow_origins=settings.origins)  # error: XFA605:1
limited.add_middleware(SelectiveGZip)
limited.add_middleware(RateLimit)
