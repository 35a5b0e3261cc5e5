# path: app/repositories/user_repository.py
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session


class UserRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def create(self, user):
        self.session.add(user)
        await self.session.commit()  # error: XFA204:15 "self.session.commit"
        return user

    async def update(self, user):
        await self.session.flush()  # flush is fine
        await self.session.refresh(user)
        return user

    async def undo(self):
        await self.session.rollback()


def create_user(db: Session, user):
    db.add(user)
    db.commit()  # error: XFA204:5


def create_item(session, item):
    session.add(item)
    session.commit()  # error: XFA204:5


def not_a_session(conn, repo, client: "HttpClient"):
    conn.commit()
    repo.commit()
    client.commit()
