# path: docs/examples/parallel_example.py
# near miss of XFA101_sequential_program.py: the program runs coroutines side by side
# (asyncio.gather), so a blocking call in one stalls the others
import asyncio

import requests


async def fetch(url: str) -> int:
    return requests.get(url).status_code  # error: XFA101:12 "requests.get"


async def main() -> None:
    await asyncio.gather(fetch("http://a"), fetch("http://b"))


if __name__ == "__main__":
    asyncio.run(main())
