import asyncio

import redis.asyncio as aioredis
from redis import Redis

client = aioredis.from_url("redis://cache:6379/0")
redis = Redis(host="cache")
event = asyncio.Event()


async def cache_things(key: str, value: str):
    await client.set(key, value)  # error: XFA513:11 "client"
    redis.set(key, value, nx=True)  # error: XFA513:5
    redis.hset(key, mapping={"a": 1})  # error: XFA513:5
    redis.mset({key: value})  # error: XFA513:5


class Cache:
    def __init__(self):
        self.redis = aioredis.from_url("redis://cache")

    async def put(self, key: str, value: str):
        await self.redis.set(key, value)  # error: XFA513:15


async def annotated(conn: aioredis.Redis, key: str):
    await conn.set(key, "1")  # error: XFA513:11


async def near_misses(key: str, value: str, store: dict, pipe):
    await client.set(key, value, ex=60)
    await client.set(key, value, px=1500)
    await client.set(key, value, keepttl=True)
    await client.set(key, value, 60)
    await client.setex(key, 60, value)
    redis.hset(key, mapping={"a": 1})
    redis.expire(key, 300)
    redis.set(key, value)
    redis.expire(key, 60)
    event.set()
    store.set(key, value)
    pipe.set(key, value)
    await client.set(**store)
