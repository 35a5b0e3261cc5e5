# path: app/services/order_service.py
from typing import Annotated

from fastapi import Depends
from fastapi.exceptions import HTTPException
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.core.base import ProjectError


class AppError(HTTPException):
    pass


class OrderNotFound(AppError):  # two levels down
    pass


class Teapot(StarletteHTTPException):
    pass


class OrderError(Exception):
    pass


class Unknown(ProjectError):  # its base cannot be followed here
    pass


GONE = OrderNotFound(410)
DOMAIN = OrderError("order")
Auth = Annotated[str, Depends(lambda: "token")]


def find(order_id):
    if order_id is None:
        raise OrderNotFound(404)  # error: XFA201:9
    if order_id == 0:
        raise OrderNotFound  # error: XFA201:9
    if order_id == 1:
        raise Teapot(418)  # error: XFA201:9
    if order_id == 2:
        raise GONE  # error: XFA201:9
    if order_id == 3:
        raise DOMAIN
    if order_id == 4:
        raise OrderError()
    raise Unknown()


def current_order(auth: Auth):
    raise OrderNotFound(404)  # a dependency: HTTP errors belong there
