# path: tests/conftest.py
# a test app and its fixtures build an engine per test on purpose
import pytest
from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

app = FastAPI()


async def override_session():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with async_sessionmaker(engine, expire_on_commit=False)() as session:
        yield session


@app.get("/probe")
async def probe(session=Depends(override_session)):
    engine = create_async_engine("sqlite+aiosqlite://")
    return {"ok": bool(engine)}
