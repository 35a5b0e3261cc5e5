# path: app/fetchers/log.py
# precision review (reading 5): a named logger whose children a function of the module hands
# out is the root of a subsystem's loggers, not the module's own logger
import logging

logger = logging.getLogger("billing.fetchers")
_log = logging.getLogger("billing.audit")  # error: XFA803:8 "'billing.audit'"


def get_logger(name: str) -> logging.Logger:
    return logger.getChild(name)


def get_audit_child(name: str) -> logging.Logger:
    child = _log.getChild(name)
    child.setLevel(logging.INFO)
    return child
