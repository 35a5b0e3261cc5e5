# precision reading: keys this module deletes explicitly are shared state (locks, flags,
# session data), not cache entries that would need a TTL
from redis.asyncio import Redis

redis = Redis.from_url("redis://cache:6379/0")
LOCK_KEY = "reindex:lock"


class JobLock:
    def __init__(self, client: Redis):
        self.redis = client

    async def acquire(self, job_id: str) -> None:
        await self.redis.set(f"lock:{job_id}", "1", nx=True)

    async def release(self, job_id: str) -> None:
        await self.redis.delete(f"lock:{job_id}")


async def start_reindex() -> None:
    await redis.set(LOCK_KEY, "running")
    await redis.hset("reindex:progress", mapping={"done": 0})


async def finish_reindex() -> None:
    await redis.delete(LOCK_KEY, "reindex:progress")


def session_key(sid: str) -> str:
    return f"session:{sid}"


async def login(sid: str, payload: str) -> None:
    await redis.set(session_key(sid), payload)


async def logout(sid: str) -> None:
    await redis.unlink(session_key(sid))


# still caches: nothing here deletes these keys (another prefix, another key)
async def cache_profile(user_id: str, payload: str) -> None:
    await redis.set(f"profile:{user_id}", payload)  # error: XFA513:11 "redis"
    await redis.set(f"lock-{user_id}", payload)  # error: XFA513:11
    await redis.set("reindex:stats", payload)  # error: XFA513:11


async def forget(session, user) -> None:
    await session.delete(user)  # an ORM session, not a key
    await redis.set(user, "1")  # error: XFA513:11
