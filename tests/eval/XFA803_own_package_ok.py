# path: fastapi/logger.py
# the package's own logger, named as the package the file is in
import logging

logger = logging.getLogger("fastapi")
