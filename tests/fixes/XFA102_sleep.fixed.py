# path: app/services/jobs.py
"""Polling jobs."""
import asyncio
import time
from time import sleep


async def poll(job) -> None:
    await asyncio.sleep(0.5)  # back off
    await asyncio.sleep(job.delay)
    value = await asyncio.sleep(1) or 2


def sync_poll() -> None:
    time.sleep(1)
