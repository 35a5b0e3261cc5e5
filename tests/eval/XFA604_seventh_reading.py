# path: app/request_logging.py
# precision review (seventh reading, skyvern): before call_next the middleware leaves a
# failure logger in a ContextVar, which the app's exception handler runs for a request
# whose route raised — the failed-request work is handed off, not skipped. A ContextVar
# set to a plain value, or never read elsewhere, still leaves the logging skipped.
import logging
import time
from contextvars import ContextVar
from functools import partial
from typing import Callable

from fastapi import Request, Response

logger = logging.getLogger(__name__)

_failure_logger: ContextVar[Callable[[int], None] | None] = ContextVar("_failure_logger", default=None)
_request_id: ContextVar[str | None] = ContextVar("_request_id", default=None)
_unread: ContextVar[Callable[[int], None] | None] = ContextVar("_unread", default=None)


def _log_request(status: int, *, path: str, started: float) -> None:
    logger.info("request.done", extra={"status": status, "path": path, "elapsed": time.monotonic() - started})


def log_request_failure(status: int) -> None:
    """Called by the app's Exception handler once it has chosen the status."""
    callback = _failure_logger.get()
    _failure_logger.set(None)
    if callback is not None:
        callback(status)


async def log_requests(request: Request, call_next) -> Response:
    started = time.monotonic()
    _failure_logger.set(partial(_log_request, path=request.url.path, started=started))
    response = await call_next(request)
    _log_request(response.status_code, path=request.url.path, started=started)
    _failure_logger.set(None)
    return response


async def log_requests_bound(request: Request, call_next) -> Response:
    request_logger = partial(_log_request, path=request.url.path, started=time.monotonic())
    _failure_logger.set(request_logger)
    response = await call_next(request)
    request_logger(response.status_code)
    return response


async def tag_requests(request: Request, call_next) -> Response:
    _request_id.set(request.headers.get("x-request-id"))
    response = await call_next(request)  # error: XFA604:16
    logger.info("request.done")
    return response


async def unread_callback(request: Request, call_next) -> Response:
    _unread.set(partial(_log_request, path=request.url.path, started=0.0))
    response = await call_next(request)  # error: XFA604:16
    logger.info("request.done")
    return response
