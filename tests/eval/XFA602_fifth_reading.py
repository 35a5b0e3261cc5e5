# fifth precision reading: the comment saying start-up goes on sits above the `if` that
# holds the `try`, or the log message saying so is written on `logging.getLogger(...)`
import asyncio
import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.config import settings
from app.storage import bucket_store, warm_templates, webhooks

logger = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI):
    # Best effort: an unreachable store must not block start-up (uploads degrade).
    if settings.store_bucket:
        try:
            await bucket_store.ensure(settings.store_bucket)
        except Exception as exc:
            logger.warning("store.ensure_failed: %s", exc)
    try:
        await asyncio.wait_for(warm_templates(), timeout=10)
    except Exception:
        logging.getLogger(__name__).warning("template warm-up failed, skipping; first render pays")
    # register the webhook with the provider
    if settings.webhooks_enabled:
        try:
            await webhooks.register()
        except Exception:  # error: XFA602:9 "Exception"
            logger.warning("webhook.register_failed")
    yield
