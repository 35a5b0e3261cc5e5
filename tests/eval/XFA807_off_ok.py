# off by default: not reported without select
import logging

logger = logging.getLogger(__name__)
logger.info("User created")
