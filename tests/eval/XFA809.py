import asyncio
import contextlib


def handler(path: str, task: asyncio.Task) -> None:
    try:
        remove(path)
    except OSError:  # error: XFA809:5
        pass
    try:
        remove(path)
    except (KeyError, Exception):  # error: XFA809:5
        ...
    try:
        remove(path)
    except:  # error: XFA809:5
        pass
    try:
        remove(path)
    except* Exception:  # error: XFA809:5
        pass
    try:
        remove(path)
    except BaseException:  # error: XFA809:5
        pass
    try:
        remove(path)
    except (FileNotFoundError, IOError):  # error: XFA809:5
        pass
    try:
        remove(path)
    except KeyboardInterrupt:  # error: XFA809:5
        pass
    try:
        remove(path)
    except Exception as e: pass  # error: XFA809:5 "pass"
    try:
        remove(path)
    except Exception:  # error: XFA809:5
        pass
        pass
    try:
        remove(path)
    except Exception:  # noqa: F401  # error: XFA809:5
        pass  # type: ignore


async def cancel(task: asyncio.Task) -> None:
    try:
        await task
        remove("x")
    except asyncio.CancelledError:  # error: XFA809:5
        pass


def near_misses(path: str) -> None:
    try:
        remove(path)
    except OSError:  # the file may already be gone
        pass
    try:
        remove(path)
    except OSError:
        pass  # the file may already be gone
    try:
        remove(path)
    except OSError:
        # the file may already be gone
        pass
    try:
        remove(path)
    except asyncio.CancelledError:
        raise
    try:
        remove(path)
    except OSError:
        return
    try:
        remove(path)
    except OSError:  # noqa: S110  # best effort, the file may be gone
        pass
    with contextlib.suppress(OSError):
        remove(path)
    try:
        import ujson as json
    except ImportError:
        pass
    try:
        import orjson
    except (ImportError, ModuleNotFoundError):
        pass


async def awaited(task: asyncio.Task) -> None:
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass


def lookup(table: dict, key: str) -> str:
    value = "default"
    try:
        found = table[key]
    except KeyError:
        pass
    else:
        value = found.upper()
    return value
