# path: tests/test_session_leaks.py
# precision reading: sessions built in tests are doubles and probes that never commit
from unittest.mock import MagicMock

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker


async def test_session_is_closed(engine) -> None:
    probe = AsyncSession(engine)
    await probe.close()
    assert not probe.in_transaction()


def test_factory_double(engine) -> None:
    factory = async_sessionmaker(engine)
    session = MagicMock(spec=AsyncSession)
    assert factory and session
