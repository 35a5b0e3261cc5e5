# path: app/services/jobs.py
import asyncio as aio
import time


async def poll() -> None:
    time.sleep(2)
