# path: app/main.py
import fastapi
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse

app = FastAPI(title="shop")
api: FastAPI = fastapi.FastAPI()
router = APIRouter()


@app.get("/items")  # error: XFA209:2 "@app.get"
async def list_items() -> list:
    return []


@api.post("/orders")  # error: XFA209:2
async def create_order() -> dict:
    return {}


@api.get("/orders")  # error: XFA209:2
async def list_orders() -> list:
    return []


@app.api_route("/prices", methods=["GET", "HEAD"])  # error: XFA209:2
async def prices() -> list:
    return []


@app.websocket("/ws")  # error: XFA209:2
async def ws(websocket) -> None:
    await websocket.accept()


def create_app() -> FastAPI:
    application = FastAPI()

    @application.get("/settings")  # error: XFA209:6
    async def read_settings() -> dict:
        return {}

    @application.put("/settings")  # error: XFA209:6
    async def write_settings() -> dict:
        return {}

    return application


# near misses ---------------------------------------------------------------


@router.get("/users")
async def list_users() -> list:
    return []


@app.exception_handler(ValueError)
async def value_error_handler(request: Request, exc: ValueError) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=400)


@app.middleware("http")
async def add_header(request: Request, call_next):
    return await call_next(request)


@app.on_event("startup")
async def startup() -> None:
    pass


def build(app: APIRouter):
    @app.get("/x")  # a parameter: could be a router
    async def x() -> dict:
        return {}

    return app


def build_router():
    app = APIRouter()  # a local router hides the module's FastAPI app

    @app.get("/y")
    async def y() -> dict:
        return {}

    return app
