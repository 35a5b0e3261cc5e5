# select: XFA908
# path: app/repositories/user_repository.py
import logging

import structlog

logger = logging.getLogger(__name__)
slog = structlog.get_logger()


async def get_user(db, user_id: int):
    logger.info("user.fetch", extra={"user_id": user_id})  # error: XFA908:5
    slog.debug("user.fetch")  # error: XFA908:5
    logging.warning("module")  # error: XFA908:5
    audit_log = []
    audit_log.append("x")
    return await db.get(user_id)
