# path: app/api/routes/reports.py
# A plain def under a decorator of this module that returns a nested async def: FastAPI
# registers the coroutine function the decorator built, so the handler is async already.
from functools import wraps

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

router = APIRouter()


def in_threadpool(func):
    @wraps(func)
    async def wrapper(*args, **kwargs):
        return await run_in_threadpool(func, *args, **kwargs)

    return wrapper


def in_threadpool_with(limit):
    def decorator(func):
        @wraps(func)
        async def wrapper(*args, **kwargs):
            return await run_in_threadpool(func, *args, **kwargs)

        return wrapper

    return decorator


def sync_wrapper(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


def sometimes_async(func):
    async def wrapper(*args, **kwargs):
        return await run_in_threadpool(func, *args, **kwargs)

    if getattr(func, "keep", False):
        return func
    return wrapper


@router.get("/daily")
@in_threadpool
def daily() -> dict:
    return {}


@router.get("/weekly")
@in_threadpool_with(4)
def weekly() -> dict:
    return {}


@router.get("/monthly")
@sync_wrapper
def monthly() -> dict:  # error: XFA108:1 "monthly"
    return {}


@router.get("/yearly")
@sometimes_async
def yearly() -> dict:  # error: XFA108:1
    return {}


@router.get("/factory-not-called")
@in_threadpool_with
def not_called() -> dict:  # error: XFA108:1
    # the factory used bare returns its (sync) decorator: the route gets a plain def
    return {}


@in_threadpool
@router.get("/wrapped-after")
def wrapped_after() -> dict:  # error: XFA108:1
    return {}
