import asyncio

import httpx
import requests
from requests import Session

session = requests.Session()
sync_client = httpx.Client()
async_client = httpx.AsyncClient()
plain = Session()


async def through_module_level_clients(url: str):
    session.get(url)  # error: XFA101:5 "session.get"
    sync_client.post(url, json={})  # error: XFA101:5
    plain.request("GET", url)  # error: XFA101:5
    await async_client.get(url)
    session.headers.update({"x": "1"})  # not an HTTP call
    session.close()


async def requests_objects_that_do_not_block(url: str):
    try:
        await async_client.get(url)
    except requests.exceptions.HTTPError:
        raise requests.HTTPError("upstream failed")
    auth = requests.auth.HTTPBasicAuth("u", "p")
    return requests.codes.ok, auth


async def shadowed(url: str, session):
    session.get(url)  # a parameter, not the module-level requests.Session


async def rebound(url: str):
    sync_client = httpx.AsyncClient()
    await sync_client.get(url)


async def executors(url: str):
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, requests.get, url)
    await asyncio.to_thread(requests.get, url)
    await loop.run_in_executor(None, lambda: requests.get(url))


async def session_constructors(url: str):
    with requests.Session() as s:  # error: XFA101:10
        s.get(url)
