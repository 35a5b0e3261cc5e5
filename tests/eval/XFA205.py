# path: app/services/user_service.py
# select: XFA205
from app.db import AsyncSessionLocal, SessionLocal


async def register(db, user):
    db.add(user)
    await db.commit()  # error: XFA205:11 "db.commit"
    return user


class UserService:
    def __init__(self, session):
        self.session = session

    async def rename(self, user, name):
        user.name = name
        await self.session.commit()  # error: XFA205:15


async def handle_webhook(payload):
    async with AsyncSessionLocal() as db:  # the function owns this session
        db.add(payload)
        await db.commit()


def nightly_job():
    session = SessionLocal()  # owns it too
    try:
        session.commit()
    finally:
        session.close()


async def flushes(db, user):
    db.add(user)
    await db.flush()
