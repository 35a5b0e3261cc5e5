# path: app/core/roboflow_api.py
# fifteenth precision reading (roboflow inference): the project's own cache takes its TTL as
# expire=, a keyword redis-py's set() does not accept, so the receiver is not redis-py's client
import redis

from app.core.cache import cache

client = redis.Redis()


def store(key: str, data: str) -> None:
    cache.set(key, data, expire=10)


# still reported: redis-py's client without a TTL


def store_forever(key: str, data: str) -> None:
    client.set(key, data)  # error: XFA513:5
    client.set(key, data, nx=True)  # error: XFA513:5
