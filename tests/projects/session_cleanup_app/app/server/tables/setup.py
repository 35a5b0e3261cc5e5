"""The served app creates its tables at start-up: the package's command line starts a server."""
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


engine = create_async_engine("postgresql+asyncpg://app@db/app")


@asynccontextmanager
async def lifespan(app: FastAPI):
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)  # error: XFA506:29
    yield


app = FastAPI(lifespan=lifespan)
