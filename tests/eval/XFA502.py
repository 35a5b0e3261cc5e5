from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session, sessionmaker
import sqlmodel

engine = create_engine("postgresql+psycopg2://app@db/app")  # error: XFA502:10 "create_engine"
SessionLocal = sessionmaker(bind=engine)  # error: XFA502:16
other = sqlmodel.create_engine("sqlite:///app.db")  # error: XFA502:9
async_engine = create_async_engine("postgresql+asyncpg://app@db/app")
AsyncSessionLocal = sessionmaker(async_engine, class_=AsyncSession, expire_on_commit=False)
factory = async_sessionmaker(async_engine, expire_on_commit=False)


async def handler():
    with Session(engine) as session:  # error: XFA502:10
        return session
