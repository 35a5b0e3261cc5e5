# path: app/services/rates_service.py
from contextlib import asynccontextmanager
from functools import lru_cache

import aiohttp
import httpx
from fastapi import FastAPI, Request

shared = httpx.AsyncClient()
_client: httpx.AsyncClient | None = None


async def fetch(base: str):
    async with httpx.AsyncClient(timeout=10) as client:  # error: XFA110:16 "httpx.AsyncClient"
        return (await client.get(base)).json()


async def fetch_sync_client(base: str):
    client = httpx.Client()  # error: XFA110:14
    return client


async def fetch_aiohttp(base: str):
    async with aiohttp.ClientSession() as session:  # error: XFA110:16
        return await session.get(base)


def factory() -> httpx.AsyncClient:
    return httpx.AsyncClient()  # error: XFA110:12


def get_client() -> httpx.AsyncClient:
    global _client
    if _client is None:
        _client = httpx.AsyncClient(timeout=30)
    return _client


@lru_cache
def cached_client() -> httpx.AsyncClient:
    return httpx.AsyncClient()


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.http = httpx.AsyncClient()
    yield
    await app.state.http.aclose()


@asynccontextmanager
async def app_lifespan(application):
    async with httpx.AsyncClient() as client:
        application.state.client = client
        yield


async def startup(request: Request):
    request.app.state.client = httpx.AsyncClient()


class RatesService:
    def __init__(self) -> None:
        self._client = httpx.AsyncClient()

    async def client(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient()
        return self._client


# precision review (fifth reading): connection settings that come from the call itself
async def deliver_hook(hook, payload: dict):
    async with httpx.AsyncClient(timeout=5.0, verify=hook.check_tls) as client:
        await client.post(hook.url, json=payload)


async def query_sidecar(sock_path: str):
    transport = httpx.AsyncHTTPTransport(uds=sock_path)
    async with httpx.AsyncClient(transport=transport) as client:
        return (await client.get("http://sidecar/status")).json()


async def query_agent(sock_path: str):
    async with httpx.AsyncClient(transport=httpx.AsyncHTTPTransport(uds=sock_path)) as client:
        return (await client.get("http://agent/health")).json()


VERIFY_TLS = True


async def fetch_configured(base: str):
    async with httpx.AsyncClient(verify=VERIFY_TLS, transport=httpx.AsyncHTTPTransport(retries=2)) as client:  # error: XFA110:16
        return (await client.get(base)).json()
