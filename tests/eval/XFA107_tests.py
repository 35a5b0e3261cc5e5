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


async def test_release_after_delay(manager):
    async def _release_after_delay() -> None:  # this test's own helper
        await asyncio.sleep(0.02)
        manager.pop("k1")

    asyncio.create_task(_release_after_delay())
    await manager.wait_for_drain("k1")


async def test_stubbed_worker(monkeypatch, model, loop):
    async def feed_result() -> None:
        await model.queue.put(1)

    def ensure_background_worker(_state):  # a stub the test patches in
        asyncio.create_task(feed_result())
        loop.create_task(feed_result())

    monkeypatch.setattr(model, "_ensure_background_worker", ensure_background_worker)
    asyncio.create_task(job())  # error: XFA107:5 "asyncio.create_task"


async def test_wait_for_drain(manager):
    async def _hold_and_release() -> None:
        asyncio.create_task(_observe_drain())  # defined below, in this test
        await asyncio.sleep(0.02)

    async def _observe_drain() -> None:
        await manager.wait_for_drain("k1")

    await _hold_and_release()


class MemorySimulator:  # the tests' helper class (ninth reading: a memory-pressure simulator)
    def __init__(self) -> None:
        self.blocks: list[bytes] = []

    async def spike(self, duration: float) -> None:
        self.blocks.append(b"x" * 1024)
        asyncio.create_task(self._delayed_release(duration))  # its own coroutine method: silent
        asyncio.create_task(job())  # error: XFA107:9 "asyncio.create_task"
        asyncio.create_task(self.other.run())  # error: XFA107:9 "asyncio.create_task"

    async def _delayed_release(self, delay: float) -> None:
        await asyncio.sleep(delay)
        self.blocks.pop()
