import socketio
from fastapi import APIRouter, FastAPI
from starlette.applications import Starlette

app = FastAPI(on_startup=[lambda: None])  # error: XFA601:7
router = APIRouter(on_shutdown=[lambda: None])  # error: XFA601:10
sio = socketio.AsyncServer()
socket_app = socketio.ASGIApp(sio)


@app.on_event("startup")  # error: XFA601:2 "app.on_event"
async def connect() -> None: ...


@router.on_event("shutdown")  # error: XFA601:2
async def disconnect() -> None: ...


app.add_event_handler("startup", connect)  # error: XFA601:1
app.router.add_event_handler("shutdown", disconnect)  # error: XFA601:1


def create_app() -> FastAPI:
    application = FastAPI()
    application.add_event_handler("startup", connect)  # error: XFA601:5
    return application


def install(server: FastAPI) -> None:
    server.add_event_handler("shutdown", disconnect)  # error: XFA601:5


starlette_app = Starlette(on_startup=[connect])  # error: XFA601:17


# near misses: not FastAPI objects, no handlers, forwarding wrappers
@sio.on_event("connect")
async def on_connect() -> None: ...


socket_app.on_event("startup")
FastAPI(on_startup=None)
FastAPI(on_startup=[])


class Wrapper:
    def __init__(self, on_startup=None):
        self.app = FastAPI(on_startup=on_startup)

    def on_event(self, event_type):
        return self.app.on_event(event_type)

    def add_event_handler(self, event_type, func):
        self.router.add_event_handler(event_type, func)


def service(worker) -> None:
    worker.on_event("startup")


from app.factory import create_app  # noqa: E402
import typer  # noqa: E402

application = create_app()
application.add_event_handler("startup", connect)  # error: XFA601:1
cli_app = typer.Typer()
cli_app.on_event("startup")
