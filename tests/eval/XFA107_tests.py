# path: tests/test_tasks.py
import asyncio

import pytest


async def job() -> None: ...


async def test_closed_loop(loop):
    with pytest.raises(RuntimeError):
        asyncio.create_task(job())
    with pytest.raises(RuntimeError):
        loop.create_task(job())
    asyncio.create_task(job())  # error: XFA107:5 "asyncio.create_task"
