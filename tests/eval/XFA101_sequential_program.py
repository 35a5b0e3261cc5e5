# path: docs/examples/proxy_example.py
# A one-shot program that does one thing at a time (ninth reading: crawl4ai's examples and
# demos): the module runs its own loop in its __main__ block and starts no concurrent work, so
# a blocking call outside any open async client delays nothing else.
import asyncio

import requests

from crawler import AsyncWebCrawler


async def fetch_proxy_list() -> list[str]:
    return requests.get("http://localhost:8000/proxies").json()  # awaited in sequence: silent


async def main() -> None:
    proxies = requests.get("http://localhost:8000/proxies").json()  # before the crawler opens: silent
    await fetch_proxy_list()
    async with AsyncWebCrawler(proxies=proxies) as crawler:
        # the crawler's browser connection and tasks live on the loop now
        requests.post("http://localhost:8000/report", json={})  # error: XFA101:9 "requests.post"
        await crawler.arun("https://example.com")


if __name__ == "__main__":
    asyncio.run(main())
