# path: app/middleware.py
# precision review (eighth reading): work after call_next that only runs for a successful
# response (InvokeAI's sliding-window token refresh under `if response.status_code < 400
# and ...`), with a local computed only for it, is skipped for a raising route on purpose;
# a debug line narrating a header update in the same `if` (airweave's CORS middleware)
# goes with the header work. Other work after call_next is still reported.
import logging

from fastapi import Request
from starlette.middleware.base import BaseHTTPMiddleware

from app.auth import mint_token

logger = logging.getLogger(__name__)


class SlidingTokenMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        response = await call_next(request)
        route_path = request.url.path.removeprefix(request.scope.get("root_path", ""))
        if response.status_code < 400 and route_path not in ("/login", "/logout"):
            token = mint_token(request.headers.get("authorization", ""))
            if token is None:
                return response
            response.headers["X-Refreshed-Token"] = token
        return response


class RangeMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        response = await call_next(request)
        if 200 <= response.status_code < 300:
            response.headers["X-Token"] = mint_token("x")
        return response


class CorsHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        origin = request.headers.get("origin")
        response = await call_next(request)
        allowed = origin in ("https://a.example",)
        if allowed:
            response.headers["Access-Control-Allow-Origin"] = origin
            logger.debug(f"Added CORS headers for origin {origin}")
        return response


class ErrorGated(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        response = await call_next(request)  # error: XFA604:20
        if response.status_code >= 500:
            logger.info("request.failed")
        return response


class LocalReadAfter(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        response = await call_next(request)  # error: XFA604:20
        path = request.url.path.lower()
        if response.status_code < 400:
            response.headers["X-Token"] = mint_token(path)
        logger.info("request.done", extra={"path": path})
        return response


class OnlyDebug(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        response = await call_next(request)  # error: XFA604:20
        if request.method == "GET":
            logger.debug("request.done")
        return response


class SuccessWithElse(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        response = await call_next(request)  # error: XFA604:20
        if response.status_code < 400:
            response.headers["X-Token"] = mint_token("x")
        else:
            logger.warning("request.failed")
        return response
