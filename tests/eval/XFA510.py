from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import AsyncSessionLocal, SessionLocal

app = FastAPI()


def get_db_leaky():
    db = SessionLocal()
    yield db
    db.commit()  # error: XFA510:5
    db.close()


async def get_async_db_leaky():
    session = AsyncSessionLocal()
    yield session
    await session.commit()  # error: XFA510:11 "session"


@app.post("/webhooks/inbound")
async def webhook(payload: dict):
    async with AsyncSessionLocal() as db:
        for item in payload["items"]:
            try:
                db.add(item)
                await db.flush()
                await db.commit()  # error: XFA510:23
            except ValueError:
                continue


# -- the correct shapes ------------------------------------------------------------


async def get_db():
    session = AsyncSessionLocal()
    try:
        yield session
        await session.commit()
    except Exception:
        await session.rollback()
        raise
    finally:
        await session.close()


def get_db_finally():
    db = SessionLocal()
    try:
        yield db
        db.commit()
    finally:
        db.close()


async def get_db_ctx():
    async with AsyncSessionLocal() as session:
        yield session
        await session.commit()


async def with_begin(payload: dict):
    async with AsyncSessionLocal() as session:
        async with session.begin():
            session.add(payload)


async def factory_begin(payload: dict):
    async with AsyncSessionLocal.begin() as session:
        session.add(payload)
        await session.commit()


@app.post("/webhooks/twilio")
async def webhook_ok(payload: dict):
    async with AsyncSessionLocal() as db:
        try:
            db.add(payload)
            await db.commit()
        except Exception:
            await db.rollback()
            raise


async def error_propagates(payload: dict):
    async with AsyncSessionLocal() as db:
        db.add(payload)
        await db.commit()


async def try_around_with(payload: dict):
    try:
        async with AsyncSessionLocal() as db:
            db.add(payload)
            await db.commit()
    except Exception:
        return None


class UserService:
    def __init__(self, db: AsyncSession):
        self.db = db

    async def create(self, user):
        self.db.add(user)
        await self.db.commit()


async def request_scoped(user, db: AsyncSession = Depends(get_db)):
    db.add(user)
    await db.commit()
