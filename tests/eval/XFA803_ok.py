# path: tests/test_logging.py
import logging

logger = logging.getLogger("tests")
