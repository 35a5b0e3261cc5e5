# path: app/settings.py
# near miss of XFA803_nested_setup_ok.py: the ``if`` block binds the named logger but
# configures nothing, so it is still a hand-written module logger name
import logging
import os

if os.getenv("VERBOSE"):
    logger = logging.getLogger("pgserver_django")  # error: XFA803:14 "pgserver_django"
    logger.info("verbose")
