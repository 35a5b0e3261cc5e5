# path: app/worker.py
import uvicorn
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware


def create_status_app() -> FastAPI:
    status_app = FastAPI(title="worker")

    @status_app.get("/")
    def status() -> str:
        # the app's only endpoint: nothing to split into routers
        return "worker running"

    return status_app


def login() -> None:
    callback_app = FastAPI()

    @callback_app.get("/callback")
    def callback(code: str) -> str:
        return code

    uvicorn.run(callback_app, port=8765)


def create_sdk_app() -> FastAPI:
    sdk_app = FastAPI()
    sdk_app.add_middleware(CORSMiddleware)

    @sdk_app.get("/health")
    async def health() -> dict:
        # a probe belongs to the app, whether or not it includes routers
        return {"status": "ok"}

    return sdk_app


def create_runner_app() -> FastAPI:
    runner = FastAPI()

    @runner.get("/healthz")
    async def runner_health() -> dict:
        return {"status": "ok"}

    @runner.post("/run")  # error: XFA209:6 "@runner.post"
    async def run() -> dict:
        return {}

    return runner


def create_mixed_app() -> FastAPI:
    mixed = FastAPI()

    async def listing() -> list:
        return []

    mixed.add_api_route("/items", listing)

    @mixed.get("/items/{item_id}")  # error: XFA209:6
    async def read_item(item_id: int) -> dict:
        return {"id": item_id}

    return mixed
