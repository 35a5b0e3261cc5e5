# path: app/tools/cache_probe.py
# precision review (sixth reading): the coroutine a module starts as a program may use a sync
# client; the coroutines of a server module it does not start are still checked
import asyncio
import sqlite3

import redis

workspace = sqlite3.connect("scratch.db")


async def handler_like(key: str) -> bytes | None:
    return redis.Redis().get(key)  # error: XFA105:12 "redis"


async def main() -> None:
    rows = workspace.execute("SELECT 1").fetchall()
    print(rows, redis.Redis().get("k"))


if __name__ == "__main__":
    asyncio.run(main())
