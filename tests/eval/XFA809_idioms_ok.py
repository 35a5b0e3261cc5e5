# path: app/workers/pump.py
# precision review (reading 5): a directive followed by a reason explains the handler
# (`pragma: no cover — defensive`), and waiting for a task just cancelled ignores how it
# ended, whatever the tuple says
import asyncio


def defensive(span, model) -> None:
    try:
        span.set_attribute("model", model.name)
    except Exception:  # pragma: no cover — defensive
        pass
    try:
        span.set_attribute("model", model.name)
    except Exception:  # pragma: no cover - tracing must never break a request
        pass
    try:
        span.set_attribute("model", model.name)
    except Exception:  # pragma: no cover  # error: XFA809:5
        pass
    try:
        span.set_attribute("model", model.name)
    except Exception:  # type: ignore[misc]  # error: XFA809:5
        pass


class Pump:
    def __init__(self) -> None:
        self._reader: asyncio.Task | None = None
        self._writer: asyncio.Task | None = None

    async def stop(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            try:
                await self._reader
            except (asyncio.CancelledError, Exception):
                pass
        if self._writer is not None:
            self._reader.cancel()
            try:
                await self._writer
            except (asyncio.CancelledError, Exception):  # error: XFA809:13
                pass
        if self._writer is not None:
            self._writer.cancel()
            try:
                await self._writer
                await self.flush()
            except Exception:  # error: XFA809:13
                pass

    async def flush(self) -> None:
        await asyncio.sleep(0)


def close(api) -> None:
    try:
        api.run()
    finally:
        try:
            api.delete_secret("y")
        except Exception:  # error: XFA809:9
            pass
