# path: app/api/routes/reports.py
# select: XFA109
import asyncio

from fastapi import APIRouter, WebSocket

router = APIRouter()


@router.get("/report")
async def build_report():  # error: XFA109:1 "build_report"
    return {"total": sum(range(10))}


@router.get("/nested-await")
async def nested_only():  # error: XFA109:1
    async def inner():
        await asyncio.sleep(0)

    return repr(inner)


@router.get("/awaits")
async def awaits():
    await asyncio.sleep(0)


@router.get("/async-for")
async def iterates(source):
    async for item in source:
        return item


@router.get("/async-with")
async def uses_lock(lock):
    async with lock:
        return 1


@router.get("/async-comprehension")
async def comprehension(source):
    return [x async for x in source]


@router.get("/spawns")
async def spawns():
    task = asyncio.create_task(asyncio.sleep(0))
    return id(task)


@router.websocket("/ws")
async def socket(websocket: WebSocket):
    websocket.client_state


@router.get("/sync")
def plain():  # noqa: XFA108
    return 1


async def not_a_route():
    return 1


@router.get("/me")
async def read_me(current_user=None):
    return current_user


@router.get("/health")
async def health() -> bool:
    return True


@router.get("/validated")
async def validated(user=None):  # error: XFA109:1
    return dict(user)


@router.get("/stream")
async def stream_lines(text: str = ""):
    for line in text.splitlines():
        yield line.encode()
