from sqlalchemy import delete, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session
from sqlmodel import Session as SQLModelSession

from app.crud import get_users
from app.filters import visible
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


async def list_users(session: AsyncSession, active: bool) -> list[User]:
    result = await session.execute(select(User).where(User.active == active))
    return result.scalars().all()


def list_names(db: Session) -> list[str]:
    return list(db.scalars(select(User.name)))


async def awaited_fetch(session: AsyncSession, db: Session) -> int:
    n = len(await list_users(session, active=True))  # error: XFA508:9
    return n + len(list_names(db))  # error: XFA508:16


async def near_misses(session: AsyncSession, items: list, qs) -> int:
    total = await session.scalar(select(func.count()).select_from(User))
    n = len(items)
    m = len(qs.all())
    k = len(await fetch_remote(items))
    return total + n + m + k


async def fetch_remote(items):
    return items


# precision reading: the rows of DELETE/UPDATE ... RETURNING are what the statement
# changed (their count is rowcount), and a project function's result is not a query's rows
# unless this file shows it


async def returning(session: AsyncSession, ids: list[int]) -> int:
    result = await session.execute(delete(User).where(User.id.in_(ids)).returning(User.id))
    deleted = len(result.scalars().all())
    stmt = update(User).where(User.active).values(active=False).returning(User.id)
    changed = len((await session.execute(stmt)).all())
    raw = await session.execute(text("DELETE FROM sessions WHERE expired RETURNING id"))
    purged = len(raw.all())
    inserted = len((await session.execute(User.__table__.insert().returning(User.id), [{}])).all())
    return deleted + changed + purged + inserted


def only_visible(users: list[User]) -> list[User]:
    return [u for u in users if u.active]


async def pick(session: AsyncSession, users: list[User]) -> list[User]:
    rows = await list_users(session, active=True)
    return [u for u in rows if u.name] if users else rows


async def project_functions(session: AsyncSession, users: list[User]) -> int:
    a = len(await get_users(session, active=True))  # not visible here: imported
    b = len(only_visible(users))
    c = len(await pick(session, users))  # one of its returns filters a list
    d = len(visible(users))
    return a + b + c + d


async def shadowing(session: AsyncSession, list_users) -> int:
    return len(await list_users(session, active=True))  # the parameter, not this file's function
