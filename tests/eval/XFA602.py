import asyncio
import contextlib
import logging
from contextlib import asynccontextmanager

import sentry_sdk
from fastapi import FastAPI

from app.cache import redis
from app.db import database

logger = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI):
    try:
        await database.connect()
    except Exception:  # error: XFA602:5 "Exception"
        logger.exception("database.unavailable")
    try:
        await redis.ping()
    except (ConnectionError, TimeoutError) as exc:  # error: XFA602:5
        sentry_sdk.capture_exception(exc)
    for name in ("a", "b"):
        try:
            await redis.get(name)
        except KeyError:  # error: XFA602:9
            continue
    try:
        await redis.set("warm", 1)
    except Exception:  # error: XFA602:5
        pass
    yield
    try:
        await database.disconnect()
    except Exception:  # after yield: shutdown, not reported
        logger.exception("database.disconnect_failed")


async def plain_lifespan(application):
    try:
        await database.connect()
    except OSError:  # error: XFA602:5
        print("no database")
    yield


app = FastAPI(lifespan=plain_lifespan)


@contextlib.asynccontextmanager
async def second(_app: FastAPI):
    try:
        await database.connect()
    except OSError:  # error: XFA602:5
        ...
    yield


# near misses
@asynccontextmanager
async def reraises(app: FastAPI):
    try:
        await database.connect()
    except Exception:
        logger.exception("database.unavailable")
        raise
    yield


@asynccontextmanager
async def fallback(app: FastAPI):
    try:
        app.state.cache = await redis.connect()
    except ConnectionError:
        app.state.cache = None
    yield


@asynccontextmanager
async def yield_in_try(app: FastAPI):
    try:
        yield
    except asyncio.CancelledError:
        logger.info("lifespan.cancelled")


@asynccontextmanager
async def retry_loop(app: FastAPI):
    for _ in range(5):
        try:
            await database.connect()
            break
        except OSError:
            logger.warning("database.retry")
            continue
    else:
        raise RuntimeError("database unavailable")
    yield


@asynccontextmanager
async def session_scope():  # does not take the app: not a lifespan
    try:
        await database.connect()
    except Exception:
        pass
    yield database


@asynccontextmanager
async def other_resource(client):
    try:
        await client.open()
    except Exception:
        pass
    yield client


async def not_passed_as_lifespan(app):
    try:
        await database.connect()
    except Exception:
        pass
    yield


async def passed_elsewhere(app):
    try:
        await database.connect()
    except Exception:
        pass
    yield


something = dict(lifespan=passed_elsewhere)
