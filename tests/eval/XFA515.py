# select: XFA515
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Session

from app.models import User


async def list_users(session: AsyncSession):
    result = await session.execute(select(User).order_by(User.id))
    return result.scalars().all()  # error: XFA515:12


async def inline(session: AsyncSession):
    return (await session.scalars(select(User).where(User.is_active))).all()  # error: XFA515:12


def sqlmodel_list(session: Session):
    return session.exec(select(User)).all()  # error: XFA515:12


async def built_up(session: AsyncSession, active: bool):
    stmt = select(User)
    if active:
        stmt = stmt.where(User.is_active)
    rows = await session.execute(stmt)
    return rows.all()  # error: XFA515:12


async def paginated(session: AsyncSession, offset: int, limit: int):
    stmt = select(User).offset(offset).limit(limit)
    return (await session.execute(stmt)).scalars().all()


async def limited_later(session: AsyncSession, limit: int):
    stmt = select(User)
    stmt = stmt.limit(limit)
    return (await session.scalars(stmt)).all()


async def counts(session: AsyncSession):
    return (await session.execute(select(func.count(User.id)))).all()


async def from_parameter(session: AsyncSession, stmt):
    return (await session.execute(stmt)).scalars().all()


result = None
