import logging
import logging as lg
from logging import getLogger

import structlog
from loguru import logger as loguru_logger
from app.core.log import app_logger

logger = logging.getLogger(__name__)
log = getLogger(__name__)
LOGGER = lg.getLogger(__name__).getChild("db")
alias = logger


class Service:
    logger = logging.getLogger(__name__)

    def __init__(self) -> None:
        self.log = logging.getLogger("svc")
        self.other = structlog.get_logger()

    def run(self, user_id: int, name: str) -> None:
        self.logger.info(f"run {user_id}")  # error: XFA801:9
        self.log.warning("user %s" % name)  # error: XFA801:9
        Service.logger.info("a {}".format(name))  # error: XFA801:9
        self.other.info(f"structlog {user_id}")


def handler(user_id: int, name: str) -> None:
    logger.info(f"User {user_id} created")  # error: XFA801:5
    logger.debug("User %s created" % user_id)  # error: XFA801:5
    logger.warning("User {} created".format(user_id))  # error: XFA801:5
    logger.error("User " + name + " created")  # error: XFA801:5
    logger.error(name + " created")  # error: XFA801:5
    log.critical(f"x {name}")  # error: XFA801:5
    LOGGER.exception(f"x {name}")  # error: XFA801:5
    logging.info(f"module-level {name}")  # error: XFA801:5
    lg.warning(f"aliased module {name}")  # error: XFA801:5
    logger.log(logging.INFO, f"level {name}")  # error: XFA801:5
    alias.info(f"alias {name}")  # error: XFA801:5
    logging.getLogger(__name__).info(f"inline {name}")  # error: XFA801:5
    local = logging.getLogger("local")
    local.info(f"local {name}")  # error: XFA801:5


def typed(lgr: logging.Logger, name: str) -> None:
    lgr.info(f"param {name}")  # error: XFA801:5


def near_misses(user_id: int, name: str, prefix: str, lgr) -> None:
    logger.info("user.created", extra={"user_id": user_id})
    logger.info("User %s created", user_id)
    logger.info(f"constant f-string without placeholders")
    logger.info("user.created " "implicit concat")
    logger.info(prefix + name)  # no string literal: unknown
    logger.log(logging.INFO, "level %s", name)
    loguru_logger.info(f"loguru {name}")
    app_logger.info(f"unknown origin {name}")
    lgr.info(f"untyped parameter {name}")
    structlog.get_logger().info(f"structlog {name}")
    slog = structlog.get_logger()
    slog.info(f"structlog {name}")
    logger.info(name)
    logger.info(*[name])
    undefined_logger.info(f"bound nowhere {name}")  # noqa: F821


def shadowing(name: str) -> None:
    logger = structlog.get_logger()
    logger.info(f"shadowed {name}")
