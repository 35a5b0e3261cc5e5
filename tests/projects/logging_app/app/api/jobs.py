import logging

from app.core.logging import get_logger

logger = logging.getLogger("app.jobs")  # error: XFA803:10
audit = get_logger("app.audit")  # the project's helper, not logging.getLogger: XFA803 does not apply
