import asyncio
import time
from time import sleep
from time import sleep as pause

import anyio


async def waits():
    time.sleep(1)  # error: XFA102:5
    sleep(0.5)  # error: XFA102:5
    pause(2)  # error: XFA102:5
    await asyncio.sleep(1)
    await anyio.sleep(1)


def sync_waits():
    time.sleep(1)


async def outer():
    def inner():
        time.sleep(1)

    return inner
