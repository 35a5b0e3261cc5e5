# path: app/api/routes/clients.py
# A name is a database session when its binding shows one; `session` bound to an HTTP
# client is not, and a name bound to a session is one whatever it is called.
from typing import AsyncIterator

import aiohttp
import httpx
import requests
from fastapi import APIRouter, Depends
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

router = APIRouter()
engine = create_async_engine("sqlite+aiosqlite://")
SessionLocal = async_sessionmaker(engine)
http = requests.Session()


async def get_db():
    async with SessionLocal() as session:
        yield session


async def get_client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as client:
        yield client


async def get_typed_db() -> AsyncIterator[AsyncSession]:
    yield SessionLocal()


@router.get("/weather")
async def weather(city: str):
    async with aiohttp.ClientSession() as session:  # an HTTP client session
        async with session.get(f"https://example.com/{city}") as response:
            return await response.json()


@router.get("/mirror")
async def mirror(url: str):
    async with httpx.AsyncClient() as session:
        response = await session.get(url)
    return response.json()


@router.get("/sync-mirror")
def sync_mirror(url: str):
    session = requests.Session()
    return session.get(url).json()


@router.get("/module-client")
def module_client(url: str):
    session = http
    return session.get(url).json()


@router.get("/annotated-client")
async def annotated_client(url: str, session: aiohttp.ClientSession):
    return await session.get(url)


@router.get("/client-dependency")
async def client_dependency(url: str, session=Depends(get_client)):
    return await session.get(url)  # get_client yields an httpx client


@router.post("/dependency-session")
async def dependency_session(item: dict, conn=Depends(get_db)):
    conn.add(item)  # error: XFA203:5 "conn.add"
    await conn.commit()  # error: XFA203:11


@router.post("/typed-dependency")
async def typed_dependency(item: dict, store=Depends(get_typed_db)):
    store.add(item)  # error: XFA203:5


@router.post("/own-session")
async def own_session(item: dict):
    async with SessionLocal() as s:  # a sessionmaker's session
        s.add(item)  # error: XFA203:9
        await s.commit()  # error: XFA203:15


@router.post("/transaction")
async def transaction(item: dict, db: AsyncSession):
    async with db.begin() as session:  # a transaction, not a session
        await db.merge(item)  # error: XFA203:15
        await session.commit()


@router.get("/unannotated")
async def unannotated(item_id: int, session):
    return await session.get(dict, item_id)  # error: XFA203:18


@router.get("/unknown-factory")
async def unknown_factory(item_id: int):
    session = make_session()  # nothing says what it is: the name decides
    return await session.get(dict, item_id)  # error: XFA203:18


@router.get("/alias")
async def alias(item_id: int, db: AsyncSession):
    session = db
    return await session.get(dict, item_id)  # error: XFA203:18


@router.get("/literal")
async def literal(key: str):
    session = {"user": 1}
    return session.get(key)
