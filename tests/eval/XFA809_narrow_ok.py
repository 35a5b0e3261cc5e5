# path: app/services/files.py
# precision review (reading 4): a specific exception class names the condition that is
# expected; only broad classes (bare, Exception, BaseException, OSError, interrupts) are reported
import asyncio
import json
import os
import time

import httpx


class UserDoesNotExistError(Exception):
    pass


def best_effort_cleanup(path: str, paths: list[str]) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    for other in paths:
        try:
            os.remove(other)
        except (FileNotFoundError, PermissionError):
            pass
    try:
        os.unlink(path)
    except OSError:  # error: XFA809:5
        pass


def poll(client: httpx.Client, url: str) -> dict:
    for _ in range(10):
        try:
            return client.get(url).json()
        except httpx.TimeoutException:
            pass
        time.sleep(1)
    while True:
        try:
            return client.get(url).json()
        except Exception:  # error: XFA809:9
            pass


def parse_fallbacks(raw: str, stats: dict, choices: list[str]) -> int:
    size = 0
    try:
        size = int(raw)
    except (TypeError, ValueError):
        pass
    try:
        stats.update(json.loads(raw))
    except json.JSONDecodeError:
        ...
    for choice in choices:
        try:
            return int(choice)
        except ValueError:
            pass
    try:
        size += stats["extra"]
    except KeyError:
        pass
    try:
        size += stats["more"]
    except:  # noqa: E722
        pass
    return size


async def expected_outcomes(queue: asyncio.Queue, item: object, users) -> None:
    try:
        queue.put_nowait(item)
    except asyncio.QueueFull:
        pass
    try:
        await users.get("a@example.com")
    except UserDoesNotExistError:
        pass
    try:
        queue.put_nowait(item)
        await users.get("a@example.com")
    except asyncio.CancelledError:  # error: XFA809:5
        pass
