from loguru import logger as log

__all__ = ["log"]
