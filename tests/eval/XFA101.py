import http.client
import urllib.request

import httpx
import requests
import requests as r
from requests import get as fetch
from fastapi.concurrency import run_in_threadpool


async def handler(url: str):
    requests.get(url)  # error: XFA101:5 "requests.get"
    r.post(url, json={})  # error: XFA101:5
    fetch(url)  # error: XFA101:5
    data = urllib.request.urlopen(url).read()  # error: XFA101:12
    conn = http.client.HTTPSConnection("example.com")  # error: XFA101:12
    httpx.get(url)  # error: XFA101:5
    with httpx.Client() as client:  # error: XFA101:10
        client.get(url)
    return [requests.get(u) for u in (url,)]  # error: XFA101:13


async def near_misses(url: str):
    def sync_helper():
        return requests.get(url)

    await run_in_threadpool(requests.get, url)
    blocking = lambda: requests.get(url)  # noqa: E731
    async with httpx.AsyncClient() as client:
        await client.get(url)

    class Inner:
        value = requests.get  # not called


def plain_sync(url: str):
    return requests.get(url)
