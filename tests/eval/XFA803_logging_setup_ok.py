# path: app/core/logger.py
# precision review (reading 4): the app's logging setup module, configuring handlers at
# import through its own functions, exports the named logger it configures
import logging
import sys


def setup_json_logger(target: logging.Logger) -> None:
    handler = logging.StreamHandler(sys.stdout)
    target.addHandler(handler)


def setup_all_loggers() -> None:
    setup_json_logger(logging.getLogger())
    for name in ("httpx", "sqlalchemy.engine"):
        logging.getLogger(name).setLevel("WARNING")


logger = logging.getLogger("saas")
setup_all_loggers()
