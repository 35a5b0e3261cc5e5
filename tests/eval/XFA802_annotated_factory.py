# path: app/modules/chunking.py
# structlog-style keyword arguments on the logger of a factory annotated ``-> logging.Logger``
# that returns a structlog logger once logging is configured: not known to be stdlib
import logging

import structlog

_configured = False


def get_logger(name=None) -> logging.Logger:
    if _configured:
        return structlog.get_logger(name or __name__)
    return logging.getLogger(name or __name__)


def get_plain_logger(name=None) -> logging.Logger:
    return logging.getLogger(name or __name__)


logger = get_logger()
plain = get_plain_logger()


def chunk(index: int, size: int) -> None:
    logger.debug("chunk.created", chunk_index=index, chunk_size=size)
    plain.debug("chunk.created", chunk_index=index)  # error: XFA802:34 "chunk_index="
