from fastapi import WebSocketDisconnect
from starlette.websockets import WebSocketDisconnect as StarletteDisconnect


class ClientGone(WebSocketDisconnect):
    pass


DISCONNECT_ERRORS = (StarletteDisconnect, ConnectionResetError)
NOT_DISCONNECTS = (ValueError, KeyError)
