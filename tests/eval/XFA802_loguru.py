# loggers of other libraries take keyword arguments
import logging

from loguru import logger

std = logging.getLogger(__name__)


def handler(user_id: int) -> None:
    logger.info("user.created", user_id=user_id)
    logger.bind(request_id="x").info("user.created", user_id=user_id)
    std.info("user.created", user_id=user_id)  # error: XFA802:30 "user_id="
