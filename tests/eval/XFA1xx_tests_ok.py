# path: tests/api/test_users.py
# Tests serve no requests: blocking calls in async tests and fixtures are not flagged
# (XFA101-XFA105, XFA112); a coroutine a test never awaits is (XFA106: the test checks nothing).
import subprocess
import time

import redis
import requests


def wait_for_server(url: str) -> None:
    requests.get(url, timeout=5)


async def send_welcome(user_id: int) -> None: ...


async def test_live_server() -> None:
    requests.get("http://localhost:8000/health", timeout=5)
    time.sleep(0.1)
    subprocess.run(["alembic", "upgrade", "head"], check=True)
    redis.Redis().flushall()
    wait_for_server("http://localhost:8000")
    with open("fixture.json") as f:
        f.read()


async def test_forgets_await() -> None:
    send_welcome(1)  # error: XFA106:5 "send_welcome"
