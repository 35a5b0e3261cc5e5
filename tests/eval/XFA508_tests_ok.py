# path: tests/users/test_service.py
# precision review: tests assert on the handful of rows their fixtures created
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import OAuthAccount


async def test_accounts_are_linked(session: AsyncSession, user) -> None:
    result = await session.execute(select(OAuthAccount).where(OAuthAccount.user_id == user.id))
    assert len(result.scalars().all()) == 2
