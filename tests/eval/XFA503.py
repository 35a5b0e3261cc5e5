from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.ext import asyncio as sa_asyncio

from app.config import settings

DATABASE_URL = "mysql+pymysql://app@db/app"
ASYNC_URL = "mysql+aiomysql://app@db/app"
host = "db"

e1 = create_async_engine("postgresql://app@db/app")  # error: XFA503:26 "postgresql"
e2 = create_async_engine("postgres://app@db/app")  # error: XFA503:26
e3 = create_async_engine("postgresql+psycopg2://app@db/app")  # error: XFA503:26
e4 = create_async_engine(f"mysql://app@{host}/app")  # error: XFA503:26
e5 = create_async_engine(DATABASE_URL)  # error: XFA503:26
e6 = create_async_engine(url="sqlite:///./app.db")  # error: XFA503:30
e7 = sa_asyncio.create_async_engine("mssql+pyodbc://app@db/app")  # error: XFA503:37

ok1 = create_async_engine("postgresql+asyncpg://app@db/app")
ok2 = create_async_engine("postgresql+psycopg://app@db/app")
ok3 = create_async_engine("mysql+aiomysql://app@db/app")
ok4 = create_async_engine("mysql+asyncmy://app@db/app")
ok5 = create_async_engine("sqlite+aiosqlite:///./app.db")
ok6 = create_async_engine("mssql+aioodbc://app@db/app")
ok7 = create_async_engine(settings.DATABASE_URL)
ok8 = create_async_engine(str(settings.SQLALCHEMY_DATABASE_URI))
ok9 = create_async_engine(f"{settings.DB_SCHEME}://app@{host}/app")
ok10 = create_async_engine(ASYNC_URL)
ok11 = create_async_engine("cockroachdb://app@db/app")


def build(url: str):
    return create_async_engine(url)


def build_local():
    DATABASE_URL = settings.url
    return create_async_engine(DATABASE_URL)
