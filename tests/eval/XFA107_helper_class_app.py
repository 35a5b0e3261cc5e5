# path: app/workers/pressure.py
# near miss of the helper class in XFA107_tests.py: in application code a task on the class's
# own coroutine method is still dropped on the floor
import asyncio


class PressureMonitor:
    def spike(self) -> None:
        asyncio.create_task(self._delayed_release())  # error: XFA107:9 "asyncio.create_task"

    async def _delayed_release(self) -> None:
        await asyncio.sleep(1)
