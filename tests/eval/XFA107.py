import asyncio
from asyncio import create_task, ensure_future

import anyio

background: set[asyncio.Task] = set()


async def job() -> None: ...


async def spawns() -> None:
    asyncio.create_task(job())  # error: XFA107:5 "asyncio.create_task"
    create_task(job())  # error: XFA107:5
    ensure_future(job())  # error: XFA107:5
    loop = asyncio.get_running_loop()
    loop.create_task(job())  # error: XFA107:5
    asyncio.get_event_loop().create_task(job())  # error: XFA107:5
    asyncio.tasks.create_task(job())  # error: XFA107:5
    asyncio.tasks.ensure_future(job())  # error: XFA107:5


def sync_spawn(loop) -> None:
    loop.create_task(job())  # error: XFA107:5


async def kept() -> asyncio.Task:
    task = asyncio.create_task(job())
    background.add(task)
    background.add(asyncio.create_task(job()))
    task.add_done_callback(background.discard)
    await asyncio.create_task(job())
    tasks = [asyncio.create_task(job()) for _ in range(3)]
    await asyncio.gather(*tasks)
    return asyncio.create_task(job())


async def task_groups() -> None:
    async with asyncio.TaskGroup() as tg:
        tg.create_task(job())
    async with anyio.create_task_group() as group:
        group.start_soon(job)


class Worker:
    def __init__(self, scheduler) -> None:
        self.scheduler = scheduler

    def start(self) -> None:
        self.scheduler.create_task(job())  # not known to be an event loop
