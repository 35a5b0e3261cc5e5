# Optional integrations whose failure is logged with a comment (or a log message) saying
# start-up continues, and cosmetic start-up output, are not reported.
import logging
from contextlib import asynccontextmanager
from importlib.metadata import version

import sentry_sdk
from fastapi import FastAPI
from rich.console import Console

from app.cache import redis
from app.db import database
from app.telemetry import start_telemetry

logger = logging.getLogger(__name__)
console = Console()


@asynccontextmanager
async def lifespan(app: FastAPI):
    try:
        sentry_sdk.init(dsn=app.state.dsn)
    except Exception:
        # optional: the app runs without error tracking
        logger.warning("sentry.unavailable")
    try:
        await start_telemetry()
    except Exception:  # non-fatal, telemetry is best effort
        logger.exception("telemetry.failed")
    # Warm the cache; start-up continues with a cold cache when redis is down
    try:
        await redis.set("warm", 1)
    except ConnectionError:
        logger.warning("cache.warm_failed")
    try:
        await redis.ping()
    except ConnectionError:
        logger.warning("Redis is not reachable, continuing without cache")
    try:
        await redis.load_scripts()
    # degraded mode: rate limiting is off
    except ConnectionError:
        pass
    try:
        banner = f"Orders API {version('orders')}"
        console.print(banner, style="bold")
        logger.info("app.version", extra={"version": version("orders")})
    except Exception:
        pass
    try:
        print("=" * 40)
        print("Orders API starting")
    except Exception:
        pass
    # Connect to the database (required: no fallback, do not continue)
    try:
        await database.connect()
    except Exception:  # error: XFA602:5 "Exception"
        logger.exception("database.unavailable")
    try:
        pool = await database.pool()
        logger.info("pool %s", pool)
    except Exception:  # error: XFA602:5
        pass
    try:
        app.state.banner = "Orders"
        print(app.state.banner)
    except Exception:  # error: XFA602:5
        pass
    try:
        client = redis.client()
        print("redis ready")
    except Exception:  # error: XFA602:5
        logger.warning("redis.failed")
    yield
    app.state.client = client
