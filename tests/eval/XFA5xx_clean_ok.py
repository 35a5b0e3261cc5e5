# path: app/api/routes/users.py
# select: XFA505, XFA514, XFA515
# A correct SQLAlchemy 2.0 async app: nothing of XFA5xx may fire.
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

import httpx
from fastapi import APIRouter, Depends, FastAPI
from sqlalchemy import func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from app.config import settings

engine = create_async_engine(settings.DATABASE_URL, pool_pre_ping=True)
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    posts = relationship("Post", lazy="selectin")


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionLocal() as session:
        try:
            yield session
            await session.commit()
        except Exception:
            await session.rollback()
            raise


SessionDep = Annotated[AsyncSession, Depends(get_session)]


@asynccontextmanager
async def lifespan(app: FastAPI):
    yield
    await engine.dispose()


app = FastAPI(lifespan=lifespan)
router = APIRouter()


@router.get("/users")
async def list_users(session: SessionDep, offset: int = 0, limit: int = 50):
    stmt = select(User).order_by(User.id).offset(offset).limit(limit)
    return (await session.scalars(stmt)).all()


@router.get("/users/count")
async def count_users(session: SessionDep) -> int:
    return await session.scalar(select(func.count()).select_from(User))


@router.post("/users/import")
async def import_users(session: SessionDep, rows: list[dict]):
    stmt = insert(User).values(rows)
    stmt = stmt.on_conflict_do_update(index_elements=[User.id], set_={"id": stmt.excluded.id})
    await session.execute(stmt)
    async with httpx.AsyncClient() as client:
        await client.post("https://hooks.example.com", json={"n": len(rows)})
    return {"imported": len(rows)}


@router.get("/users/{user_id}")
async def get_user(user_id: int, session: SessionDep):
    return await session.execute(text("SELECT * FROM users WHERE id = :id"), {"id": user_id})


async def webhook(payload: dict) -> None:
    async with SessionLocal.begin() as session:
        session.add(User(**payload))
