# select: XFA807
import logging

import structlog

logger = logging.getLogger(__name__)
slog = structlog.get_logger()


def handler(user_id: int) -> None:
    logger.info("User created", extra={"user_id": user_id})  # error: XFA807:17 "User created"
    logger.info("user_created")  # error: XFA807:17
    logger.log(logging.INFO, "Created %s", user_id)  # error: XFA807:30
    logging.warning("user.Created")  # error: XFA807:21


def near_misses(user_id: int, name: str) -> None:
    logger.info("user.created", extra={"user_id": user_id})
    logger.info("payment.charge_failed")
    logger.info(f"User {name}")
    logger.info(name)
    slog.info("User created")
