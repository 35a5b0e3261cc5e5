from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session
from sqlmodel import Session as SQLModelSession

from app.crud import get_users
from app.models import User


async def via_result(session: AsyncSession) -> int:
    result = await session.execute(select(User))
    return len(result.scalars().all())  # error: XFA508:12


async def inline(session: AsyncSession) -> int:
    return len((await session.execute(select(User))).all())  # error: XFA508:12


def legacy(db: Session) -> int:
    return len(db.query(User).all())  # error: XFA508:12


def sqlmodel_exec(session: SQLModelSession) -> int:
    return len(session.exec(select(User)).all())  # error: XFA508:12


async def awaited_fetch(session: AsyncSession) -> int:
    return len(await get_users(session, active=True))  # error: XFA508:12


async def near_misses(session: AsyncSession, items: list, qs) -> int:
    total = await session.scalar(select(func.count()).select_from(User))
    n = len(items)
    m = len(qs.all())
    k = len(await fetch_remote(items))
    return total + n + m + k


async def fetch_remote(items):
    return items
