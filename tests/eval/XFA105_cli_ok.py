# path: app/permission/migration/reconcile.py
# precision review (sixth reading): a command-line module (argparse, no route handlers,
# `asyncio.run(_main(...))`) keeping a scratch SQLite workspace; its loop serves no requests
import argparse
import asyncio
import sqlite3

import redis


def _create_workspace(path: str) -> sqlite3.Connection:
    return sqlite3.connect(path)


async def _populate(conn: sqlite3.Connection, batch_size: int) -> int:
    rows = conn.execute("SELECT id FROM candidate LIMIT ?", (batch_size,)).fetchall()
    return len(rows)


async def _main(path: str) -> None:
    conn = _create_workspace(path)
    cache = redis.Redis()
    print(await _populate(conn, 100), cache.get("k"))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    asyncio.run(_main(parser.parse_args().path))
