# path: app/main.py
import httpx
from fastapi import FastAPI


async def lifespan_body(app):
    async with httpx.AsyncClient() as client:
        app.state.client = client
        yield


app = FastAPI(lifespan=lifespan_body)


@app.get("/ping")
async def ping():
    async with httpx.AsyncClient() as client:  # error: XFA110:16 "httpx.AsyncClient"
        return (await client.get("https://example.com")).status_code


async def helper():
    return httpx.AsyncClient()  # not a handler, and main is not a routes/services file
