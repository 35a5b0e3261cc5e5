from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from app.db import SessionLocal


async def per_item(session: AsyncSession, users: list):
    for user in users:
        session.add(user)
        await session.commit()  # error: XFA507:15 "session"


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


# precision review: one commit per batch is the batching seed 004 asks for
async def per_batch(session: AsyncSession, batches, rows, stmt, batch_size: int):
    for batch in batches:
        session.add_all(batch)
        await session.commit()
    for start in range(0, len(rows), batch_size):
        session.add_all(rows[start : start + batch_size])
        await session.commit()
    for chunk in batched(rows, 500):
        session.add_all(chunk)
        await session.commit()
    while True:
        result = await session.execute(stmt.limit(500))
        if not result.rowcount:
            break
        await session.commit()
    while True:
        result = await session.execute(stmt, {"limit": batch_size})
        await session.commit()
        if not result.rowcount:
            break


def threshold(db: Session, source):
    pending = []
    for i, row in enumerate(source):
        db.add(row)
        if i % 1000 == 0:
            db.commit()
        pending.append(row)
        if len(pending) >= 500:
            db.commit()
            pending = []


# still one commit per item: the items of a batch, a row of a paged result
async def per_item_of_batch(session: AsyncSession, batch, stmt):
    for batch_row in batch:
        session.add(batch_row)
        await session.commit()  # error: XFA507:15
    while True:
        rows = (await session.execute(stmt.limit(100))).scalars().all()
        if not rows:
            break
        for row in rows:
            row.done = True
            await session.commit()  # error: XFA507:19


# precision reading: a session opened inside the loop body is that iteration's own unit of
# work, and its commit is the unit's one commit
async def session_per_item(documents, engine):
    for document in documents:
        async with SessionLocal() as s:
            s.add(document)
            await s.commit()
    for document in documents:
        with Session(engine) as db_session, open(document.path) as fh:
            document.body = fh.read()
            db_session.commit()
    for document in documents:
        with get_session_with_current_tenant() as db_session:
            if document.stale:
                db_session.commit()
    for document in documents:
        db = SessionLocal()
        try:
            db.add(document)
            db.commit()
        finally:
            db.close()


# still one commit per item: the session outlives the loop, or another session is committed
async def shared_session(documents, session: AsyncSession):
    async with SessionLocal() as s:
        for document in documents:
            async with SessionLocal() as other:
                s.add(document)
                await s.commit()  # error: XFA507:23
                await other.close()


def seed_users(db: Session, users: list):
    for user in users:
        db.add(user)
        db.commit()  # a test-data builder (seed function)
