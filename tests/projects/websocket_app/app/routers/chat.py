from fastapi import APIRouter, WebSocket

from app.core import DISCONNECT_ERRORS, NOT_DISCONNECTS, ClientGone
from app.core.errors import DISCONNECT_ERRORS as ERRORS

router = APIRouter()


@router.websocket("/tuple")
async def through_a_reexported_tuple(websocket: WebSocket) -> None:
    await websocket.accept()
    try:
        while True:
            await websocket.send_text(await websocket.receive_text())
    except DISCONNECT_ERRORS:
        return


@router.websocket("/alias")
async def through_an_alias(websocket: WebSocket) -> None:
    try:
        await websocket.receive_text()
    except ERRORS:
        return


@router.websocket("/subclass")
async def through_a_project_subclass(websocket: WebSocket) -> None:
    try:
        await websocket.receive_text()
    except ClientGone:
        return


@router.websocket("/other")
async def a_tuple_without_the_disconnect(websocket: WebSocket) -> None:  # error: XFA314:1
    try:
        await websocket.receive_text()
    except NOT_DISCONNECTS:
        return
