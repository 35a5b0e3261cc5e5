from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from app.db import SessionLocal


async def per_item(session: AsyncSession, users: list):
    for user in users:
        session.add(user)
        await session.commit()  # error: XFA507:15


def per_item_sync(db: Session, rows: list):
    i = 0
    while i < len(rows):
        db.add(rows[i])
        if rows[i]:
            db.commit()  # error: XFA507:13
        i += 1


async def streamed(session: AsyncSession, source):
    async for row in source:
        session.add(row)
        await session.commit()  # error: XFA507:15


class Importer:
    def __init__(self, db: Session):
        self.db = db

    def run(self, rows):
        for row in rows:
            self.db.add(row)
            self.db.commit()  # error: XFA507:13


async def owned(rows):
    async with SessionLocal() as s:
        for row in rows:
            s.add(row)
            await s.commit()  # error: XFA507:19


async def after_loop(session: AsyncSession, users: list):
    for user in users:
        session.add(user)
    await session.commit()


async def in_else(session: AsyncSession, users: list):
    for user in users:
        session.add(user)
    else:
        await session.commit()


async def nested_function(session: AsyncSession, users: list):
    for user in users:
        async def save(s: AsyncSession = session):
            await s.commit()

        await save()


async def retry(session: AsyncSession, user):
    for attempt in range(3):
        try:
            session.add(user)
            await session.commit()
            break
        except Exception:
            await session.rollback()


async def retry_return(session: AsyncSession, user):
    while True:
        session.add(user)
        await session.commit()
        return user


def not_a_session(repo, items, conn):
    for item in items:
        repo.commit(item)
        git = item.repo
        git.commit()


def per_item_transactions(db: Session, rows: list, log):
    for row in rows:
        try:
            row.touch()
            db.commit()
        except Exception as e:
            log.exception(e)


def dbapi_connection(path: str, rows: list):
    import sqlite3

    db = sqlite3.connect(path)
    for row in rows:
        db.execute("INSERT INTO t VALUES (?)", (row,))
        db.commit()
