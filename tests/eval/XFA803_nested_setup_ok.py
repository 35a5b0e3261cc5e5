# path: app/settings.py
# seventh reading (khoj): a Django settings module that sets up the named logger of an
# optional embedded database when imported, inside a module-level ``if``
import logging
import os

USE_EMBEDDED_DB = os.getenv("USE_EMBEDDED_DB") == "true"

if USE_EMBEDDED_DB:
    logger = logging.getLogger("pgserver_django")
    logger.setLevel(logging.INFO)
    if not logger.handlers:
        handler = logging.StreamHandler()
        logger.addHandler(handler)
