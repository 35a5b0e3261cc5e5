# path: app/services/jobs.py
import asyncio as aio
import time


async def poll() -> None:
    await aio.sleep(2)
