# path: app/core/logger.py
# near misses of the logging-setup exemption: a setup function that import does not run,
# and module-level level tweaks of other libraries' loggers, configure nothing for this one
import logging


def setup_logging() -> None:
    logging.basicConfig(level=logging.INFO)


logger = logging.getLogger("saas")  # error: XFA803:10 "saas"
logging.getLogger("httpx").setLevel(logging.WARNING)
setup = setup_logging
