# path: app/workers/bot.py
# precision review (reading 5): a block that ends by raising a new (non-HTTP) error passes the
# failure on: without a cause its __context__ keeps the traceback; `from None` after an
# expected failure (a timeout) starts the traceback at the new error on purpose
import asyncio
import logging

from fastapi import HTTPException

logger = logging.getLogger(__name__)


class StartupError(Exception):
    pass


async def wait_ready(ready: asyncio.Event, payload: str) -> None:
    try:
        await asyncio.wait_for(ready.wait(), timeout=30.0)
    except TimeoutError:
        logger.error("bot.start_timeout")
        raise StartupError("the bot did not start within 30 seconds") from None
    try:
        await asyncio.wait_for(ready.wait(), timeout=30.0)
    except ValueError as e:
        logger.error("bot.bad_state: %s", e)
        raise StartupError("bad state")
    try:
        await asyncio.wait_for(ready.wait(), timeout=30.0)
    except ValueError as e:
        logger.error("bot.bad_state: %s", e)  # error: XFA804:9
        raise StartupError("bad state") from None
    try:
        await asyncio.wait_for(ready.wait(), timeout=30.0)
    except TimeoutError:
        logger.error("bot.start_timeout")  # error: XFA804:9
        raise HTTPException(status_code=504, detail="timed out")
    try:
        await asyncio.wait_for(ready.wait(), timeout=30.0)
    except Exception:
        logger.error("bot.start_failed")  # error: XFA804:9
        if payload:
            raise StartupError("failed")
