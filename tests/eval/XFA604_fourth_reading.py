# fourth precision reading: headers set on the response the route produced (cache
# control, a timing header) are lost only when there is no such response; bookkeeping
# after call_next (telemetry, logging, cleanup) is still reported
import time
from datetime import datetime

from fastapi import FastAPI, Request
from starlette.middleware.base import BaseHTTPMiddleware

from app.telemetry import client, request_id_for

app = FastAPI()


class NoStore(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        response = await call_next(request)
        if request.url.path.startswith("/assets"):
            response.headers["Cache-Control"] = "public, max-age=3600"
        else:
            response.headers["Cache-Control"] = "no-store"
            response.headers["Pragma"] = "no-cache"
        return response


@app.middleware("http")
async def server_timing(request: Request, call_next):
    started = datetime.utcnow()
    response = await call_next(request)
    elapsed = (datetime.utcnow() - started).total_seconds() * 1000
    response.headers["Server-Timing"] = f"total;dur={elapsed}"
    response.headers.update({"x-took": str(time.perf_counter())})
    del response.headers["server"]
    return response


@app.middleware("http")
async def track(request: Request, call_next):
    response = await call_next(request)  # error: XFA604:16 "call_next"
    response.headers["x-tracked"] = "1"
    await client.track_api_request(request, response)
    return response


@app.middleware("http")
async def header_from_a_call(request: Request, call_next):
    response = await call_next(request)  # error: XFA604:16
    response.headers["x-request-id"] = request_id_for(request)
    return response


@app.middleware("http")
async def computed_with_io(request: Request, call_next):
    response = await call_next(request)  # error: XFA604:16
    count = await client.count(request)
    response.headers["x-count"] = str(count)
    return response
