"""structlog loggers, which take keyword arguments."""
import structlog

log = structlog.get_logger()


def get_struct_logger(name: str):
    return structlog.get_logger(name).bind(module=name)
