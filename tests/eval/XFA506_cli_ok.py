# path: backend/cli.py
# precision review: an init/reset command of the project's command-line tool
from app.db import Base, async_engine


async def reset_database() -> None:
    async with async_engine.begin() as conn:
        await conn.run_sync(Base.metadata.drop_all)
        await conn.run_sync(Base.metadata.create_all)
