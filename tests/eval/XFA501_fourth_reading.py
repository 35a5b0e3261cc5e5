from unittest.mock import MagicMock

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session, sessionmaker

from app.db import engine
from app.models import Order

SyncLocal = sessionmaker(bind=engine)
AsyncLocal = async_sessionmaker(engine)
fake_maker = MagicMock()


async def sync_session_in_async_code() -> int:
    with SyncLocal() as session:
        return session.query(Order).count()  # error: XFA501:16 "session"


async def async_session_in_async_code() -> int:
    async with AsyncLocal() as session:
        return session.query(Order).count()  # error: XFA501:16


async def annotated_async(session: AsyncSession) -> int:
    return session.query(Order).count()  # error: XFA501:12


def sync_code(db: Session) -> int:
    return db.query(Order).count()  # error: XFA501:12


async def test_double() -> None:
    with fake_maker() as session:
        session.query(MagicMock()).filter(MagicMock()).first()


def mock_session() -> None:
    session = MagicMock()
    session.query(Order).all()


class Store:
    async def check(self, store) -> None:
        with store.session_maker() as session:
            session.query(Order).first()  # error: XFA501:13
