# select: XFA908
# path: app/services/user_service.py
import logging

logger = logging.getLogger(__name__)
logger.info("user.fetch")
