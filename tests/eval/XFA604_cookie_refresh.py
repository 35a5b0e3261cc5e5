# third precision reading: the only work after call_next puts a refreshed cookie on the
# response the route produced; skipping it when the route raises is right
import logging

from fastapi import FastAPI, Request
from starlette.middleware.base import BaseHTTPMiddleware

app = FastAPI()
logger = logging.getLogger(__name__)


class RefreshSession(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        fresh = request.scope.get("fresh_token")
        response = await call_next(request)
        if fresh is not None:
            response.set_cookie("session", fresh, httponly=True, secure=True)
        return response


@app.middleware("http")
async def clear_stale(request: Request, call_next):
    response = await call_next(request)
    response.delete_cookie("legacy_session")
    if request.cookies.get("old"):
        response.delete_cookie("old")
    else:
        response.set_cookie("seen", "1")
    return response


# other work after the cookie is still reported (a header is not: fourth reading)
@app.middleware("http")
async def cookie_then_log(request: Request, call_next):
    response = await call_next(request)  # error: XFA604:16 "call_next"
    response.set_cookie("seen", "1")
    logger.info("request.done")
    return response


@app.middleware("http")
async def cookie_and_header(request: Request, call_next):
    response = await call_next(request)
    if request.cookies.get("old"):
        response.delete_cookie("old")
        response.headers["x-cleared"] = "1"
    return response


@app.middleware("http")
async def other_receiver(request: Request, call_next):
    response = await call_next(request)  # error: XFA604:16
    request.state.cookies.set_cookie("seen", "1")
    return response
