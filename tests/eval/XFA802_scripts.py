# path: .github/release/check_release.py
# keyword arguments raise TypeError in a CI script as anywhere: XFA802 applies everywhere
import logging

logger = logging.getLogger(__name__)


def check(version: str) -> None:
    logger.info("release.checked", version=version)  # error: XFA802:36 "version="
