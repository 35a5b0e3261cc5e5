# A pass-through `return await call_next(request)` (or `response = await call_next(request)`
# followed only by `return response`) skips nothing when the route raises: Starlette's
# error middleware still answers with a 500.
import time

from fastapi import FastAPI, Request
from starlette.middleware.base import BaseHTTPMiddleware

from app.tracing import tracer

app = FastAPI()


class PasswordGate(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        if request.url.path in {"/v1/health", "/v1/ready"}:
            return await call_next(request)
        if request.headers.get("x-password") == "ok":
            return await call_next(request)
        return None


class Passthrough(PasswordGate):
    async def dispatch(self, request, call_next):
        response = await call_next(request)
        return response


@app.middleware("http")
async def trace_requests(request: Request, call_next):
    started = time.time()
    if not tracer.enabled:
        return await call_next(request)
    with tracer.start_as_current_span(request.url.path, start_time=started):
        response = await call_next(request)
    return response


async def annotated(request: Request, call_next):
    response: object = await call_next(request)
    return response


async def by_kind(request, call_next):
    match request.scope["type"]:
        case "http":
            return await call_next(request)
        case _:
            return None


async def handled(request, call_next):
    try:
        request.state.user = None
    except Exception:
        return await call_next(request)
    return await call_next(request)
