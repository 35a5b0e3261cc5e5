import starlette.middleware.base
from fastapi import FastAPI
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.middleware.base import BaseHTTPMiddleware as B

from app.other import framework

app = FastAPI()


class Timing(BaseHTTPMiddleware):  # error: XFA603:1 "class Timing(BaseHTTPMiddleware"
    async def dispatch(self, request, call_next):
        try:
            return await call_next(request)
        finally:
            pass


class Aliased(B):  # error: XFA603:1
    pass


class Dotted(starlette.middleware.base.BaseHTTPMiddleware):  # error: XFA603:1
    pass


class Derived(Timing):  # reported at Timing, the root of the chain
    pass


async def dispatch_fn(request, call_next):
    try:
        return await call_next(request)
    except Exception:
        raise


app.add_middleware(BaseHTTPMiddleware, dispatch=dispatch_fn)  # error: XFA603:1
stack = FastAPI(middleware=[Middleware(B, dispatch=dispatch_fn)])  # error: XFA603:29


@app.middleware("http")  # error: XFA603:2
async def add_header(request, call_next):
    try:
        return await call_next(request)
    except Exception:
        raise


# near misses
class PureASGI:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        await self.app(scope, receive, send)


app.add_middleware(PureASGI)


@framework.middleware("http")
async def other_framework(request, call_next):
    return None


@app.middleware("websocket")
async def not_http(request, call_next):
    return None
