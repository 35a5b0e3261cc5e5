# path: scripts/warm_cache.py
from redis import Redis

redis = Redis(host="cache")


def warm(rows) -> None:
    for row in rows:
        redis.set(f"profile:{row.id}", row.payload)  # error: XFA513:9 "redis"
