# seventh precision reading (skyvern): a start-up clean-up of the sessions a previous
# process left active is housekeeping; the app serves without it. Loading the data it
# serves with, and starting the reaper that stops a leak, are still reported.
import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.llm import load_custom_llm_configs
from app.sessions import manager

LOG = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI):
    try:
        await load_custom_llm_configs()
    except Exception:  # error: XFA602:5 "Exception"
        LOG.exception("Failed to load custom LLM configs")

    # Close browser sessions left active by a previous process
    try:
        await manager.cleanup_stale_sessions()
    except Exception:
        LOG.exception("Failed to clean up stale browser sessions")

    try:
        manager.purge_expired_tokens()
    except Exception:
        LOG.exception("Failed to purge tokens")

    try:
        manager.start_reaper()
    except Exception:  # error: XFA602:5
        LOG.exception("Failed to start persistent browser session reaper")

    try:
        await manager.cleanup_stale_sessions()
        await manager.open_pool()
    except Exception:  # error: XFA602:5
        LOG.exception("Failed to prepare sessions")
    yield
