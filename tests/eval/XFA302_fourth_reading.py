# path: app/main.py
# select: XFA302
from fastapi import APIRouter, FastAPI

app = FastAPI(openapi_url=None)
api = FastAPI()
router = APIRouter()
debug = APIRouter(include_in_schema=False)


# near-misses (fourth reading): probes and routes outside any OpenAPI schema
@api.get("/alive")
async def alive():
    return {"status": "ok"}


@api.get("/healthz")
async def healthz():
    return {"message": "healthy"}


@app.get("/")
async def index():
    return {"message": "server is running"}


@debug.get("/pools")
async def pool_stats():
    return {"size": 4}


@router.get("/status", include_in_schema=False)
async def hidden_status():
    return {"ok": True}


def create_viewer() -> FastAPI:
    app = FastAPI(openapi_url=None, docs_url=None)

    @app.get("/")
    async def root() -> dict[str, str]:
        return {"message": "viewer is running"}

    return app


def create_api() -> FastAPI:
    app = FastAPI()  # not the module's app (openapi_url=None)

    @app.get("/info")
    async def info() -> dict[str, str]:
        return {"name": "api"}  # error: XFA302:16

    return app


# still flagged: API routes of a documented app
@router.get("/flags")
async def flags():
    return {"saas": True}  # error: XFA302:12


@api.get("/health/{component}")
async def component_health(component: str):
    return {"component": component}  # error: XFA302:12
