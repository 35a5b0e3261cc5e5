# path: app/services/user_service.py
import fastapi
import starlette.exceptions
from fastapi import Depends, HTTPException
from fastapi import HTTPException as HE
from fastapi.exceptions import HTTPException as FE
from starlette.exceptions import HTTPException as StarletteHTTPException


async def get_user(repo, user_id: int):
    user = await repo.get(user_id)
    if user is None:
        raise HTTPException(status_code=404, detail="User not found")  # error: XFA201:9 "HTTPException"
    if not user.active:
        raise HE(403)  # error: XFA201:9
    if user.locked:
        raise FE(status_code=423)  # error: XFA201:9
    if user.deleted:
        raise StarletteHTTPException(410)  # error: XFA201:9
    if user.banned:
        raise fastapi.HTTPException(403)  # error: XFA201:9
    if user.gone:
        raise starlette.exceptions.HTTPException(404) from None  # error: XFA201:9
    raise HTTPException  # error: XFA201:5


def nested():
    def inner():
        raise HTTPException(400)  # error: XFA201:9

    return inner


# near misses ---------------------------------------------------------------


class UserNotFoundError(Exception):
    pass


class NotFound(HTTPException):  # a project subclass: flagged where it is raised
    pass


InvalidCredentials = HTTPException(status_code=401)


def raises_domain_errors(user):
    if user is None:
        raise UserNotFoundError()
    raise NotFound(404)  # error: XFA201:5


def raises_instance():
    raise InvalidCredentials  # error: XFA201:5


def reraise():
    try:
        pass
    except Exception:
        raise


async def current_user(token: str = Depends(lambda: "t")):
    raise HTTPException(401)  # a dependency defined in the services file


def current_admin(request):
    raise HTTPException(403)  # passed to Depends() below


AdminDep = Depends(current_admin)
