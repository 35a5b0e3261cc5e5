# path: tests/test_rate_limit.py
from redis.asyncio import Redis

redis = Redis.from_url("redis://localhost:6379/15")


async def test_blocked_after_limit() -> None:
    await redis.set("rate:1.2.3.4", 100)
    await redis.hset("user:1", mapping={"name": "a"})
