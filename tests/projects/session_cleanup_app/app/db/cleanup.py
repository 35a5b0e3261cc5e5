"""Helpers that end a session the caller opened (fifth precision reading)."""

import logging

from sqlalchemy.ext.asyncio import AsyncSession

logger = logging.getLogger(__name__)


async def release_session(session: AsyncSession, reason: str) -> None:
    try:
        await session.rollback()
    except Exception:
        logger.warning("rollback failed: %s", reason)
    await session.close()


async def note_session(session: AsyncSession, reason: str) -> None:
    logger.info("session done: %s", reason)
