# path: app/api/routes/proxy.py
import httpx
from fastapi import APIRouter, FastAPI

router = APIRouter()
app = FastAPI()


@router.get("/proxy")
async def proxy(url: str):
    async with httpx.AsyncClient() as client:  # error: XFA110:16 "httpx.AsyncClient"
        return (await client.get(url)).json()


@router.get("/nested")
async def nested(url: str):
    def build():
        return httpx.AsyncClient()  # error: XFA110:16

    return build()


@app.on_event("startup")
async def on_startup():
    app.state.client = httpx.AsyncClient()


@app.on_event("startup")
async def open_client():
    client = httpx.AsyncClient()
    app.state.http = client
