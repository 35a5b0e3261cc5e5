# path: app/routes/ws.py
import contextlib

from fastapi import APIRouter, FastAPI, WebSocket, WebSocketDisconnect
from starlette.websockets import WebSocketDisconnect as Disconnect

router = APIRouter()
app = FastAPI()
DISCONNECT_ERRORS = (WebSocketDisconnect, ConnectionResetError)
CLOSED = DISCONNECT_ERRORS + (RuntimeError,)
PARSE_ERRORS = (ValueError, KeyError)
GONE = Disconnect


@router.websocket("/ws")
async def echo(websocket: WebSocket) -> None:  # error: XFA314:1 "echo"
    await websocket.accept()
    while True:
        text = await websocket.receive_text()
        await websocket.send_text(text)


@app.websocket("/stream")
async def stream(websocket: WebSocket) -> None:  # error: XFA314:1
    await websocket.accept()
    try:
        async for message in websocket.iter_json():
            await handle(message)
    except ValueError:
        await websocket.close()


@router.websocket("/parse-only")
async def parse_only(websocket: WebSocket) -> None:  # error: XFA314:1
    try:
        await websocket.receive_json()
    except PARSE_ERRORS:  # a tuple of this module without WebSocketDisconnect
        await websocket.close()


@router.websocket("/nested")
async def nested(websocket: WebSocket) -> None:  # error: XFA314:1
    async def inner() -> None:
        try:
            pass
        finally:
            pass

    await websocket.receive_bytes()


# near-misses
@router.websocket("/ok1")
async def ok1(websocket: WebSocket) -> None:
    await websocket.accept()
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        await release(websocket)


@router.websocket("/ok2")
async def ok2(websocket: WebSocket) -> None:
    try:
        await websocket.receive_text()
    except (ValueError, Disconnect):
        await release(websocket)


@router.websocket("/ok3")
async def ok3(websocket: WebSocket) -> None:
    try:
        await websocket.receive_text()
    finally:
        await release(websocket)


@router.websocket("/ok4")
async def ok4(websocket: WebSocket) -> None:
    try:
        await websocket.receive_text()
    except Exception:
        await release(websocket)


@router.websocket("/ok5")
async def ok5(websocket: WebSocket) -> None:
    with contextlib.suppress(WebSocketDisconnect):
        await websocket.receive_text()


@router.websocket("/ok6")
async def ok6(websocket: WebSocket) -> None:
    await manager.serve(websocket)  # delegates: the helper handles the socket


@router.websocket("/ok7")
async def ok7(websocket: WebSocket) -> None:
    try:
        await websocket.receive_text()
    except:  # noqa: E722
        await release(websocket)


@router.get("/not-ws")
async def not_ws(websocket: WebSocket) -> None:
    await websocket.receive_text()


@router.websocket("/ok8")
async def ok8(websocket: WebSocket) -> None:
    try:
        await websocket.receive_text()
    except DISCONNECT_ERRORS:  # a tuple of this module holding WebSocketDisconnect
        await release(websocket)


@router.websocket("/ok9")
async def ok9(websocket: WebSocket) -> None:
    try:
        await websocket.receive_text()
    except CLOSED:  # built from that tuple
        await release(websocket)


@router.websocket("/ok10")
async def ok10(websocket: WebSocket) -> None:
    with contextlib.suppress(*DISCONNECT_ERRORS):
        await websocket.receive_text()


@router.websocket("/ok11")
async def ok11(websocket: WebSocket) -> None:
    try:
        await websocket.receive_text()
    except (ValueError, GONE):  # an alias of this module
        await release(websocket)
