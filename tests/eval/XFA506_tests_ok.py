# path: tests/conftest.py
from app.db import Base, engine


async def setup_db():
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
