# path: app/services/jobs.py
"""Polling jobs."""
import time
from time import sleep


async def poll(job) -> None:
    time.sleep(0.5)  # back off
    sleep(job.delay)
    value = time.sleep(1) or 2


def sync_poll() -> None:
    time.sleep(1)
