import logging
from logging import getLogger

logger = logging.getLogger()  # error: XFA803:10
log = getLogger("users")  # error: XFA803:7 "users"
LOGGER: logging.Logger = logging.getLogger(__file__)  # error: XFA803:26
_logger = logging.getLogger(name="svc")  # error: XFA803:11


class Repo:
    log = logging.getLogger("repo")  # error: XFA803:11


module_logger_ok = logging.getLogger(__name__)
logger = logging.getLogger(__name__)
logger = logging.getLogger(f"{__name__}.sql")
uvicorn_logger = logging.getLogger("uvicorn.error")
logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
root = logging.getLogger()


def configure_logging() -> None:
    log = logging.getLogger("uvicorn.error")
    log.setLevel(logging.INFO)
    logger = logging.getLogger()
    logger.handlers.clear()


if __name__ == "__main__":
    logger = logging.getLogger("script")
