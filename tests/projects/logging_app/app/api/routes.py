from ..core import get_logger

logger = get_logger(__name__)


def list_users(page: int) -> list:
    logger.info(f"listing page {page}")  # error: XFA801:5
    logger.debug("users.listed", page=page)  # error: XFA802:34
    try:
        return []
    except KeyError:
        logger.error("users.list_failed")  # error: XFA804:9
        return []
