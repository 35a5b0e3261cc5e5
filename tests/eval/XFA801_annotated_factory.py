# path: app/services/sync.py
# a logger factory annotated ``-> logging.Logger`` whose returns also include a structlog
# logger (stdlib until logging is configured, structlog afterwards): which kind a caller gets
# is not known, so the stdlib-only rule stays silent
import logging

import structlog

_configured = False


def get_logger(name=None) -> logging.Logger:
    if _configured:
        return structlog.get_logger(name or __name__)
    logger = logging.getLogger(name or __name__)
    return logger


def get_plain_logger(name=None) -> logging.Logger:
    logger = logging.getLogger(name or __name__)
    return logger


def get_cached_logger(name: str) -> logging.Logger:
    if name in _CACHE:  # noqa: F821
        return _CACHE[name]  # noqa: F821
    return logging.getLogger(name)


logger = get_logger("sync")
plain = get_plain_logger("sync")
cached = get_cached_logger("sync")


def sync(dataset: str, count: int) -> None:
    logger.info(f"synced {count} files of {dataset}")
    plain.info(f"synced {count} files of {dataset}")  # error: XFA801:5 "f-string"
    cached.info(f"synced {count} files of {dataset}")  # error: XFA801:5
