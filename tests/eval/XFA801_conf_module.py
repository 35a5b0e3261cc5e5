# path: app/conf.py
# still reported: an application's own conf.py is not Sphinx's (no extensions/html_theme)
import logging

logger = logging.getLogger(__name__)

DATABASE_URL = "postgresql://localhost/app"
logger.info(f"Using {DATABASE_URL}")  # error: XFA801:1
