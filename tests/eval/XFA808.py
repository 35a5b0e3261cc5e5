# select: XFA808
import logging
import logging.handlers
from logging.handlers import RotatingFileHandler

handler = logging.FileHandler("app.log")  # error: XFA808:11 "logging.FileHandler"
rotating = RotatingFileHandler("app.log", maxBytes=10)  # error: XFA808:12
timed = logging.handlers.TimedRotatingFileHandler("app.log")  # error: XFA808:9

LOGGING = {
    "version": 1,
    "handlers": {
        "file": {"class": "logging.handlers.RotatingFileHandler", "filename": "app.log"},  # error: XFA808:27
        "console": {"class": "logging.StreamHandler"},
    },
}

stream = logging.StreamHandler()
