# select: XFA505
from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from app.config import settings

sqlite_url = "sqlite:///./app.db"

e1 = create_async_engine("postgresql+asyncpg://app@db/app")  # error: XFA505:6 "create_async_engine"
e2 = create_engine(settings.DATABASE_URL, pool_size=10)  # error: XFA505:6
e3 = create_async_engine(str(settings.SQLALCHEMY_DATABASE_URI), echo=False)  # error: XFA505:6

ok1 = create_async_engine("postgresql+asyncpg://app@db/app", pool_pre_ping=True)
ok2 = create_engine("sqlite:///./app.db")
ok3 = create_async_engine("sqlite+aiosqlite:///:memory:")
ok4 = create_engine(sqlite_url, connect_args={"check_same_thread": False})
ok5 = create_engine(settings.SQLITE_URL)
ok6 = create_async_engine(settings.DATABASE_URL, poolclass=NullPool)
ok7 = create_async_engine(settings.DATABASE_URL, **settings.engine_options)
