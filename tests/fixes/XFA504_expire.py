# path: app/db.py
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

SessionLocal = async_sessionmaker(engine)
Other = async_sessionmaker(
    engine,
    class_=AsyncSession,
)
session = AsyncSession(engine)  # one-off
