from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession as SQLModelAsyncSession

engine = create_async_engine("postgresql+asyncpg://app@db/app")
Factory = async_sessionmaker(engine)  # error: XFA504:11 "async_sessionmaker"
Legacy = sessionmaker(engine, class_=AsyncSession)  # error: XFA504:10
SQLModelFactory = sessionmaker(bind=engine, class_=SQLModelAsyncSession, autoflush=False)  # error: XFA504:19


async def open_session():
    async with AsyncSession(engine) as session:  # error: XFA504:16
        return session


Good = async_sessionmaker(engine, expire_on_commit=False)
Explicit = async_sessionmaker(engine, expire_on_commit=True)
Good2 = sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)
SyncFactory = sessionmaker(bind=engine)
options = {"expire_on_commit": False}
Splat = async_sessionmaker(engine, **options)
