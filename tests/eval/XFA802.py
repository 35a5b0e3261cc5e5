import logging

import structlog

logger = logging.getLogger(__name__)


def handler(user_id: int, data: dict) -> None:
    logger.info("user.created", user_id=user_id)  # error: XFA802:33 "user_id="
    logger.warning("user.created", extra={"a": 1}, email="x", exc_info=True)  # error: XFA802:52
    logging.error("module", request_id="abc")  # error: XFA802:29
    logger.log(logging.INFO, "user.created", level_name="x")  # error: XFA802:46


def near_misses(user_id: int, data: dict) -> None:
    logger.info("user.created", extra={"user_id": user_id})
    logger.error("failed", exc_info=True, stack_info=False, stacklevel=2)
    logger.info(msg="user.created")
    logger.log(level=logging.INFO, msg="user.created")
    logger.info("user.created", **data)


slog = structlog.get_logger()


def structured(user_id: int) -> None:
    slog.info("user.created", user_id=user_id)
