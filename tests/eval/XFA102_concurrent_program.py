# path: cookbook/tools/parallel.py
# still reported: the program runs tasks side by side, so a blocking sleep stalls them
import asyncio
import time


async def poll(name: str) -> None:
    time.sleep(1)  # error: XFA102:5


async def main() -> None:
    await asyncio.wait([asyncio.ensure_future(poll("a")), asyncio.ensure_future(poll("b"))])


if __name__ == "__main__":
    asyncio.run(main())
