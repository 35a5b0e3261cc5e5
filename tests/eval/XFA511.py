import functools
from contextlib import asynccontextmanager
from functools import lru_cache

from fastapi import Depends, FastAPI
from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import sessionmaker

from app.config import settings

engine = create_async_engine(settings.DATABASE_URL)
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)


async def get_session():
    local_engine = create_async_engine(settings.DATABASE_URL)  # error: XFA511:20 "create_async_engine"
    factory = async_sessionmaker(local_engine, expire_on_commit=False)  # error: XFA511:15
    async with factory() as session:
        yield session


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.engine = create_async_engine(settings.DATABASE_URL)
    yield
    await app.state.engine.dispose()


app = FastAPI(lifespan=lifespan)


@app.get("/report")
async def report(session=Depends(get_session)):
    sync_engine = create_engine(settings.SYNC_URL)  # error: XFA511:19
    return {"ok": bool(sync_engine)}


@lru_cache
def get_engine():
    return create_engine(settings.SYNC_URL)


@functools.cache
def get_factory():
    return sessionmaker(bind=get_engine())


@lru_cache(maxsize=1)
def get_async_engine():
    return create_async_engine(settings.DATABASE_URL)


def make_engine(url: str):
    return create_async_engine(url)


class Database:
    def __init__(self, url: str):
        self.engine = create_async_engine(url)


@app.on_event("startup")
async def startup():
    app.state.engine2 = create_async_engine(settings.DATABASE_URL)
