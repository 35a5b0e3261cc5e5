import logging
import time

import starlette.middleware.base as base
from fastapi import FastAPI, Request

app = FastAPI()
logger = logging.getLogger(__name__)


class Timing(base.BaseHTTPMiddleware):
    async def dispatch(self, request: Request, next_handler):
        started = time.perf_counter()
        # headers only on the route's response: nothing to lose when it raises (fourth reading)
        response = await next_handler(request)
        response.headers["x-elapsed"] = str(time.perf_counter() - started)
        return response


class Child(Timing):
    async def dispatch(self, request, call_next):
        response = await call_next(request)  # error: XFA604:20 "call_next"
        logger.info("request.done")
        return response


@app.middleware("http")
async def add_header(request: Request, proceed):
    response = await proceed(request)
    response.headers["x-app"] = "1"
    return response


async def any_middleware(request, call_next):
    if request.url.path == "/health":
        response = await call_next(request)  # error: XFA604:20
    else:
        response = await call_next(request)  # error: XFA604:20
    logger.info("request.done", extra={"path": request.url.path})
    return response


async def wraps_the_response(request: Request, call_next):
    return add_security_headers(await call_next(request))  # noqa: F821  # error: XFA604:33


async def in_a_loop(request: Request, call_next):
    for attempt in range(2):
        response = await call_next(request)  # error: XFA604:20
        if response.status_code < 500:
            return response
    return response


# near misses
async def guarded(request, call_next):
    try:
        response = await call_next(request)
    except Exception:
        raise
    return response


async def guarded_finally(request, call_next):
    try:
        return await call_next(request)
    finally:
        pass


async def not_middleware(request, handler, call_next):
    return await call_next(request)


async def first_param(call_next, request):
    return await call_next(request)


class NotMiddleware:
    async def dispatch(self, request, call_next2):
        return await call_next2(request)


async def outer(request, call_next):
    async def inner(call_next_inner):
        return await call_next_inner(request)

    try:
        return await inner(call_next)
    except Exception:
        raise
