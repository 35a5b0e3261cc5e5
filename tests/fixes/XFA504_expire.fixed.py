# path: app/db.py
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

SessionLocal = async_sessionmaker(engine, expire_on_commit=False)
Other = async_sessionmaker(
    engine,
    class_=AsyncSession,
    expire_on_commit=False,
)
session = AsyncSession(engine, expire_on_commit=False)  # one-off
