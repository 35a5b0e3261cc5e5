"""Decorators that run a sync endpoint body in the thread pool behind an async wrapper."""

from functools import wraps
from typing import Any, Awaitable, Callable, Optional, TypeVar, Union, overload

from starlette.concurrency import run_in_threadpool

R = TypeVar("R")


@overload
def threaded(func: Callable[..., R]) -> Callable[..., Awaitable[R]]: ...


@overload
def threaded(*, retries: int = 0) -> Callable[[Callable[..., R]], Callable[..., Awaitable[R]]]: ...


def threaded(
    func: Optional[Callable[..., R]] = None, *, retries: int = 0
) -> Union[Callable[..., Awaitable[R]], Callable[[Callable[..., R]], Callable[..., Awaitable[R]]]]:
    def decorator(inner: Callable[..., R]) -> Callable[..., Awaitable[R]]:
        @wraps(inner)
        async def wrapper(*args: Any, **kwargs: Any) -> R:
            return await run_in_threadpool(inner, *args, **kwargs)

        return wrapper

    if func is None:
        return decorator
    return decorator(func)


def traced(func: Callable[..., R]) -> Callable[..., R]:
    """Keeps the function as it is (sync stays sync)."""
    return func


def unannotated(func):
    @wraps(func)
    async def wrapper(*args, **kwargs):
        return await run_in_threadpool(func, *args, **kwargs)

    return wrapper
