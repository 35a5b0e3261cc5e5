# path: .github/release/check_release.py
# CI helper scripts log to the CI job's output: out of scope for XFA801 (XFA802 still applies)
import logging

logger = logging.getLogger(__name__)


def check(version: str) -> None:
    logger.info(f"checking release {version}")
    logger.warning("release %s" % version)
