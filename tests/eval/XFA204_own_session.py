# path: app/repositories/approval_repository.py
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session

from app.db import engine, sync_engine

SessionLocal = async_sessionmaker(engine, class_=AsyncSession)


@asynccontextmanager
async def get_db_session():
    async with SessionLocal() as session:
        yield session


class ApprovalRepository:
    """A DAO whose every method opens its own session: each call is its own transaction,
    and flush() instead of commit() would lose the write when the session closes."""

    @classmethod
    async def create(cls, row):
        async with get_db_session() as session:
            session.add(row)
            await session.commit()
            await session.refresh(row)
            return row

    @classmethod
    def update(cls, row):
        with Session(sync_engine) as session:
            session.add(row)
            session.commit()
            return row

    @classmethod
    async def remove(cls, row_id):
        async with get_db_session() as session:
            return await _delete_row(session, row_id)

    @classmethod
    async def remove_other(cls, row_id):
        session = SessionLocal()
        try:
            return await _delete_row(session=session, row_id=row_id)
        finally:
            await session.close()


async def _delete_row(session, row_id):
    """Private helper: every caller above passes a session it opened itself."""
    row = await session.get(object, row_id)
    if row is None:
        return False
    await session.delete(row)
    await session.commit()
    return True


async def _mark(session, row):
    """Private helper called once with the caller's own session and once with an injected
    one: that caller's service owns the transaction, so it is reported."""
    row.marked = True
    await session.commit()  # error: XFA204:11 "session.commit"


async def mark_mine(row):
    async with get_db_session() as session:
        await _mark(session, row)


async def mark_theirs(session: AsyncSession, row):
    await _mark(session, row)


async def save(session: AsyncSession, row):
    """Public: any service may call it with its own session."""
    session.add(row)
    await session.commit()  # error: XFA204:11


async def _never_called(session, row):
    await session.commit()  # error: XFA204:11


if __name__ == "__main__":
    with Session(sync_engine) as db:  # the module run as a script: its own session
        db.commit()
