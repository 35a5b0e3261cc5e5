# path: app/main.py
from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from app.api.routes import items, users
from app.core.config import API_PREFIX, HEALTH

app = FastAPI()
app.include_router(users.router)
app.include_router(items.router, prefix=API_PREFIX)

# the app includes routers: its own probes, root page and fallback are app-level routes


@app.head(HEALTH, include_in_schema=False)
@app.get(HEALTH)
async def health() -> str:
    return "OK"


@app.get("/readyz")
async def readiness() -> str:
    return "OK"


@app.get("/", include_in_schema=False)
async def index() -> dict:
    return {"docs": "/docs"}


@app.get(API_PREFIX + "/{rest:path}", status_code=404)
async def unknown_api(rest: str) -> None:
    return None


@app.api_route(path="/{file_path:path}", methods=["GET", "HEAD"])
async def spa(file_path: str) -> str:
    return file_path


# other routes on it still belong on a router


@app.get("/orders")  # error: XFA209:2 "@app.get"
async def list_orders() -> list:
    return []


@app.get("/admin")  # error: XFA209:2
async def admin() -> RedirectResponse:
    return RedirectResponse("/admin/")


@app.post("/")  # error: XFA209:2
async def root_form() -> dict:
    return {}


def create_worker_app() -> FastAPI:
    worker = FastAPI()

    @worker.get("/health")
    async def worker_health() -> dict:
        # no routers on this app, but a probe belongs to the app all the same
        return {"ok": True}

    @worker.post("/jobs")  # error: XFA209:6
    async def enqueue() -> dict:
        # no routers on this app: its other routes are its API
        return {}

    return worker


def create_admin_app() -> FastAPI:
    admin_app = FastAPI()
    admin_app.mount("/static", StaticFiles(directory="static"))

    @admin_app.get("/")
    async def admin_index() -> dict:
        return {}

    @admin_app.post("/users")  # error: XFA209:6
    async def create_user() -> dict:
        return {}

    return admin_app
