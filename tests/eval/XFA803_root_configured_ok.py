# path: lambda/image-resizer/handler.py
# precision review: an entry point that configures the root logger it binds
import logging

logger = logging.getLogger()
logger.setLevel(logging.INFO)


def handler(event, context):
    logger.info("resize")
