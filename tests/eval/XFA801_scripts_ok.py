# path: scripts/backfill.py
import logging

logger = logging.getLogger(__name__)


def backfill(count: int) -> None:
    logger.info(f"backfilled {count}")
