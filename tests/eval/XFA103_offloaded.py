# path: app/services/files_service.py
# the reads and writes of these files are handed to a thread: opening them alone is not flagged
import asyncio
import shutil
from functools import partial

from fastapi import UploadFile
from fastapi.concurrency import run_in_threadpool


async def read_in_thread(path: str) -> bytes:
    f = open(path, "rb")
    try:
        return await asyncio.to_thread(f.read)
    finally:
        await asyncio.to_thread(f.close)


async def save_upload(upload: UploadFile, path: str) -> None:
    with open(path, "wb") as buffer:
        await run_in_threadpool(shutil.copyfileobj, upload.file, buffer)


async def write_in_executor(path: str, data: bytes) -> None:
    loop = asyncio.get_running_loop()
    with open(path, "wb") as out:
        await loop.run_in_executor(None, partial(out.write, data))


async def also_read_here(path: str) -> bytes:
    f = open(path, "rb")  # error: XFA103:9 "open"
    head = f.read(16)
    return head + await asyncio.to_thread(f.read)


async def not_bound(path: str) -> None:
    await asyncio.to_thread(open(path).read)  # error: XFA103:29


async def other_name_offloaded(path: str, other) -> bytes:
    with open(path, "rb") as f:  # error: XFA103:10
        await asyncio.to_thread(other.read)
        return f.read()
