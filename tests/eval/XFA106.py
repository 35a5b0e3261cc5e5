import asyncio
from typing import Annotated

import anyio
from fastapi import APIRouter, Depends
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

router = APIRouter()
SessionDep = Annotated[AsyncSession, Depends()]


async def send_email(to: str) -> None: ...


async def stream_rows():
    yield 1


def sync_helper() -> None: ...


@router.post("/users")
async def create_user(email: str) -> None:
    send_email(email)  # error: XFA106:5 "send_email"


async def uses_session(db: AsyncSession, conn: AsyncConnection, dep: SessionDep, user) -> None:
    db.add(user)
    db.commit()  # error: XFA106:5
    db.refresh(user)  # error: XFA106:5
    conn.execute("select 1")  # error: XFA106:5
    dep.flush()  # error: XFA106:5
    db.expunge(user)
    await db.commit()


async def sleeps() -> None:
    asyncio.sleep(1)  # error: XFA106:5
    anyio.sleep(1)  # error: XFA106:5
    await asyncio.sleep(1)


class Notifier:
    async def deliver(self, to: str) -> None: ...

    def render(self) -> str: ...

    async def run(self, to: str) -> None:
        self.deliver(to)  # error: XFA106:9
        self.render()
        await self.deliver(to)


async def near_misses(email: str, db: AsyncSession, session):
    await send_email(email)
    task = asyncio.create_task(send_email(email))
    await asyncio.gather(send_email(email), send_email(email))
    coro = send_email(email)
    stream_rows()  # an async generator: not a coroutine
    sync_helper()
    session.commit()  # not annotated AsyncSession
    async with anyio.create_task_group() as tg:
        tg.start_soon(send_email, email)
    return task, coro


async def returns(email: str):
    return send_email(email)


async def shadowed_by_parameter(send_email) -> None:
    send_email("x")


async def shadowed_locally() -> None:
    def send_email(to: str) -> None: ...

    send_email("x")


def decorate(fn):
    return fn


@decorate
async def decorated() -> None: ...


async def calls_decorated() -> None:
    decorated()  # the decorator may have made it synchronous


async def redefined() -> None: ...


def redefined() -> None: ...  # noqa: F811


async def calls_redefined() -> None:
    redefined()
