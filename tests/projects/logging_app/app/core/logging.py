"""The project's logging helpers: stdlib loggers behind a function."""
import logging


def get_logger(name: str | None = None) -> logging.Logger:
    return logging.getLogger(name)


def get_plain_logger(name):
    logger = logging.getLogger(name)
    logger.propagate = True
    return logger


def configure_logging(level: int = logging.INFO) -> None:
    logging.basicConfig(level=level)
