# path: server/routes/debugging.py
# tenth precision reading (OpenHands): a chaos endpoint whose docstring says it blocks
# the event loop on purpose
import time

from fastapi import APIRouter

chaos_router = APIRouter()


@chaos_router.get("/lock-main-runloop")
async def lock_main_runloop(duration: int = 10) -> str:
    """
    Deliberately blocks the main asyncio event loop.

    WARNING: This will make the entire server unresponsive for the duration!
    """
    time.sleep(duration)
    return "success"


@chaos_router.get("/slow")
async def slow_endpoint(duration: int = 1) -> str:
    """Waits a while before answering; used to test client timeouts."""
    time.sleep(duration)  # error: XFA102:5
    return "done"


@chaos_router.get("/lock-deliberately")
async def nested(duration: int = 1) -> str:
    """Deliberately blocks the event loop, in a helper that has no such docstring."""

    async def helper() -> None:
        time.sleep(duration)  # error: XFA102:9

    await helper()
    return "done"
