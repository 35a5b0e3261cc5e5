from cachetools import TTLCache

cache = TTLCache(maxsize=100, ttl=300)


def put(key, value, redis):
    cache.set(key, value)
    redis.set(key, value)
