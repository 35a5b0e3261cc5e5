# path: app/services/odd_service.py
# select: XFA502, XFA512
# Odd syntax around the precision reading's new paths: names bound by match captures,
# walrus, starred and **-splats; the findings below are the only ones, nothing crashes.
import asyncio

from redis.asyncio import Redis
from sqlalchemy import create_engine, delete, text
from sqlalchemy.orm import Session

TABLE = "users"
redis = Redis.from_url("redis://cache")
engine = create_engine("postgresql://app@db/app")  # error: XFA502:10 "create_engine"


async def shadows(session, payload, keys, **kw):
    match payload:
        case {"table": TABLE}:
            await session.execute(text(f"SELECT * FROM t WHERE name = {TABLE}"))  # error: XFA512:40
        case [*rest] if (marks := ",".join("?" * len(rest))):
            await session.execute(text(f"SELECT * FROM t WHERE id IN ({marks})"))  # error: XFA512:40
        case {**others}:
            await session.execute(text(f"SELECT * FROM t WHERE x = '{others}'"))  # error: XFA512:40
    await redis.delete(*keys)
    await redis.set(*keys)
    await redis.delete(**kw)
    result = await session.execute(delete(*keys).returning(*keys))
    return len(result.all()), len((lambda: [])()), len(await asyncio.sleep(0, *keys))


def _callback(*args, **kwargs):
    with Session(engine, **kwargs) as s:  # error: XFA502:10
        s.execute(text("SELECT 1"))


loop = asyncio.get_event_loop()
loop.call_soon(*[_callback])
loop.call_later(1, _callback)
