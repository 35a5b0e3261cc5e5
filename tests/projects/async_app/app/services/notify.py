import asyncio


async def notify(user_id: int) -> None:
    await asyncio.sleep(0)


def notify_later(user_id: int) -> None:
    """A sync function: calling it as a statement is fine."""


async def stream_events(user_id: int):
    yield user_id


def retry(fn):
    return fn


@retry
async def notify_with_retry(user_id: int) -> None:
    await asyncio.sleep(0)


class Mailer:
    async def send(self, to: str) -> None:
        await asyncio.sleep(0)
